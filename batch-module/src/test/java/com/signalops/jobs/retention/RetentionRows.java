package com.signalops.jobs.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Rows of the tables the retention sweep deletes from, each stamped with the time its period is measured from. */
final class RetentionRows {

    private final Connection connection;
    private final Long workspaceId;
    private final Long storeId;

    RetentionRows(Connection connection, Long workspaceId, Long storeId) {
        this.connection = connection;
        this.workspaceId = workspaceId;
        this.storeId = storeId;
    }

    long finding(String status, Instant lastSeen) throws SQLException {
        return insert("INSERT INTO leak_finding (workspace_id, store_id, rule_code, subject, amount, currency, evidence, first_seen_at, "
                + "last_seen_at, status, run_token) VALUES (?, ?, 'STALE_PAYMENT', ?, 10.00, 'USD', '{}', ?, ?, ?, UNHEX(REPEAT('00', 16)))",
                workspaceId, storeId, "order:" + UUID.randomUUID(), utc(lastSeen), utc(lastSeen), status);
    }

    /** A store's open totals of rule STOCKOUT on {@code day}. */
    long dailyTotal(LocalDate day) throws SQLException {
        return insert("INSERT INTO leak_daily_total (workspace_id, store_id, day, rule_code, currency, open_count, open_amount) "
                + "VALUES (?, ?, ?, 'STOCKOUT', 'USD', 1, 1.00)", workspaceId, storeId, day);
    }

    /** The progress of an analysis run of the store that started at {@code started}. */
    long analysisProgress(Instant started) throws SQLException {
        return insert("INSERT INTO leak_analysis_progress (job_instance_id, workspace_id, store_id, as_of, rules_done, rules_total, "
                + "started_at, updated_at, finished_at) VALUES (?, ?, ?, ?, 8, 8, ?, ?, ?)", started.toEpochMilli(), workspaceId, storeId,
                utc(started), utc(started), utc(started), utc(started));
    }

    /** The claim of the store's night of {@code night}, made at {@code claimed}. */
    long nightlyRun(LocalDate night, Instant claimed) throws SQLException {
        return insert("INSERT INTO leak_nightly_run (workspace_id, store_id, local_date, job_instance_id, claimed_at) VALUES (?, ?, ?, 1, ?)",
                workspaceId, storeId, night, utc(claimed));
    }

    /** A webhook delivery of this store, or of an unknown shop when the rows have no store. */
    long webhook(String status, Instant received) throws SQLException {
        return insert("INSERT INTO webhook_inbox (webhook_id, topic, shop_domain, workspace_id, store_id, received_at, body, status, "
                + "next_attempt_at) VALUES (?, 'orders/create', 'shop.myshopify.com', ?, ?, ?, '{}', ?, ?)",
                UUID.randomUUID().toString(), workspaceId, storeId, utc(received), status, utc(received));
    }

    /** A finished import with one file in {@code importDir}. */
    long finishedImport(Instant finished, Path importDir) throws SQLException, IOException {
        long id = insert("INSERT INTO store_import (workspace_id, store_id, source, resources, status, requested_by, requested_at, "
                + "finished_at) VALUES (?, ?, 'UPLOAD', 'orders', 'COMPLETED', 'acct-1', ?, ?)", workspaceId, storeId, utc(finished),
                utc(finished));
        insert("INSERT INTO store_import_skip (workspace_id, import_id, resource, line_number, reason) VALUES (?, ?, 'orders', 3, "
                + "'INVALID_JSON')", workspaceId, id);
        Path folder = importFolder(importDir, id);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("orders.jsonl"), "{}\n");
        return id;
    }

    Path importFolder(Path importDir, long importId) {
        return importDir.resolve(Long.toString(workspaceId)).resolve(Long.toString(importId));
    }

    long securityEvent(Instant occurred) throws SQLException {
        return insert("INSERT INTO security_event (workspace_id, occurred_at, type, severity, details) VALUES (?, ?, 'sign-in.failed', "
                + "'LOW', NULL)", workspaceId, utc(occurred));
    }

    long scheduledRun(Instant started) throws SQLException {
        return insert("INSERT INTO scheduled_job_run (job_name, scheduled_for, started_at, outcome) VALUES ('test-job', ?, ?, 'STARTED')",
                utc(started), utc(started));
    }

    /** The workspace's own periods: the defaults but for {@code column}. */
    void setting(String column, int days) throws SQLException {
        insert("INSERT INTO retention_setting (workspace_id, orders_days, leak_findings_days, webhook_inbox_days, import_files_days, "
                + "job_history_days, audit_records_days, security_events_days, updated_by, updated_at) "
                + "VALUES (?, 400, 730, 30, 7, 90, 365, 730, 'acct-1', UTC_TIMESTAMP(3))", workspaceId);
        try (Statement update = connection.createStatement()) {
            update.executeUpdate("UPDATE retention_setting SET " + column + " = " + days + " WHERE workspace_id = " + workspaceId);
        }
    }

    private long insert(String sql, Object... values) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
