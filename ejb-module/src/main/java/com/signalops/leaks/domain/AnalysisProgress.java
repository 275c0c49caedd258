package com.signalops.leaks.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * How far the analysis of one store in one job instance has come, in {@code leak_analysis_progress}: started, a rule
 * done at a time, finished. Each write commits by itself (the caller's connection in auto-commit) so that the console
 * sees it while the job runs; a restart of the instance starts the store's count again, as it runs its rules again.
 */
public final class AnalysisProgress {

    private final long jobInstanceId;
    private final long workspaceId;
    private final long storeId;
    private final Clock clock;

    public AnalysisProgress(long jobInstanceId, long workspaceId, long storeId, Clock clock) {
        this.jobInstanceId = jobInstanceId;
        this.workspaceId = workspaceId;
        this.storeId = storeId;
        this.clock = clock;
    }

    /** The store's analysis as of {@code asOf} begins (again, after a restart): no rule done yet. */
    public void started(Connection connection, Instant asOf) throws SQLException {
        LocalDateTime now = utc(clock.instant());
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO leak_analysis_progress (job_instance_id, workspace_id, "
                + "store_id, as_of, rules_done, rules_total, started_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?) ON DUPLICATE KEY UPDATE "
                + "rules_done = 0, rules_total = VALUES(rules_total), updated_at = VALUES(updated_at), finished_at = NULL")) {
            upsert.setLong(1, jobInstanceId);
            upsert.setLong(2, workspaceId);
            upsert.setLong(3, storeId);
            upsert.setObject(4, utc(asOf));
            upsert.setInt(5, LeakRule.values().length);
            upsert.setObject(6, now);
            upsert.setObject(7, now);
            upsert.executeUpdate();
        }
    }

    /** One more rule is done. */
    public void ruleDone(Connection connection) throws SQLException {
        update(connection, "rules_done = rules_done + 1");
    }

    /** Every rule is done and the day's totals recorded. */
    public void finished(Connection connection) throws SQLException {
        update(connection, "finished_at = ?");
    }

    private void update(Connection connection, String assignment) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE leak_analysis_progress SET " + assignment + ", updated_at = ? "
                + "WHERE job_instance_id = ? AND store_id = ? AND workspace_id = ?")) {
            LocalDateTime now = utc(clock.instant());
            int index = 1;
            if (assignment.contains("?")) {
                update.setObject(index++, now);
            }
            update.setObject(index++, now);
            update.setLong(index++, jobInstanceId);
            update.setLong(index++, storeId);
            update.setLong(index, workspaceId);
            update.executeUpdate();
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
