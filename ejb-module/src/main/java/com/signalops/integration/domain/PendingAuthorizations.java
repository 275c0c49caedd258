package com.signalops.integration.domain;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The Shopify authorizations one browser session has started and not finished, each under its own
 * single-use {@code state}: 32 random bytes, base64url. A state is taken back at most once, whether
 * the callback that presents it succeeds or not; it runs out after {@link #LIFETIME}. At most
 * {@link #MAX_PENDING} are kept, the oldest dropped first. States are compared in constant time.
 * Kept in the HTTP session, so a state is worth nothing in another session.
 */
public final class PendingAuthorizations implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How long Shopify's answer may take: the merchant reads and approves the requested access. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    public static final int MAX_PENDING = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<PendingAuthorization> pending = new ArrayList<>();

    /** Starts an authorization of store {@code storeId} with shop {@code shopDomain}; answers it with its new state. */
    public synchronized PendingAuthorization begin(long workspaceId, long storeId, String shopDomain, long userId, Instant now) {
        pending.removeIf(p -> p.isExpired(now));
        while (pending.size() >= MAX_PENDING) {
            pending.remove(0);
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        PendingAuthorization started = new PendingAuthorization(Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                workspaceId, storeId, shopDomain, userId, now.plus(LIFETIME));
        pending.add(started);
        return started;
    }

    /**
     * The authorization of {@code state}, taken out: a second call with the same state answers
     * empty. Empty too when no authorization of this session has that state, or it has run out.
     */
    public synchronized Optional<PendingAuthorization> consume(String state, Instant now) {
        if (state == null || state.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = state.getBytes(StandardCharsets.UTF_8);
        PendingAuthorization found = null;
        for (PendingAuthorization candidate : pending) {
            // every candidate compared, in constant time: the timing says nothing of how close a guess was
            if (MessageDigest.isEqual(candidate.state().getBytes(StandardCharsets.UTF_8), presented)) {
                found = candidate;
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        pending.remove(found);
        return found.isExpired(now) ? Optional.empty() : Optional.of(found);
    }

    /** How many are waiting for Shopify's answer (expired ones included until the next {@link #begin}). */
    public synchronized int size() {
        return pending.size();
    }
}
