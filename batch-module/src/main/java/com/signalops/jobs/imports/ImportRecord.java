package com.signalops.jobs.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The {@code store_import} row of the running import, as the job keeps it: running, failed, or completed with its counts. */
final class ImportRecord {

    private static final String[][] COUNTED = {
        {"products", "commerce_product"}, {"variants", "commerce_variant"}, {"customers", "commerce_customer"},
        {"orders", "commerce_order"}, {"line_items", "commerce_line_item"}, {"refunds", "commerce_refund"}};

    private final ImportParameters parameters;

    ImportRecord(ImportParameters parameters) {
        this.parameters = parameters;
    }

    /** Running (again): a restart clears the failure of the execution before. */
    void running(Connection connection) throws SQLException {
        update(connection, "UPDATE store_import SET status = 'RUNNING', failure = NULL, finished_at = NULL "
                + "WHERE workspace_id = ? AND id = ? AND status <> 'COMPLETED'");
    }

    /** Failed or stopped, with {@code reason} (a batch status and exit status, never a line's content). */
    void failed(Connection connection, String reason) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE store_import SET status = 'FAILED', failure = ?, "
                + "finished_at = ? WHERE workspace_id = ? AND id = ? AND status <> 'COMPLETED'")) {
            update.setString(1, reason.length() <= 500 ? reason : reason.substring(0, 500));
            update.setObject(2, now());
            update.setLong(3, parameters.workspaceId());
            update.setLong(4, parameters.importId());
            update.executeUpdate();
        }
    }

    /**
     * Completed: the distinct gids per type the import's rows carry (each row names the import that
     * last wrote it) and the lines it skipped. Answers them as {@code name=count} pairs.
     */
    String completed(Connection connection) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE store_import SET status = 'COMPLETED', failure = NULL, finished_at = ?");
        long[] counts = new long[COUNTED.length + 1];
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < COUNTED.length; i++) {
            counts[i] = count(connection, "SELECT COUNT(*) FROM " + COUNTED[i][1] + " WHERE import_id = ? AND workspace_id = ? AND store_id = ?",
                    true);
            sql.append(", ").append(COUNTED[i][0]).append(" = ?");
            summary.append(COUNTED[i][0]).append('=').append(counts[i]).append(' ');
        }
        counts[COUNTED.length] = count(connection, "SELECT COUNT(*) FROM store_import_skip WHERE import_id = ? AND workspace_id = ?", false);
        summary.append("skipped_lines=").append(counts[COUNTED.length]);
        sql.append(", skipped_lines = ? WHERE workspace_id = ? AND id = ?");
        try (PreparedStatement update = connection.prepareStatement(sql.toString())) {
            int index = 1;
            update.setObject(index++, now());
            for (long count : counts) {
                update.setLong(index++, count);
            }
            update.setLong(index++, parameters.workspaceId());
            update.setLong(index, parameters.importId());
            update.executeUpdate();
        }
        return summary.toString();
    }

    private long count(Connection connection, String sql, boolean withStore) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, parameters.importId());
            query.setLong(2, parameters.workspaceId());
            if (withStore) {
                query.setLong(3, parameters.storeId());
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private void update(Connection connection, String sql) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setLong(1, parameters.workspaceId());
            update.setLong(2, parameters.importId());
            update.executeUpdate();
        }
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
