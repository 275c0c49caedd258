package com.signalops.integration.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PendingAuthorizationsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T19:00:00Z");
    private static final String SHOP = "demo-01.myshopify.com";

    @Test
    void givesBackTheAuthorizationOfItsStateOnce() {
        PendingAuthorizations pending = new PendingAuthorizations();
        PendingAuthorization started = pending.begin(7, 42, SHOP, 3, NOW);
        PendingAuthorization taken = pending.consume(started.state(), NOW.plusSeconds(30)).orElseThrow();
        assertEquals(42, taken.storeId());
        assertEquals(7, taken.workspaceId());
        assertEquals(SHOP, taken.shopDomain());
        assertEquals(3, taken.userId());
        assertTrue(pending.consume(started.state(), NOW.plusSeconds(31)).isEmpty(), "single use: a replay finds nothing");
    }

    @Test
    void refusesAStateItDidNotIssue() {
        PendingAuthorizations pending = new PendingAuthorizations();
        PendingAuthorization started = pending.begin(7, 42, SHOP, 3, NOW);
        PendingAuthorizations otherSession = new PendingAuthorizations();
        assertTrue(otherSession.consume(started.state(), NOW).isEmpty(), "a state of another session");
        assertTrue(pending.consume(started.state() + "x", NOW).isEmpty(), "a tampered state");
        assertTrue(pending.consume("", NOW).isEmpty());
        assertTrue(pending.consume(null, NOW).isEmpty());
        assertTrue(pending.consume(started.state(), NOW).isPresent(), "the real one is still there");
    }

    @Test
    void refusesAnExpiredStateAndUsesItUp() {
        PendingAuthorizations pending = new PendingAuthorizations();
        PendingAuthorization started = pending.begin(7, 42, SHOP, 3, NOW);
        assertTrue(pending.consume(started.state(), NOW.plus(PendingAuthorizations.LIFETIME)).isEmpty());
        assertEquals(0, pending.size());
    }

    @Test
    void issuesUnguessableStatesOfThirtyTwoRandomBytes() {
        PendingAuthorizations pending = new PendingAuthorizations();
        Set<String> states = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String state = pending.begin(7, i, SHOP, 3, NOW).state();
            assertTrue(state.matches("[A-Za-z0-9_-]{43}"), state);
            states.add(state);
        }
        assertEquals(100, states.size());
    }

    @Test
    void keepsAtMostFiveDroppingTheOldest() {
        PendingAuthorizations pending = new PendingAuthorizations();
        PendingAuthorization first = pending.begin(7, 1, SHOP, 3, NOW);
        for (int i = 2; i <= 6; i++) {
            pending.begin(7, i, SHOP, 3, NOW);
        }
        assertEquals(PendingAuthorizations.MAX_PENDING, pending.size());
        assertTrue(pending.consume(first.state(), NOW).isEmpty());
    }

    @Test
    void survivesSessionSerialisationAndNeverShowsTheState() throws Exception {
        PendingAuthorizations pending = new PendingAuthorizations();
        PendingAuthorization started = pending.begin(7, 42, SHOP, 3, NOW);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(pending);
        }
        PendingAuthorizations restored;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            restored = (PendingAuthorizations) in.readObject();
        }
        assertTrue(restored.consume(started.state(), NOW).isPresent());
        assertFalse(started.toString().contains(started.state()));
        assertNotEquals(started.state(), pending.begin(7, 42, SHOP, 3, NOW).state());
    }
}
