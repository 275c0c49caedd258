package com.signalops.audit.domain;

import com.signalops.shared.BusinessException;
import java.time.Instant;

/**
 * What the audit viewers look for: each condition is optional (null matches every record), the
 * time range is half-open {@code [from, to)}, and a page holds 1 to {@value #MAX_PAGE_SIZE} records.
 * Blank values count as absent.
 */
public record AuditFilter(String actorType, String actorId, String action, String entityType, String entityId,
        String outcome, String source, Instant from, Instant to, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;
    /** Longer than any column a condition applies to: a longer value is a mistake, not a search. */
    static final int MAX_VALUE_LENGTH = 120;

    public AuditFilter {
        actorType = value(actorType, "actorType");
        actorId = value(actorId, "actorId");
        action = value(action, "action");
        entityType = value(entityType, "entityType");
        entityId = value(entityId, "entityId");
        outcome = value(outcome, "outcome");
        source = value(source, "source");
        checkRange(from, to);
        checkPageSize(pageSize);
    }

    /** Every record, a page of the default size. */
    public static AuditFilter none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same conditions with pages of {@code size}. */
    public AuditFilter withPageSize(int size) {
        return new AuditFilter(actorType, actorId, action, entityType, entityId, outcome, source, from, to, size);
    }

    static String value(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_VALUE_LENGTH) {
            throw invalid(name + " is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        return trimmed;
    }

    static void checkRange(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid("the time range must end after it starts");
        }
    }

    static void checkPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw invalid("the page size must be between 1 and " + MAX_PAGE_SIZE + ", was " + pageSize);
        }
    }

    static BusinessException invalid(String why) {
        return new BusinessException("audit.invalid-filter", "Invalid audit filter: " + why);
    }

    /** Builds a filter condition by condition. */
    public static final class Builder {

        private String actorType;
        private String actorId;
        private String action;
        private String entityType;
        private String entityId;
        private String outcome;
        private String source;
        private Instant from;
        private Instant to;
        private int pageSize = DEFAULT_PAGE_SIZE;

        private Builder() {
        }

        public Builder actor(String type, String id) {
            this.actorType = type;
            this.actorId = id;
            return this;
        }

        public Builder action(String action) {
            this.action = action;
            return this;
        }

        public Builder entity(String type, String id) {
            this.entityType = type;
            this.entityId = id;
            return this;
        }

        public Builder outcome(String outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder between(Instant from, Instant to) {
            this.from = from;
            this.to = to;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        public AuditFilter build() {
            return new AuditFilter(actorType, actorId, action, entityType, entityId, outcome, source, from, to, pageSize);
        }
    }
}
