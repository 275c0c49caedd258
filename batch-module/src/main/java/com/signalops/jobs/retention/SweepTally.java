package com.signalops.jobs.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows a run deleted (or would delete), per workspace and table, in {@code retention_sweep_tally}: added to in
 * the transaction of the chunk that deleted them, read and forgotten by the report.
 */
final class SweepTally {

    /** The tally's name of the line items that went with their orders. */
    static final String LINE_ITEMS = "commerce_line_item";
    /** The tally's name of the audit records a chain's expiry deleted. */
    static final String AUDIT_RECORDS = "audit_record";

    private static final String ADD = "INSERT INTO retention_sweep_tally (job_instance_id, workspace_key, table_name, row_count, oldest_kept) "
            + "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE row_count = row_count + VALUES(row_count), "
            + "oldest_kept = COALESCE(VALUES(oldest_kept), oldest_kept)";

    /** What the tally holds for one table. */
    record Entry(long rows, LocalDateTime oldestKept) {
    }

    private SweepTally() {
    }

    static void add(Connection connection, long jobInstanceId, long workspaceKey, String table, long rows, LocalDateTime oldestKept)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(ADD)) {
            insert.setLong(1, jobInstanceId);
            insert.setLong(2, workspaceKey);
            insert.setString(3, table);
            insert.setLong(4, rows);
            insert.setObject(5, oldestKept);
            insert.executeUpdate();
        }
    }

    /** The tally of one workspace, by table. */
    static Map<String, Entry> of(Connection connection, long jobInstanceId, long workspaceKey) throws SQLException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT table_name, row_count, oldest_kept FROM retention_sweep_tally "
                + "WHERE job_instance_id = ? AND workspace_key = ?")) {
            select.setLong(1, jobInstanceId);
            select.setLong(2, workspaceKey);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.put(rows.getString(1), new Entry(rows.getLong(2), rows.getObject(3, LocalDateTime.class)));
                }
            }
        }
        return entries;
    }

    /** Forgets the tally of one workspace once reported. */
    static void forget(Connection connection, long jobInstanceId, long workspaceKey) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM retention_sweep_tally WHERE job_instance_id = ? "
                + "AND workspace_key = ?")) {
            delete.setLong(1, jobInstanceId);
            delete.setLong(2, workspaceKey);
            delete.executeUpdate();
        }
    }
}
