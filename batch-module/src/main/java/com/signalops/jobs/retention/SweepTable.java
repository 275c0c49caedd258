package com.signalops.jobs.retention;

import com.signalops.retention.domain.RetentionCategory;
import com.signalops.retention.domain.RetentionPolicy;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collections;

/**
 * The tables the sweep deletes from, in the order it sweeps them within a workspace, each with the period that
 * applies, its key and the column whose age counts. A row is expired when that column lies before the cutoff (strictly:
 * a row one instant inside the period stays) and the extra condition holds. Rows of no workspace (webhooks of an
 * unknown shop, sign-in events, job triggers) are swept under workspace key 0 with the default periods.
 */
enum SweepTable {

    /** Orders; their line items, discount codes, refunds and refund lines go with them (ON DELETE CASCADE). */
    ORDERS("commerce_order", RetentionCategory.ORDERS, "commerce_order", "workspace_id", "store_id", "order_id", "created_at", "", "",
            true, false),
    /** Findings stay while open or acknowledged, whatever their age. */
    LEAK_FINDINGS("leak_finding", RetentionCategory.LEAK_FINDINGS, "leak_finding", "workspace_id", null, "id", "last_seen_at",
            " AND status IN ('RESOLVED', 'DISMISSED')", "", true, false),
    /** The dashboards' daily open totals, kept as long as findings. */
    LEAK_DAILY_TOTALS("leak_daily_total", RetentionCategory.LEAK_FINDINGS, "leak_daily_total", "workspace_id", null, "id", "day", "", "",
            true, false),
    /** How far each analysis run came, kept with the job history. */
    LEAK_ANALYSIS_PROGRESS("leak_analysis_progress", RetentionCategory.JOB_HISTORY, "leak_analysis_progress", "workspace_id", null, "id",
            "started_at", "", "", true, false),
    /** The nightly analysis' claims of a store's night, kept with the job history. */
    LEAK_NIGHTLY_RUNS("leak_nightly_run", RetentionCategory.JOB_HISTORY, "leak_nightly_run", "workspace_id", null, "id", "claimed_at", "",
            "", true, false),
    /** A delivery not yet processed stays. */
    WEBHOOK_INBOX("webhook_inbox", RetentionCategory.WEBHOOK_INBOX, "webhook_inbox", "workspace_id", null, "id", "received_at",
            " AND status <> 'RECEIVED'", "", true, true),
    /** The files of a finished import: deleted from the import folder, the row marked. */
    IMPORT_FILES("import_files", RetentionCategory.IMPORT_FILES, "store_import", "workspace_id", null, "id", "finished_at",
            " AND status <> 'RUNNING' AND files_deleted_at IS NULL", " AND files_deleted_at IS NULL", true, false),
    /** A finished import's row and skipped lines, once its files' period is over too (its files go with it). */
    IMPORTS("store_import", RetentionCategory.JOB_HISTORY, "store_import", "workspace_id", null, "id", "finished_at",
            " AND status <> 'RUNNING'", "", true, false) {
        @Override
        LocalDateTime cutoff(RetentionPolicy policy, Instant asOf) {
            LocalDateTime history = policy.cutoff(RetentionCategory.JOB_HISTORY, asOf);
            LocalDateTime files = policy.cutoff(RetentionCategory.IMPORT_FILES, asOf);
            return history.isBefore(files) ? history : files;
        }
    },
    /** The scheduler's record of each trigger; no workspace. */
    SCHEDULED_JOB_RUNS("scheduled_job_run", RetentionCategory.JOB_HISTORY, "scheduled_job_run", null, null, "id", "started_at", "", "",
            false, true),
    SECURITY_EVENTS("security_event", RetentionCategory.SECURITY_EVENTS, "security_event", "workspace_id", null, "id", "occurred_at",
            "", "", true, true);

    /** Workspace key of the rows that belong to no workspace. */
    static final long NO_WORKSPACE = 0L;

    private final String label;
    private final RetentionCategory category;
    private final String table;
    private final String workspaceColumn;
    private final String partColumn;
    private final String keyColumn;
    private final String ageColumn;
    private final String extra;
    private final String present;
    private final boolean inWorkspace;
    private final boolean withoutWorkspace;

    SweepTable(String label, RetentionCategory category, String table, String workspaceColumn, String partColumn, String keyColumn,
            String ageColumn, String extra, String present, boolean inWorkspace, boolean withoutWorkspace) {
        this.label = label;
        this.category = category;
        this.table = table;
        this.workspaceColumn = workspaceColumn;
        this.partColumn = partColumn;
        this.keyColumn = keyColumn;
        this.ageColumn = ageColumn;
        this.extra = extra;
        this.present = present;
        this.inWorkspace = inWorkspace;
        this.withoutWorkspace = withoutWorkspace;
    }

    /** The name in the tally and the audit record. */
    String label() {
        return label;
    }

    RetentionCategory category() {
        return category;
    }

    /** Whether rows of workspace key {@code workspaceKey} are swept from this table. */
    boolean sweeps(long workspaceKey) {
        return workspaceKey == NO_WORKSPACE ? withoutWorkspace : inWorkspace;
    }

    /** What is older goes. */
    LocalDateTime cutoff(RetentionPolicy policy, Instant asOf) {
        return policy.cutoff(category, asOf);
    }

    boolean partitioned() {
        return partColumn != null;
    }

    /** Rows of the workspace ({@code ?} bound to its id unless it is {@link #NO_WORKSPACE}). */
    private String tenant(long workspaceKey, String alias) {
        if (workspaceColumn == null) {
            return "1 = 1";
        }
        return alias + workspaceColumn + (workspaceKey == NO_WORKSPACE ? " IS NULL" : " = ?");
    }

    /** Whether {@link #tenant} has a parameter. */
    boolean bindsWorkspace(long workspaceKey) {
        return workspaceColumn != null && workspaceKey != NO_WORKSPACE;
    }

    private String expired() {
        return ageColumn + " < ?" + extra;
    }

    /**
     * The next page of expired keys after a position: parameters [workspace], cutoff, then (part, part, key) or key,
     * then the page size; columns part (0 when unpartitioned) and key.
     */
    String selectPage(long workspaceKey) {
        String after = partitioned() ? "(" + partColumn + " > ? OR (" + partColumn + " = ? AND " + keyColumn + " > ?))" : keyColumn + " > ?";
        String order = partitioned() ? partColumn + ", " + keyColumn : keyColumn;
        return "SELECT " + (partitioned() ? partColumn : "0") + ", " + keyColumn + " FROM " + table + " WHERE " + tenant(workspaceKey, "")
                + " AND " + expired() + " AND " + after + " ORDER BY " + order + " LIMIT ?";
    }

    /** Deletes {@code keys} expired rows: parameters [workspace], [part], the keys, cutoff. */
    String delete(long workspaceKey, int keys) {
        return "DELETE FROM " + table + where(workspaceKey, keys);
    }

    /** Marks the files of {@code keys} imports deleted: parameters deletion time, [workspace], the keys, cutoff. */
    String markFilesDeleted(long workspaceKey, int keys) {
        return "UPDATE " + table + " SET files_deleted_at = ?" + where(workspaceKey, keys);
    }

    /** The line items of {@code keys} expired orders (of {@link #ORDERS}, which has no extra condition): parameters as {@link #delete}. */
    String countLineItems(long workspaceKey, int keys) {
        return "SELECT COUNT(*) FROM commerce_line_item l JOIN commerce_order o ON o.workspace_id = l.workspace_id "
                + "AND o.store_id = l.store_id AND o.order_id = l.order_id WHERE " + tenant(workspaceKey, "o.")
                + " AND o.store_id = ? AND o.order_id IN (" + marks(keys) + ") AND " + "o." + ageColumn + " < ?";
    }

    /** When the oldest row that stays was stamped: parameters [workspace], cutoff. */
    String oldestKept(long workspaceKey) {
        return "SELECT MIN(" + ageColumn + ") FROM " + table + " WHERE " + tenant(workspaceKey, "") + present + " AND NOT (" + expired()
                + ")";
    }

    private String where(long workspaceKey, int keys) {
        return " WHERE " + tenant(workspaceKey, "") + (partitioned() ? " AND " + partColumn + " = ?" : "") + " AND " + keyColumn + " IN ("
                + marks(keys) + ") AND " + expired();
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
