package com.signalops.identity.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The brute-force limits of sign-in: after {@value #ACCOUNT_FAILURES} failures for one account,
 * or {@value #ADDRESS_FAILURES} from one address, within {@link #WINDOW}, further attempts are
 * refused until {@link #LOCKOUT} has passed since the failure that reached the limit. A refusal
 * looks exactly like a wrong password to the caller.
 */
public final class LoginThrottle {

    public static final int ACCOUNT_FAILURES = 5;
    public static final int ADDRESS_FAILURES = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration LOCKOUT = Duration.ofMinutes(15);

    /** How far back attempts matter: a window before the start of the longest lockout. */
    public static final Duration LOOKBACK = WINDOW.plus(LOCKOUT);

    /**
     * Whether an attempt at {@code now} is refused, given the failed attempts (times, any order)
     * for the account and for the address over at least {@link #LOOKBACK}.
     */
    public boolean refuses(List<Instant> accountFailures, List<Instant> addressFailures, Instant now) {
        return lockedUntil(accountFailures, ACCOUNT_FAILURES, now).isAfter(now)
                || lockedUntil(addressFailures, ADDRESS_FAILURES, now).isAfter(now);
    }

    /**
     * The end of the latest lockout that {@code failures} caused: when {@code limit} failures
     * fall within one window, the lockout runs from the one that reached the limit.
     */
    static Instant lockedUntil(List<Instant> failures, int limit, Instant now) {
        List<Instant> sorted = failures.stream().filter(t -> !t.isAfter(now)).sorted().toList();
        Instant until = Instant.MIN;
        for (int i = limit - 1; i < sorted.size(); i++) {
            Instant reached = sorted.get(i);
            Instant first = sorted.get(i - limit + 1);
            if (Duration.between(first, reached).compareTo(WINDOW) <= 0) {
                Instant end = reached.plus(LOCKOUT);
                if (end.isAfter(until)) {
                    until = end;
                }
            }
        }
        return until;
    }
}
