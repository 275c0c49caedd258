package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.SignalOpsSystem;
import com.signalops.testing.JobRepositoryFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The nightly job-history-sweep in the server (scheduled every 15 s for the tests): killed in
 * the middle of its work, it is restarted from its checkpoint when the server comes back and
 * ends with exactly the rows a clean run leaves.
 */
@ExtendWith(SignalOpsSystem.class)
class JobHistorySweepRestartIT {

    /** Enough that a kill lands in the middle (a chunk is 50), few enough that a slow machine's restart ends in time. */
    private static final int OLD = 15_000;
    private static final int RECENT = 200;

    @Test
    void aSweepKilledMidwayIsRestartedAndDeletesOldRowsOnly() throws Exception {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        try (Connection connection = SignalOpsSystem.database().connect()) {
            JobRepositoryFixture.insertFinishedInstances(connection, "expired-job", OLD, now.minusDays(120), now.minusDays(120));
            JobRepositoryFixture.insertFinishedInstances(connection, "recent-job", RECENT, now.minusDays(89), now.minusDays(89));
        }

        awaitRemaining(remaining -> remaining < OLD, Duration.ofSeconds(60), "a scheduled sweep started deleting");
        SignalOpsSystem.server().kill();
        long afterKill = remainingOld();
        assertTrue(afterKill > 0, "killed before the sweep finished (" + afterKill + " left); raise OLD if this fails");

        SignalOpsSystem.server().start();
        SignalOpsSystem.awaitReady();
        // a 2-core CI machine was seen deleting 140 instances a second
        awaitRemaining(remaining -> remaining == 0, Duration.ofSeconds(300), "the restarted sweep deleted the rest");

        try (Connection connection = SignalOpsSystem.database().connect()) {
            assertEquals(0, JobRepositoryFixture.countAllRows(connection, "expired-job"));
            assertEquals(RECENT, JobRepositoryFixture.countInstances(connection, "recent-job"));
            assertEquals(RECENT * 8L, JobRepositoryFixture.countAllRows(connection, "recent-job"));
            // the interrupted instance was restarted (a second execution) and completed; the batch
            // runtime marks it COMPLETED just after the last chunk's commit, so that is awaited
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (restartedAndCompleted(connection) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(restartedAndCompleted(connection) >= 1, "an interrupted sweep was restarted and completed: " + sweepRuns(connection));
            try (Statement statement = connection.createStatement();
                    ResultSet failed = statement.executeQuery("SELECT COUNT(*) FROM WLPJOBEXECUTION e JOIN WLPJOBINSTANCE i "
                            + "ON e.FK_JOBINSTANCEID = i.JOBINSTANCEID WHERE i.JOBNAME = 'job-history-sweep' AND e.BATCHSTATUS = 4")) {
                failed.next();
                assertTrue(failed.getLong(1) <= 1, "only the killed execution failed, not its restart: " + failed.getLong(1));
            }
        }
    }

    private static long restartedAndCompleted(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet restarted = statement.executeQuery("SELECT COUNT(*) FROM WLPJOBINSTANCE i "
                        + "WHERE i.JOBNAME = 'job-history-sweep' AND i.NUMEXECS >= 2 AND i.BATCHSTATUS = 5")) {
            restarted.next();
            return restarted.getLong(1);
        }
    }

    /** The sweep's executions, oldest first, for a failure message. */
    private static String sweepRuns(Connection connection) throws SQLException {
        StringBuilder runs = new StringBuilder();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT i.JOBINSTANCEID, i.BATCHSTATUS, i.NUMEXECS, e.JOBEXECID, e.BATCHSTATUS, "
                        + "e.CREATETIME, e.ENDTIME FROM WLPJOBINSTANCE i LEFT JOIN WLPJOBEXECUTION e ON e.FK_JOBINSTANCEID = i.JOBINSTANCEID "
                        + "WHERE i.JOBNAME = 'job-history-sweep' ORDER BY e.JOBEXECID")) {
            while (rows.next()) {
                runs.append(String.format("%n instance %d (status %d, %d executions): execution %d status %d %s..%s",
                        rows.getLong(1), rows.getInt(2), rows.getInt(3), rows.getLong(4), rows.getInt(5),
                        rows.getTimestamp(6), rows.getTimestamp(7)));
            }
        }
        return runs.toString();
    }

    private interface Check {
        boolean test(long remaining);
    }

    private static void awaitRemaining(Check check, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long remaining = remainingOld();
        while (!check.test(remaining)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not seen within " + timeout + ": " + what + " (" + remaining + " old instances left)");
            }
            Thread.sleep(20);
            remaining = remainingOld();
        }
    }

    private static long remainingOld() throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect()) {
            return JobRepositoryFixture.countInstances(connection, "expired-job");
        }
    }
}
