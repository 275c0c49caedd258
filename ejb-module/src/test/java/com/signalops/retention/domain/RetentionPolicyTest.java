package com.signalops.retention.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.signalops.shared.BusinessException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract's defaults and floors, the legal audit floor from configuration, and the cutoff a period gives. */
class RetentionPolicyTest {

    @Test
    void theDefaultsAreTheContracts() {
        assertEquals(Map.of("orders", 400, "leakFindings", 730, "webhookInbox", 30, "importFiles", 7, "jobHistory", 90, "auditRecords", 365,
                "securityEvents", 730), RetentionPolicy.defaults(365).asMap());
    }

    @Test
    void aLongerLegalFloorRaisesTheAuditDefaultAndFloorButAShorterOneNeverGoesBelowAYear() {
        assertEquals(2190, RetentionPolicy.defaults(2190).days(RetentionCategory.AUDIT_RECORDS));
        assertEquals(2190, RetentionPolicy.floor(RetentionCategory.AUDIT_RECORDS, 2190));
        assertEquals(365, RetentionPolicy.defaults(30).days(RetentionCategory.AUDIT_RECORDS));
        assertEquals(365, RetentionPolicy.floor(RetentionCategory.AUDIT_RECORDS, 30));
    }

    @Test
    void aChangeBelowAFloorAboveTheMaximumOrNotANumberIsRefusedNamingThePeriod() {
        RetentionPolicy defaults = RetentionPolicy.defaults(365);
        assertEquals(120, defaults.with(Map.of("orders", " 120 "), 365).days(RetentionCategory.ORDERS));
        assertEquals(90, defaults.with(Map.of("orders", "90"), 365).days(RetentionCategory.ORDERS), "the floor itself is allowed");
        assertRefused("orders must be kept at least 90 and at most 3660 days, not 89", () -> defaults.with(Map.of("orders", "89"), 365));
        assertRefused("auditRecords must be kept at least 730 and at most 3660 days, not 700",
                () -> defaults.with(Map.of("auditRecords", "700"), 730));
        assertRefused("securityEvents must be kept at least 365 and at most 3660 days, not 3661",
                () -> defaults.with(Map.of("securityEvents", "3661"), 365));
        assertRefused("importFiles must be a whole number of days, not 7.5", () -> defaults.with(Map.of("importFiles", "7.5"), 365));
        assertRefused("webhookInbox needs a number of days", () -> defaults.with(Map.of("webhookInbox", ""), 365));
        assertRefused("Unknown retention setting forever", () -> defaults.with(Map.of("forever", "1"), 365));
    }

    @Test
    void whatIsOlderThanThePeriodBeforeAsOfIsExpired() {
        Instant asOf = Instant.parse("2026-11-20T03:45:00Z");
        assertEquals(LocalDateTime.parse("2026-10-21T03:45:00"), RetentionPolicy.defaults(365).cutoff(RetentionCategory.WEBHOOK_INBOX, asOf));
    }

    private static void assertRefused(String message, org.junit.jupiter.api.function.Executable change) {
        BusinessException refused = assertThrows(BusinessException.class, change);
        assertEquals("retention.invalid", refused.code());
        assertEquals(message, refused.getMessage());
    }
}
