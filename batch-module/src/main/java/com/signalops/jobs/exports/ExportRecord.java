package com.signalops.jobs.exports;

import com.signalops.privacy.domain.DataExport;
import com.signalops.privacy.domain.DataExportKind;
import jakarta.batch.runtime.context.JobContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Properties;

/**
 * The data_export row an export job works on, named by the job parameters the export processor
 * sets, and the statements that settle it. Each settles in one statement, and only an export still
 * being made: a replayed or restarted job never undoes a download or an expiry.
 */
record ExportRecord(long workspaceId, long exportId) {

    static ExportRecord of(JobContext job) {
        Properties properties = job.getProperties();
        return new ExportRecord(number(properties, DataExportProcessor.WORKSPACE_PARAMETER),
                number(properties, DataExportProcessor.EXPORT_PARAMETER));
    }

    /** The export as it stands: its kind, store and status; empty for an export of no such workspace and id. */
    Optional<Row> read(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT kind, store_id, status FROM data_export "
                + "WHERE workspace_id = ? AND id = ?")) {
            statement.setLong(1, workspaceId);
            statement.setLong(2, exportId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long storeId = row.getLong(2);
                return Optional.of(new Row(DataExportKind.valueOf(row.getString(1)), row.wasNull() ? null : storeId,
                        DataExport.Status.valueOf(row.getString(3))));
            }
        }
    }

    /** An export's kind, store (a customer's) and status. */
    record Row(DataExportKind kind, Long storeId, DataExport.Status status) {

        boolean beingMade() {
            return status == DataExport.Status.PENDING || status == DataExport.Status.RUNNING || status == DataExport.Status.FAILED;
        }
    }

    /** Marks it ready with its file of {@code bytes}, and the customer data request it answers, if any; answers whether it was marked. */
    boolean ready(Connection connection, long bytes, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE data_export e LEFT JOIN privacy_request r "
                + "ON r.workspace_id = e.workspace_id AND r.id = e.privacy_request_id SET e.status = 'READY', e.bytes = ?, e.ready_at = ?, "
                + "e.expires_at = ?, e.failure = NULL, r.status = 'READY' "
                + "WHERE e.workspace_id = ? AND e.id = ? AND e.status IN ('PENDING', 'RUNNING', 'FAILED')")) {
            statement.setLong(1, bytes);
            statement.setObject(2, utc(now));
            statement.setObject(3, utc(now.plus(DataExport.LINK_LIFETIME)));
            statement.setLong(4, workspaceId);
            statement.setLong(5, exportId);
            return statement.executeUpdate() > 0;
        }
    }

    /** Marks it delivered (its one delivery) of {@code bytes} to {@code by} without a file; answers whether it was marked. */
    boolean delivered(Connection connection, long bytes, String by, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE data_export SET status = 'DOWNLOADED', bytes = ?, "
                + "ready_at = ?, downloaded_at = ?, downloaded_by = ?, failure = NULL "
                + "WHERE workspace_id = ? AND id = ? AND status IN ('PENDING', 'RUNNING', 'FAILED')")) {
            statement.setLong(1, bytes);
            statement.setObject(2, utc(now));
            statement.setObject(3, utc(now));
            statement.setString(4, by.substring(0, Math.min(by.length(), DataExport.ACTOR_LENGTH)));
            statement.setLong(5, workspaceId);
            statement.setLong(6, exportId);
            return statement.executeUpdate() > 0;
        }
    }

    /** Marks it failed for {@code reason}, which names no personal data. */
    void failed(Connection connection, String reason) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE data_export SET status = 'FAILED', failure = ? "
                + "WHERE workspace_id = ? AND id = ? AND status IN ('PENDING', 'RUNNING')")) {
            statement.setString(1, reason.substring(0, Math.min(reason.length(), DataExport.FAILURE_LENGTH)));
            statement.setLong(2, workspaceId);
            statement.setLong(3, exportId);
            statement.executeUpdate();
        }
    }

    /** {@code instant} as the UTC wall time a DATETIME column holds. */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static long number(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an export job needs the job parameter " + name);
        }
        return Long.parseLong(value.trim());
    }
}
