package com.signalops.retention.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of data a workspace keeps for a limited time, each with its default period and its floor in days: the
 * sweep never deletes sooner than the floor, whatever a workspace sets. The floor of audit records is the larger of
 * one year and the legal floor in configuration ({@link RetentionPolicy#auditFloor}).
 */
public enum RetentionCategory {

    /** Raw orders with their line items, discount codes and refunds, by the order's {@code created_at}. */
    ORDERS("orders", 400, 90),
    /** Resolved and dismissed revenue-leak findings, by {@code last_seen_at}; open ones stay while open. */
    LEAK_FINDINGS("leakFindings", 730, 90),
    /** Handled webhook deliveries, by {@code received_at}. */
    WEBHOOK_INBOX("webhookInbox", 30, 7),
    /** The files of finished imports, by the import's {@code finished_at}. */
    IMPORT_FILES("importFiles", 7, 1),
    /** Records of finished jobs: imports (with their skipped lines) and the job repository. */
    JOB_HISTORY("jobHistory", 90, 7),
    /** Audit records, as a sealed prefix of the workspace's chain, by {@code occurred_at}. */
    AUDIT_RECORDS("auditRecords", 365, 365),
    /** Security events, by {@code occurred_at}. */
    SECURITY_EVENTS("securityEvents", 730, 365);

    /** No period may exceed ten years. */
    public static final int MAX_DAYS = 3660;

    private final String key;
    private final int defaultDays;
    private final int floorDays;

    RetentionCategory(String key, int defaultDays, int floorDays) {
        this.key = key;
        this.defaultDays = defaultDays;
        this.floorDays = floorDays;
    }

    /** The name the console, the audit record and the job write: {@code leakFindings}. */
    public String key() {
        return key;
    }

    public int defaultDays() {
        return defaultDays;
    }

    public int floorDays() {
        return floorDays;
    }

    public static Optional<RetentionCategory> fromKey(String key) {
        return Arrays.stream(values()).filter(category -> category.key.equals(key)).findFirst();
    }
}
