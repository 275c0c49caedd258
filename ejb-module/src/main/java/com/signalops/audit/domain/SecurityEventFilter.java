package com.signalops.audit.domain;

import java.time.Instant;
import java.util.Locale;

/**
 * What the security event viewer looks for: type and severity (null for any), the half-open time
 * range {@code [from, to)}, and a page of 1 to {@value AuditFilter#MAX_PAGE_SIZE} events.
 */
public record SecurityEventFilter(String type, Severity severity, Instant from, Instant to, int pageSize) {

    public SecurityEventFilter {
        type = AuditFilter.value(type, "type");
        AuditFilter.checkRange(from, to);
        AuditFilter.checkPageSize(pageSize);
    }

    /** Every event, a page of the default size. */
    public static SecurityEventFilter none() {
        return new SecurityEventFilter(null, null, null, null, AuditFilter.DEFAULT_PAGE_SIZE);
    }

    /** The severity named {@code name} (any case), null for blank; anything else is an invalid filter. */
    public static Severity severity(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Severity.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw AuditFilter.invalid("unknown severity " + name.strip());
        }
    }
}
