package com.signalops.jobs.history;

import static com.signalops.jobs.JobRuns.await;
import static com.signalops.jobs.JobRuns.metric;
import static com.signalops.jobs.JobRuns.operator;
import static com.signalops.jobs.JobRuns.parameter;
import static com.signalops.testing.JobRepositoryFixture.countAllRows;
import static com.signalops.testing.JobRepositoryFixture.countInstances;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.EmbeddedMariaDb;
import com.signalops.testing.JobRepositoryFixture;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job-history-sweep job run by jberet-se, outside the server, against Liberty's job
 * repository tables in a real MariaDB.
 */
class JobHistorySweepJobTest {

    private static final String DATABASE = "signalops_batch";
    private static final Instant AS_OF = Instant.parse("2026-11-20T03:15:00Z");
    private static EmbeddedMariaDb mariaDb;

    @BeforeAll
    static void startDatabase() throws SQLException {
        mariaDb = EmbeddedMariaDb.start("test", Integer.getInteger("signalops.test.db.port", 3316));
        mariaDb.recreateDatabase(DATABASE, DATABASE, "batch-test-only");
        TestApplicationDatabase.use(mariaDb.jdbcUrl(DATABASE), DATABASE, "batch-test-only");
        // the application's schema too: every job run ends in a job.run audit record
        Flyway.configure().dataSource(mariaDb.jdbcUrl(DATABASE), DATABASE, "batch-test-only").locations("classpath:db/migration")
                .placeholders(SchemaMigrator.placeholders(EmbeddedMariaDb.retentionUser(DATABASE))).load().migrate();
        try (Connection connection = connect()) {
            JobRepositoryFixture.createLibertyTables(connection);
        }
    }

    @AfterAll
    static void stopDatabase() {
        mariaDb.stop();
    }

    @BeforeEach
    void emptyRepository() throws SQLException {
        TestApplicationDatabase.healthy();
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            for (String table : new String[] {"WLPREMOTABLEPARTITION", "WLPGROUPASSOCIATION", "WLPSTEPTHREADINSTANCE",
                    "WLPJOBPARAMETER"}) {
                statement.execute("DELETE FROM " + table);
            }
            statement.execute("UPDATE WLPSTEPTHREADEXECUTION SET FK_TOPLVL_STEPEXECID = NULL");
            statement.execute("DELETE FROM WLPSTEPTHREADEXECUTION");
            statement.execute("DELETE FROM WLPJOBEXECUTION");
            statement.execute("DELETE FROM WLPJOBINSTANCE");
        }
    }

    @Test
    void deletesEveryRowOfInstancesOlderThanTheAgeAndKeepsTheRest() throws Exception {
        try (Connection connection = connect()) {
            JobRepositoryFixture.insertFinishedInstances(connection, "old", 120, daysBefore(91), daysBefore(91));
            JobRepositoryFixture.insertFinishedInstances(connection, "recent", 30, daysBefore(10), daysBefore(10));
            // one second inside the window: kept
            JobRepositoryFixture.insertFinishedInstances(connection, "boundary", 3, daysBefore(90).plusSeconds(1),
                    daysBefore(90).plusSeconds(1));
            // an old instance whose last execution ended recently (a restart) is not expired
            JobRepositoryFixture.insertFinishedInstances(connection, "restarted", 4, daysBefore(200), daysBefore(1));
        }

        JobExecution execution = await(operator().start("job-history-sweep", parameters("7")));

        assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus());
        try (Connection connection = connect()) {
            assertEquals(0, countAllRows(connection, "old"));
            assertEquals(30, countInstances(connection, "recent"));
            assertEquals(30 * 8, countAllRows(connection, "recent"));
            assertEquals(3, countInstances(connection, "boundary"));
            assertEquals(4, countInstances(connection, "restarted"));
        }
        StepExecution step = operator().getStepExecutions(execution.getExecutionId()).get(0);
        assertEquals(120, metric(step, Metric.MetricType.WRITE_COUNT));
        assertTrue(step.getExitStatus().contains("WLPJOBINSTANCE=120"), step.getExitStatus());
    }

    @Test
    void restartsAfterAFailureFromItsCheckpointWithoutGapsOrRepeats() throws Exception {
        try (Connection connection = connect()) {
            JobRepositoryFixture.insertFinishedInstances(connection, "old", 100, daysBefore(120), daysBefore(120));
            JobRepositoryFixture.insertFinishedInstances(connection, "recent", 10, daysBefore(1), daysBefore(1));
        }
        // the database goes away after a few chunks
        TestApplicationDatabase.failAfter(9);
        JobExecution failed = await(operator().start("job-history-sweep", parameters("10")));
        assertEquals(BatchStatus.FAILED, failed.getBatchStatus());
        long deletedBeforeFailure;
        try (Connection connection = connect()) {
            deletedBeforeFailure = 100 - countInstances(connection, "old");
        }
        assertTrue(deletedBeforeFailure > 0 && deletedBeforeFailure < 100, "failed part-way, deleted " + deletedBeforeFailure);

        TestApplicationDatabase.healthy();
        JobExecution restarted = await(operator().restart(failed.getExecutionId(), parameters("10")));

        assertEquals(BatchStatus.COMPLETED, restarted.getBatchStatus());
        try (Connection connection = connect()) {
            assertEquals(0, countAllRows(connection, "old"));
            assertEquals(10, countInstances(connection, "recent"));
        }
        StepExecution step = operator().getStepExecutions(restarted.getExecutionId()).get(0);
        // the restart read only what the failed run had not committed
        assertEquals(100 - deletedBeforeFailure, metric(step, Metric.MetricType.READ_COUNT));
        assertTrue(step.getExitStatus().contains("WLPJOBINSTANCE=100"), "counts survive the restart: " + step.getExitStatus());
    }

    @Test
    void refusesAnAgeBelowOneDay() throws Exception {
        Properties parameters = parameters("10");
        parameters.setProperty("maxAgeDays", "0");
        assertEquals(BatchStatus.FAILED, await(operator().start("job-history-sweep", parameters)).getBatchStatus());
    }

    /** The sweep's parameters as of the fixed test time, in chunks of {@code chunkSize}. */
    private static Properties parameters(String chunkSize) {
        Properties parameters = parameter("chunkSize", chunkSize);
        parameters.setProperty("asOf", AS_OF.toString());
        return parameters;
    }

    private static LocalDateTime daysBefore(int days) {
        return LocalDateTime.ofInstant(AS_OF.minus(days, ChronoUnit.DAYS), ZoneOffset.UTC);
    }

    private static Connection connect() throws SQLException {
        return mariaDb.rootConnection(DATABASE);
    }
}
