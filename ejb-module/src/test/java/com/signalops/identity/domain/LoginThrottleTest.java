package com.signalops.identity.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sign-in limits, with a clock that the test moves instead of sleeping. */
class LoginThrottleTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle();

    private static List<Instant> failures(int count, Duration apart) {
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(T0.plus(apart.multipliedBy(i)));
        }
        return times;
    }

    @Test
    void fourFailuresDoNotLockTheAccountFiveDo() {
        List<Instant> four = failures(4, Duration.ofMinutes(1));
        assertFalse(throttle.refuses(four, four, T0.plusSeconds(300)));
        List<Instant> five = failures(5, Duration.ofMinutes(1));
        assertTrue(throttle.refuses(five, five, T0.plusSeconds(300)));
    }

    @Test
    void theLockLastsFifteenMinutesFromTheFailureThatReachedTheLimit() {
        List<Instant> five = failures(5, Duration.ofMinutes(1));
        Instant fifth = five.get(4);
        assertTrue(throttle.refuses(five, List.of(), fifth.plus(Duration.ofMinutes(15)).minusSeconds(1)));
        assertFalse(throttle.refuses(five, List.of(), fifth.plus(Duration.ofMinutes(15))));
    }

    @Test
    void failuresSpreadBeyondTheWindowDoNotLock() {
        List<Instant> spread = failures(5, Duration.ofMinutes(4));
        assertFalse(throttle.refuses(spread, List.of(), T0.plus(Duration.ofMinutes(17))));
    }

    @Test
    void twentyFailuresFromOneAddressLockIt() {
        List<Instant> nineteen = failures(19, Duration.ofSeconds(30));
        assertFalse(throttle.refuses(List.of(), nineteen, T0.plus(Duration.ofMinutes(10))));
        List<Instant> twenty = failures(20, Duration.ofSeconds(30));
        assertTrue(throttle.refuses(List.of(), twenty, T0.plus(Duration.ofMinutes(10))));
        assertFalse(throttle.refuses(List.of(), twenty, twenty.get(19).plus(Duration.ofMinutes(15))));
    }

    @Test
    void futureTimestampsDoNotCount() {
        List<Instant> five = failures(5, Duration.ofMinutes(1));
        assertFalse(throttle.refuses(five, List.of(), T0.minusSeconds(1)));
    }
}
