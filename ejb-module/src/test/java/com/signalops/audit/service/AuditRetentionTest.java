package com.signalops.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.audit.domain.ChainRetention;
import com.signalops.audit.domain.ChainVerification;
import com.signalops.testing.AuditChainWriter;
import com.signalops.testing.JpaTestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Audit retention against a real MariaDB with the migrations' triggers: only the retention account
 * deletes audit records, only up to a checkpoint it wrote first, never the head; {@link AuditRetention}
 * deletes an expired prefix so that the rest of the chain verifies, also after a pass that stopped
 * half-way.
 */
class AuditRetentionTest {

    private static final String DATABASE = "signalops_audit_retention";
    private static final String APP_PASSWORD = "jpa-test-only";
    private static final LocalDateTime OLD = LocalDateTime.parse("2025-01-10T08:00:00.125");
    private static final LocalDateTime CUTOFF = LocalDateTime.parse("2025-06-01T00:00:00");
    private static final LocalDateTime RECENT = LocalDateTime.parse("2025-09-20T14:30:00.500");
    private static final AtomicLong NEXT_WORKSPACE = new AtomicLong(2000);

    private static JpaTestDatabase db;

    @BeforeAll
    static void start() throws SQLException {
        db = JpaTestDatabase.start(DATABASE);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void theApplicationAccountCannotDeleteOrUpdateARecordEvenBelowACheckpoint() throws SQLException {
        long workspace = chain(OLD, 3);
        try (Connection retention = db.retentionConnection()) {
            writeCheckpoint(retention, workspace, 2);
        }

        long first = recordId(workspace, 1);
        SQLException delete = assertThrows(SQLException.class, () -> asApplication("DELETE FROM audit_record WHERE id = " + first));
        SQLException update = assertThrows(SQLException.class, () -> asApplication("UPDATE audit_record SET outcome = 'success' "
                + "WHERE id = " + first));

        assertTrue(delete.getMessage().contains("DELETE from audit_record is refused"), delete.getMessage());
        assertTrue(update.getMessage().contains("UPDATE of audit_record is refused"), update.getMessage());
        assertEquals(3, count(workspace));
    }

    @Test
    void theRetentionAccountCannotUpdateARecordNorDeleteWithoutACheckpoint() throws SQLException {
        long workspace = chain(OLD, 3);

        try (Connection retention = db.retentionConnection(); Statement statement = retention.createStatement()) {
            SQLException delete = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "DELETE FROM audit_record WHERE id = " + recordId(workspace, 1)));
            SQLException update = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "UPDATE audit_record SET outcome = 'success' WHERE chain_key = " + workspace));
            assertTrue(delete.getMessage().contains("write the checkpoint first"), delete.getMessage());
            assertTrue(update.getMessage().contains("command denied"), "no UPDATE grant: " + update.getMessage());
        }
        assertEquals(3, count(workspace));
    }

    @Test
    void theRetentionAccountCannotDeleteBeyondTheCheckpointNorARecordInTheMiddle() throws SQLException {
        long workspace = chain(OLD, 5);
        try (Connection retention = db.retentionConnection(); Statement statement = retention.createStatement()) {
            writeCheckpoint(retention, workspace, 2);

            SQLException middle = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "DELETE FROM audit_record WHERE id = " + recordId(workspace, 4)));
            SQLException beyond = assertThrows(SQLException.class, () -> statement.executeUpdate(sealedUpTo(workspace, 3)));
            SQLException sealFirst = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "DELETE FROM audit_seal WHERE chain_key = " + workspace + " AND seq <= 2"));

            assertTrue(middle.getMessage().contains("at or below the chain's checkpoint"), middle.getMessage());
            assertTrue(beyond.getMessage().contains("at or below the chain's checkpoint"), beyond.getMessage());
            assertTrue(sealFirst.getMessage().contains("a seal only after its record"), sealFirst.getMessage());
            assertEquals(2, statement.executeUpdate(sealedUpTo(workspace, 2)));
            SQLException sealBeyond = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "DELETE FROM audit_seal WHERE chain_key = " + workspace + " AND seq <= 3"));
            assertTrue(sealBeyond.getMessage().contains("seals at or below the chain's checkpoint"), sealBeyond.getMessage());
            assertEquals(2, statement.executeUpdate("DELETE FROM audit_seal WHERE chain_key = " + workspace + " AND seq <= 2"));
        }
        assertTrue(verify(workspace).intact());
    }

    @Test
    void aCheckpointIsWrittenByTheRetentionAccountOnlyAtAnExistingRecordBelowTheHeadAndOnlyForward() throws SQLException {
        long workspace = chain(OLD, 4);
        String insert = "INSERT INTO audit_chain_checkpoint (chain_key, seq, record_hash, created_at) VALUES (" + workspace + ", %d, '%s', "
                + "UTC_TIMESTAMP(3))";

        SQLException byApplication = assertThrows(SQLException.class, () -> asApplication(insert.formatted(2, recordHash(workspace, 2))));
        try (Connection retention = db.retentionConnection(); Statement statement = retention.createStatement()) {
            SQLException wrongHash = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    insert.formatted(2, recordHash(workspace, 3))));
            SQLException atHead = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    insert.formatted(4, recordHash(workspace, 4))));
            statement.executeUpdate(insert.formatted(2, recordHash(workspace, 2)));
            SQLException backwards = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "UPDATE audit_chain_checkpoint SET seq = 1, record_hash = '" + recordHash(workspace, 1) + "' WHERE chain_key = "
                            + workspace));
            SQLException removed = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "DELETE FROM audit_chain_checkpoint WHERE chain_key = " + workspace));

            assertTrue(byApplication.getMessage().contains("written by the retention account only"), byApplication.getMessage());
            assertTrue(wrongHash.getMessage().contains("must name an existing record"), wrongHash.getMessage());
            assertTrue(atHead.getMessage().contains("below the chain's head"), atHead.getMessage());
            assertTrue(backwards.getMessage().contains("only moves forward"), backwards.getMessage());
            assertTrue(removed.getMessage().contains("command denied"), "no DELETE grant: " + removed.getMessage());
        }
        SQLException removedByApplication = assertThrows(SQLException.class, () -> asApplication(
                "DELETE FROM audit_chain_checkpoint WHERE chain_key = " + workspace));
        assertTrue(removedByApplication.getMessage().contains("never deleted"), removedByApplication.getMessage());
        assertEquals(2, checkpointSeq(workspace));
    }

    @Test
    void deletesTheExpiredPrefixUpToTheFirstRecordToKeepAndTheRestVerifies() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        try (Connection root = root()) {
            // seq 4 is old as well, but it comes after a record to keep: only the prefix 1-2 goes
            AuditChainWriter.append(root, workspace, OLD, OLD.plusDays(1), RECENT, OLD.plusDays(2), RECENT.plusDays(1));
        }

        ChainRetention expired = expire(workspace, CUTOFF, 100);

        assertEquals(new ChainRetention(workspace, 2, 2, 3), expired);
        assertEquals(2, checkpointSeq(workspace));
        ChainVerification rest = verify(workspace);
        assertTrue(rest.intact(), rest.toString());
        assertEquals(3, rest.recordsChecked());
        assertEquals(5, rest.headSeq());

        assertEquals(new ChainRetention(workspace, 2, 0, 3), expire(workspace, CUTOFF, 100), "a second pass finds nothing more");
        assertEquals(new ChainRetention(workspace, 4, 2, 5), expire(workspace, RECENT.plusHours(1), 100));
        assertTrue(verify(workspace).intact());
    }

    @Test
    void keepsTheHeadWhenEveryRecordIsExpired() throws SQLException {
        long workspace = chain(OLD, 7);

        ChainRetention expired = expire(workspace, CUTOFF, 2);

        assertEquals(new ChainRetention(workspace, 6, 6, 7), expired);
        assertEquals(1, count(workspace));
        ChainVerification rest = verify(workspace);
        assertTrue(rest.intact(), rest.toString());
        assertEquals(1, rest.recordsChecked());
    }

    @Test
    void leavesAChainThatVerifiesWhenAPassStopsHalfWayAndTheNextPassFinishes() throws SQLException {
        long workspace = chain(OLD, 9);
        // each chunk deletes its records, then their seals: two statements
        AtomicInteger deletesLeft = new AtomicInteger(4);

        try (Connection retention = db.retentionConnection()) {
            SQLException stopped = assertThrows(SQLException.class,
                    () -> new AuditRetention(failingDeletes(retention, deletesLeft), 3).expire(workspace, OLD.plusMinutes(7)));
            assertEquals("the connection went away", stopped.getMessage());
        }

        assertEquals(7, checkpointSeq(workspace));
        assertEquals(9 - 6, count(workspace), "two chunks of three deleted, seq 7 left below the checkpoint");
        ChainVerification meanwhile = verify(workspace);
        assertTrue(meanwhile.intact(), meanwhile.toString());
        assertEquals(2, meanwhile.recordsChecked());

        assertEquals(new ChainRetention(workspace, 7, 1, 8), expire(workspace, OLD.plusMinutes(7), 3));
        assertTrue(verify(workspace).intact());
    }

    @Test
    void leavesAnExpiredRecordNotYetSealedToTheNextPassAndTheChainVerifiesOnceItIsSealed() throws SQLException {
        long workspace = chain(OLD, 3);
        try (Connection root = root()) {
            AuditChainWriter.insertUnsealed(root, workspace, OLD.plusDays(1));
        }

        assertEquals(new ChainRetention(workspace, 2, 2, 3), expire(workspace, CUTOFF, 100));
        assertEquals(2, count(workspace), "the head and the record not yet sealed stay");

        try (Connection root = root()) {
            AuditChainWriter.seal(root);
        }
        ChainVerification sealed = verify(workspace);
        assertTrue(sealed.intact(), sealed.toString());
        assertEquals(4, sealed.headSeq());
        assertEquals(new ChainRetention(workspace, 3, 1, 4), expire(workspace, CUTOFF, 100));
        assertTrue(verify(workspace).intact());
    }

    private static long chain(LocalDateTime first, int records) throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        try (Connection root = root()) {
            AuditChainWriter.append(root, workspace, first, records);
        }
        return workspace;
    }

    private static ChainRetention expire(long workspace, LocalDateTime cutoff, int chunkSize) throws SQLException {
        try (Connection retention = db.retentionConnection()) {
            return new AuditRetention(retention, chunkSize).expire(workspace, cutoff);
        }
    }

    private static ChainVerification verify(long workspace) throws SQLException {
        try (Connection root = root()) {
            return new AuditChainVerifier(root, 100).verify(workspace);
        }
    }

    private static void writeCheckpoint(Connection retention, long workspace, long seq) throws SQLException {
        try (Statement statement = retention.createStatement()) {
            statement.executeUpdate("INSERT INTO audit_chain_checkpoint (chain_key, seq, record_hash, created_at) VALUES (" + workspace
                    + ", " + seq + ", '" + recordHash(workspace, seq) + "', UTC_TIMESTAMP(3))");
        }
    }

    /** The retention account's connection whose DELETE statements fail once {@code deletesLeft} have run. */
    private static Connection failingDeletes(Connection connection, AtomicInteger deletesLeft) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            if (method.getName().equals("prepareStatement") && ((String) args[0]).startsWith("DELETE")) {
                PreparedStatement statement = (PreparedStatement) result;
                return Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                        (innerProxy, innerMethod, innerArgs) -> {
                            if (innerMethod.getName().equals("executeUpdate") && deletesLeft.getAndDecrement() <= 0) {
                                throw new SQLException("the connection went away");
                            }
                            return invoke(statement, innerMethod, innerArgs);
                        });
            }
            return result;
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void asApplication(String sql) throws SQLException {
        try (Connection app = DriverManager.getConnection(db.mariaDb().jdbcUrl(DATABASE), DATABASE, APP_PASSWORD);
                Statement statement = app.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static long count(long workspace) throws SQLException {
        return number("SELECT COUNT(*) FROM audit_record WHERE chain_key = " + workspace);
    }

    private static long checkpointSeq(long workspace) throws SQLException {
        return number("SELECT seq FROM audit_chain_checkpoint WHERE chain_key = " + workspace);
    }

    private static String recordHash(long workspace, long seq) throws SQLException {
        try (Connection root = root(); Statement statement = root.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT record_hash FROM audit_seal WHERE chain_key = " + workspace + " AND seq = " + seq)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long recordId(long workspace, long seq) throws SQLException {
        return number("SELECT record_id FROM audit_seal WHERE chain_key = " + workspace + " AND seq = " + seq);
    }

    /** Deletes the records sealed at positions 1 to {@code seq} of the chain. */
    private static String sealedUpTo(long workspace, long seq) {
        return "DELETE r FROM audit_record r JOIN audit_seal s ON s.record_id = r.id WHERE s.chain_key = " + workspace + " AND s.seq <= "
                + seq;
    }

    private static long number(String sql) throws SQLException {
        try (Connection root = root(); Statement statement = root.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection root() throws SQLException {
        return db.mariaDb().rootConnection(DATABASE);
    }
}
