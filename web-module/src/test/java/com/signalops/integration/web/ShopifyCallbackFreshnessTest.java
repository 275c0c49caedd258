package com.signalops.integration.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShopifyCallbackFreshnessTest {

    private static final Instant NOW = Instant.parse("2026-11-25T20:00:00Z");

    @Test
    void acceptsATimestampWithinTenMinutesEitherWay() {
        assertTrue(ShopifyCallbackServlet.fresh(Long.toString(NOW.getEpochSecond()), NOW));
        assertTrue(ShopifyCallbackServlet.fresh(Long.toString(NOW.minusSeconds(600).getEpochSecond()), NOW));
        assertTrue(ShopifyCallbackServlet.fresh(Long.toString(NOW.plusSeconds(600).getEpochSecond()), NOW));
    }

    @Test
    void refusesAnOldAFutureOrAnUnreadableTimestamp() {
        assertFalse(ShopifyCallbackServlet.fresh(Long.toString(NOW.minusSeconds(601).getEpochSecond()), NOW));
        assertFalse(ShopifyCallbackServlet.fresh(Long.toString(NOW.plusSeconds(601).getEpochSecond()), NOW));
        assertFalse(ShopifyCallbackServlet.fresh("yesterday", NOW));
        assertFalse(ShopifyCallbackServlet.fresh("", NOW));
        assertFalse(ShopifyCallbackServlet.fresh(Long.toString(Long.MAX_VALUE), NOW));
    }
}
