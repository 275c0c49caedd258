package com.signalops.privacy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivacyRequestTest {

    @Test
    void isDueThirtyDaysAfterReceipt() {
        Instant received = Instant.parse("2026-03-01T10:15:30.123Z");
        for (PrivacyRequestKind kind : PrivacyRequestKind.values()) {
            PrivacyRequest request = new PrivacyRequest(7, kind, 191167L, List.of(1L, 2L), "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", received);
            assertEquals(Instant.parse("2026-03-31T10:15:30.123Z"), request.dueAt(), kind.name());
            assertEquals(PrivacyRequest.Status.OPEN, request.status());
            assertEquals(List.of(1L, 2L), request.shopifyOrderIds());
        }
    }
}
