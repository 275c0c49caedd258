package com.signalops.jobs.audit;

import static com.signalops.jobs.JobRuns.await;
import static com.signalops.jobs.JobRuns.operator;
import static com.signalops.jobs.JobRuns.parameter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.audit.service.AuditRetention;
import com.signalops.jobs.history.TestApplicationDatabase;
import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.AuditChainWriter;
import com.signalops.testing.EmbeddedMariaDb;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.MessageFormat;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit-chain-verify job run by jberet-se against the application's schema in a real MariaDB:
 * it logs every chain's head and names the record a privileged connection edited in a CRITICAL
 * security event; it keeps the heads in a file outside the database and names a chain rewritten as
 * a whole, which verifies again, while it accepts an append and a retention deletion.
 */
class AuditChainVerifyJobTest {

    private static final String DATABASE = "signalops_batch_audit";
    private static final String PASSWORD = "batch-audit-test-only";
    private static final String RETENTION_PASSWORD = "batch-retention-test-only";
    /** SIGNALOPS_AUDIT_HEADS_FILE of the test's microprofile-config.properties. */
    private static final Path HEADS_FILE = Path.of("target/audit-chain-heads.jsonl");
    private static final LocalDateTime FIRST = LocalDateTime.parse("2026-11-24T10:00:00.250");
    /** Held, so that the logger the handler is added to is the one the job logs to later. */
    private static final Logger JOB_LOG = Logger.getLogger(AuditChainVerification.class.getName());
    private static EmbeddedMariaDb mariaDb;

    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(MessageFormat.format(record.getMessage(), record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void startDatabase() throws SQLException {
        mariaDb = EmbeddedMariaDb.start("test", Integer.getInteger("signalops.test.db.port", 3316));
        mariaDb.recreateDatabase(DATABASE, DATABASE, PASSWORD);
        Flyway.configure().dataSource(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD).locations("classpath:db/migration")
                    .placeholders(SchemaMigrator.placeholders(EmbeddedMariaDb.retentionUser(DATABASE))).load().migrate();
        mariaDb.ensureRetentionAccount(DATABASE, EmbeddedMariaDb.retentionUser(DATABASE), RETENTION_PASSWORD);
        TestApplicationDatabase.use(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
        // this test plays the privileged account that writes and edits audit rows at will; the triggers are AuditChainTest's
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER audit_record_no_update");
            statement.execute("DROP TRIGGER audit_record_no_delete");
            statement.execute("DROP TRIGGER audit_seal_no_update");
            statement.execute("DROP TRIGGER audit_seal_no_delete");
        }
    }

    @AfterAll
    static void stopDatabase() {
        mariaDb.stop();
    }

    // every run ends in a job.run audit record of chain 0 (no workspace): a run after the first finds that chain too

    @BeforeEach
    void captureLog() throws SQLException, IOException {
        TestApplicationDatabase.healthy();
        Files.deleteIfExists(HEADS_FILE);
        JOB_LOG.addHandler(capture);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM audit_record");
            statement.execute("DELETE FROM audit_seal");
            statement.execute("DELETE FROM audit_chain_head");
            statement.execute("DELETE FROM security_event");
            // checkpoints are never deleted (V12): chains with a checkpoint are not reused between tests
        }
    }

    @AfterEach
    void releaseLog() {
        JOB_LOG.removeHandler(capture);
    }

    @Test
    void namesTheRecordAPrivilegedConnectionEditedInACriticalSecurityEvent() throws Exception {
        try (Connection connection = connect()) {
            AuditChainWriter.append(connection, 21L, FIRST, 3);
            AuditChainWriter.append(connection, 22L, FIRST, 2);
        }
        long edited = recordId(21, 2);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE audit_record SET outcome = 'success' WHERE id = " + edited);
        }

        JobExecution execution = await(operator().start("audit-chain-verify", parameter("pageSize", "2")));

        assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus());
        assertEquals("CHAINS=2 BROKEN=1 REWRITTEN=0 UNSEALED=0", stepExitStatus(execution));
        assertEquals(List.of("21 CRITICAL audit chain 21 broken at seq 2 (record " + edited
                + "): record_hash does not match the record's content"), securityEvents());
        assertTrue(logged.contains("audit chain 22 head seq=2 hash=" + recordHash(22, 2)), logged.toString());
        assertTrue(logged.contains("audit chain 21 head seq=3 hash=" + recordHash(21, 3)), logged.toString());
    }

    @Test
    void raisesNothingWhenEveryChainVerifies() throws Exception {
        try (Connection connection = connect()) {
            AuditChainWriter.append(connection, null, FIRST, 2);
            AuditChainWriter.append(connection, 31L, FIRST, 4);
        }

        JobExecution execution = await(operator().start("audit-chain-verify", parameter("pageSize", "3")));

        assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus());
        assertEquals("CHAINS=2 BROKEN=0 REWRITTEN=0 UNSEALED=0", stepExitStatus(execution));
        assertEquals(List.of(), securityEvents());
        assertTrue(logged.contains("audit chain 0 head seq=2 hash=" + recordHash(0, 2)), logged.toString());
    }

    @Test
    void raisesAHighEventPerChainWithRecordsTheSealerLeftUnlinkedTooLong() throws Exception {
        long stale;
        try (Connection connection = connect()) {
            AuditChainWriter.append(connection, 46L, FIRST, 2);
            stale = AuditChainWriter.insertUnsealed(connection, 46L, FIRST.plusMinutes(5), FIRST.plusMinutes(6)).get(0);
        }

        JobExecution execution = await(operator().start("audit-chain-verify", parameter("pageSize", "2")));

        assertEquals("CHAINS=1 BROKEN=0 REWRITTEN=0 UNSEALED=1", stepExitStatus(execution));
        assertEquals(List.of("46 HIGH audit chain 46: 2 records not sealed within 600 s, the oldest record " + stale + " of "
                + FIRST.plusMinutes(5) + " UTC"), securityEvents(AuditChainVerification.UNSEALED));
        assertEquals(List.of(), securityEvents(), "the sealed part of the chain verifies");
    }

    @Test
    void keepsEachChainsHeadInAnOwnerOnlyFileOfJsonLines() throws Exception {
        try (Connection connection = connect()) {
            AuditChainWriter.append(connection, 41L, FIRST, 3);
        }

        assertEquals("CHAINS=1 BROKEN=0 REWRITTEN=0 UNSEALED=0", stepExitStatus(await(operator().start("audit-chain-verify", parameter("pageSize", "2")))));

        List<String> lines = Files.readAllLines(HEADS_FILE);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("{\"chain\":41,\"seq\":3,\"hash\":\"" + recordHash(41, 3) + "\",\"at\":\""), lines.get(0));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(HEADS_FILE));
    }

    @Test
    void namesEveryChainOfAWholeTableRewriteThatVerifiesAgain() throws Exception {
        try (Connection connection = connect()) {
            AuditChainWriter.append(connection, 40L, FIRST, 2);
            AuditChainWriter.append(connection, 42L, FIRST, 3);
        }
        await(operator().start("audit-chain-verify", parameter("pageSize", "2")));
        try (Connection root = connect()) {
            AuditChainWriter.rewrite(root, 40L, "success");
            AuditChainWriter.rewrite(root, 42L, "success");
            AuditChainWriter.append(root, 42L, FIRST.plusHours(1));
        }

        JobExecution execution = await(operator().start("audit-chain-verify", parameter("pageSize", "2")));

        assertEquals("CHAINS=3 BROKEN=0 REWRITTEN=2 UNSEALED=0", stepExitStatus(execution), "the rewritten chains verify in the database");
        List<String> events = securityEvents(AuditChainVerification.REWRITTEN);
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("40 CRITICAL audit chain 40 rewritten: the record at seq 2 no longer carries the logged hash"),
                events.get(0));
        assertTrue(events.get(1).startsWith("42 CRITICAL audit chain 42 rewritten: the record at seq 3 no longer carries the logged hash"),
                events.get(1));

        await(operator().start("audit-chain-verify", parameter("pageSize", "2")));
        assertEquals(4, securityEvents(AuditChainVerification.REWRITTEN).size(), "the logged heads stay the reference until someone looks");
    }

    @Test
    void namesAChainCutBackBelowItsLoggedHeadAndAChainThatIsGone() throws Exception {
        try (Connection connection = connect()) {
            AuditChainWriter.append(connection, 43L, FIRST, 4);
            AuditChainWriter.append(connection, 44L, FIRST, 2);
        }
        await(operator().start("audit-chain-verify", parameter("pageSize", "2")));
        try (Connection root = connect(); Statement statement = root.createStatement()) {
            statement.execute("DELETE r, s FROM audit_record r JOIN audit_seal s ON s.record_id = r.id WHERE s.chain_key = 43 AND s.seq = 4");
            statement.execute("UPDATE audit_chain_head SET seq = 3, record_hash = '" + recordHash(43, 3) + "' WHERE chain_key = 43");
            statement.execute("DELETE FROM audit_record WHERE chain_key = 44");
            statement.execute("DELETE FROM audit_seal WHERE chain_key = 44");
            statement.execute("DELETE FROM audit_chain_head WHERE chain_key = 44");
            // the server's sealer goes on meanwhile: the first run's job.run record joins chain 0
            AuditChainWriter.seal(root);
        }

        JobExecution execution = await(operator().start("audit-chain-verify", parameter("pageSize", "2")));

        assertEquals("CHAINS=2 BROKEN=0 REWRITTEN=2 UNSEALED=0", stepExitStatus(execution));
        List<String> events = securityEvents(AuditChainVerification.REWRITTEN);
        assertTrue(events.get(0).startsWith("43 CRITICAL audit chain 43 rewritten: it ends at seq 3, before the logged head seq 4"),
                events.toString());
        assertTrue(events.get(1).startsWith("44 CRITICAL audit chain 44 rewritten: it is gone, its head seq 2 was logged at"),
                events.toString());
    }

    @Test
    void acceptsAnAppendAndARetentionDeletionPastTheLoggedHead() throws Exception {
        try (Connection connection = connect()) {
            AuditChainWriter.append(connection, 45L, FIRST, 3);
        }
        await(operator().start("audit-chain-verify", parameter("pageSize", "2")));
        try (Connection connection = connect()) {
            AuditChainWriter.append(connection, 45L, FIRST.plusDays(30), 3);
        }
        assertEquals("CHAINS=2 BROKEN=0 REWRITTEN=0 UNSEALED=0", stepExitStatus(await(operator().start("audit-chain-verify", parameter("pageSize", "2")))));
        try (Connection retention = DriverManager.getConnection(mariaDb.jdbcUrl(DATABASE), EmbeddedMariaDb.retentionUser(DATABASE),
                RETENTION_PASSWORD)) {
            assertEquals(5, new AuditRetention(retention, 2).expire(45, FIRST.plusDays(60)).checkpointSeq(), "all but the head expire");
        }

        JobExecution execution = await(operator().start("audit-chain-verify", parameter("pageSize", "2")));

        assertEquals("CHAINS=2 BROKEN=0 REWRITTEN=0 UNSEALED=0", stepExitStatus(execution));
        assertEquals(List.of(), securityEvents(AuditChainVerification.REWRITTEN));
        List<String> lines = Files.readAllLines(HEADS_FILE);
        assertEquals(5, lines.size(), "chain 45 in each run, chain 0 (the first run's job.run record) in the later two");
        assertTrue(lines.get(4).startsWith("{\"chain\":45,\"seq\":6,"), lines.get(4));
    }

    private static List<String> securityEvents() throws SQLException {
        return securityEvents(AuditChainVerification.BROKEN);
    }

    private static List<String> securityEvents(String type) throws SQLException {
        List<String> events = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COALESCE(workspace_id, '-'), severity, details FROM security_event "
                        + "WHERE type = '" + type + "' ORDER BY id")) {
            while (rows.next()) {
                events.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
            }
        }
        return events;
    }

    private static long recordId(long chainKey, long seq) throws SQLException {
        return Long.parseLong(column("record_id", chainKey, seq));
    }

    private static String recordHash(long chainKey, long seq) throws SQLException {
        return column("record_hash", chainKey, seq);
    }

    /** A column of the seal at {@code seq} of the chain. */
    private static String column(String column, long chainKey, long seq) throws SQLException {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT " + column + " FROM audit_seal WHERE chain_key = ? AND seq = ?")) {
            query.setLong(1, chainKey);
            query.setLong(2, seq);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static String stepExitStatus(JobExecution execution) {
        return operator().getStepExecutions(execution.getExecutionId()).get(0).getExitStatus();
    }

    private static Connection connect() throws SQLException {
        return mariaDb.rootConnection(DATABASE);
    }
}
