package com.signalops.audit.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.signalops.shared.BusinessException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditFilterTest {

    private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void takesBlankValuesForAbsentOnes() {
        AuditFilter filter = AuditFilter.builder().action("  ").actor("USER", " 7 ").build();

        assertNull(filter.action());
        assertEquals("7", filter.actorId());
        assertEquals(AuditFilter.DEFAULT_PAGE_SIZE, filter.pageSize());
    }

    @Test
    void refusesAPageSizeOutsideOneTo200() {
        assertEquals(200, AuditFilter.builder().pageSize(200).build().pageSize());
        assertEquals("audit.invalid-filter", assertThrows(BusinessException.class, () -> AuditFilter.builder().pageSize(0).build()).code());
        assertThrows(BusinessException.class, () -> AuditFilter.builder().pageSize(201).build());
    }

    @Test
    void refusesATimeRangeThatEndsBeforeItStarts() {
        assertThrows(BusinessException.class, () -> AuditFilter.builder().between(NOON, NOON).build());
        assertThrows(BusinessException.class, () -> AuditFilter.builder().between(NOON, NOON.minusSeconds(1)).build());
        assertEquals(NOON, AuditFilter.builder().between(NOON, null).build().from());
    }

    @Test
    void refusesAnUnknownSeverityAndAnUnreadableCursor() {
        assertEquals(Severity.HIGH, SecurityEventFilter.severity("high"));
        assertNull(SecurityEventFilter.severity(""));
        assertThrows(BusinessException.class, () -> SecurityEventFilter.severity("urgent"));
        assertEquals(PageCursor.after(12), PageCursor.parse("after-12"));
        assertEquals("before-3", PageCursor.before(3).toString());
        assertEquals("audit.invalid-cursor", assertThrows(BusinessException.class, () -> PageCursor.parse("sideways-1")).code());
        assertThrows(BusinessException.class, () -> PageCursor.parse("before-x"));
    }
}
