package com.signalops.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.domain.ChainBreak;
import com.signalops.audit.domain.ChainVerification;
import com.signalops.audit.domain.SealPass;
import com.signalops.audit.domain.UnsealedRecords;
import com.signalops.testing.AuditChainWriter;
import com.signalops.testing.JpaTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sealer against a real MariaDB, as the application's account: a writer's transaction only
 * inserts its record; the sealer links committed records into each workspace's chain in id order,
 * also a record whose transaction commits after a higher id was sealed; sealing again, or with two
 * sealers at once, links every record exactly once; an edit before or after sealing is named by the
 * verifier; records left unsealed too long are listed.
 */
class AuditSealerTest {

    private static final String DATABASE = "signalops_audit_sealer";
    private static final String APP_PASSWORD = "jpa-test-only";
    private static final AtomicLong NEXT_WORKSPACE = new AtomicLong(3000);

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
    void aWritersTransactionInsertsOnlyItsRecordAndTheSealerLinksItInIdOrderPerWorkspace() throws SQLException {
        long first = NEXT_WORKSPACE.incrementAndGet();
        long second = NEXT_WORKSPACE.incrementAndGet();
        List<Long> written = new ArrayList<>();
        for (long workspace : new long[] {first, second, first, first, second}) {
            written.add(record(workspace));
        }
        assertEquals(0, count("SELECT COUNT(*) FROM audit_seal WHERE chain_key IN (" + first + ", " + second + ")"),
                "no link is written in a writer's transaction");
        assertEquals(0, count("SELECT COUNT(*) FROM audit_chain_head WHERE chain_key IN (" + first + ", " + second + ")"));

        SealPass pass = seal();

        assertTrue(pass.recordsSealed() >= 5, pass.toString());
        assertEquals(List.of(written.get(0), written.get(2), written.get(3)), sealedInOrder(first));
        assertEquals(List.of(written.get(1), written.get(4)), sealedInOrder(second));
        ChainVerification verified = verify(first);
        assertTrue(verified.intact(), verified.toString());
        assertEquals(3, verified.headSeq());
        assertTrue(verify(second).intact());
    }

    @Test
    void aRolledBackChangeLeavesNoRecordToSeal() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        assertThrows(IllegalStateException.class, () -> db.call(AuditTrail::new, trail -> {
            trail.record(entry(workspace));
            throw new IllegalStateException("the change fails after its record was written");
        }));

        seal();

        assertEquals(0, count("SELECT COUNT(*) FROM audit_record WHERE chain_key = " + workspace));
        assertEquals(0, verify(workspace).recordsChecked());
    }

    @Test
    void sealsARecordWhoseTransactionCommitsAfterAHigherIdWasSealed() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        try (Connection slow = app(); Connection quick = app()) {
            slow.setAutoCommit(false);
            long late = insert(slow, workspace);
            long early = insert(quick, workspace);
            assertTrue(late < early, "the slow transaction took the lower id");

            seal();
            assertEquals(List.of(early), sealedInOrder(workspace), "the uncommitted record is not seen, the committed one is sealed");

            slow.commit();
            seal();
            assertEquals(List.of(early, late), sealedInOrder(workspace), "the late commit follows in the chain, not skipped");
        }
        ChainVerification verified = verify(workspace);
        assertTrue(verified.intact(), verified.toString());
        assertEquals(2, verified.recordsChecked());
        assertEquals(List.of(), unsealedOf(workspace, 0));
    }

    @Test
    void sealsALateCommitAlsoWhenTheSealerStoodStillLongerThanTheWindowMeanwhile() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        try (Connection slow = app(); Connection quick = app()) {
            slow.setAutoCommit(false);
            long late = insert(slow, workspace);
            long early = insert(quick, workspace);
            seal();
            // the sealer then stands still for two hours: every seal so far is that much older
            asDba("UPDATE audit_seal SET sealed_at = sealed_at - INTERVAL 2 HOUR", "audit_seal_no_update");
            try (Connection root = root(); Statement statement = root.createStatement()) {
                statement.execute("UPDATE audit_chain_head SET updated_at = updated_at - INTERVAL 2 HOUR");
            }

            slow.commit();
            seal();

            assertEquals(List.of(early, late), sealedInOrder(workspace));
        }
        assertTrue(verify(workspace).intact());
    }

    @Test
    void sealingAgainOrWithTwoSealersAtOnceLinksEveryRecordExactlyOnce() throws Exception {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        for (int n = 0; n < 30; n++) {
            record(workspace);
        }

        ExecutorService sealers = Executors.newFixedThreadPool(2);
        int sealed = 0;
        try {
            Callable<SealPass> sealer = () -> {
                try (Connection connection = app()) {
                    return new AuditSealer(connection, 7, AuditSealer.LATE_COMMIT_WINDOW).waitingForLock(Duration.ofSeconds(30)).sealAll();
                }
            };
            List<Future<SealPass>> passes = List.of(sealers.submit(sealer), sealers.submit(sealer));
            for (Future<SealPass> pass : passes) {
                sealed += pass.get().recordsSealed();
            }
        } finally {
            sealers.shutdown();
        }

        assertTrue(sealed >= 30, "between them the two sealers sealed every record: " + sealed);
        assertEquals(0, seal().recordsSealed(), "nothing is left to seal");
        assertEquals(30, count("SELECT COUNT(*) FROM audit_seal WHERE chain_key = " + workspace));
        assertEquals(30, count("SELECT COUNT(DISTINCT record_id) FROM audit_seal WHERE chain_key = " + workspace));
        ChainVerification verified = verify(workspace);
        assertTrue(verified.intact(), verified.toString());
        assertEquals(30, verified.headSeq());
    }

    @Test
    void aSealerThatFindsAnotherAtWorkLeavesTheWorkToIt() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        long waiting = record(workspace);
        try (Connection other = app(); Statement statement = other.createStatement()) {
            try (ResultSet locked = statement.executeQuery("SELECT GET_LOCK(CONCAT('signalops.audit-sealer.', DATABASE()), 0)")) {
                locked.next();
                assertEquals(1, locked.getInt(1));
            }
            try (Connection connection = app()) {
                assertEquals(SealPass.ofBusy(), new AuditSealer(connection, 100, AuditSealer.LATE_COMMIT_WINDOW).sealAll());
            }
            assertEquals(List.of(), sealedInOrder(workspace));
            statement.executeQuery("SELECT RELEASE_LOCK(CONCAT('signalops.audit-sealer.', DATABASE()))").close();
        }

        seal();

        assertEquals(List.of(waiting), sealedInOrder(workspace));
    }

    @Test
    void namesARecordEditedAfterItWasSealedAndOneEditedBeforeIt() throws SQLException {
        long afterSealing = NEXT_WORKSPACE.incrementAndGet();
        long beforeSealing = NEXT_WORKSPACE.incrementAndGet();
        record(afterSealing);
        long editedLater = record(afterSealing);
        record(beforeSealing);
        seal();
        long editedEarly = record(beforeSealing);

        asDba("UPDATE audit_record SET outcome = 'SUCCESS' WHERE id IN (" + editedLater + ", " + editedEarly + ")",
                "audit_record_no_update");
        seal();

        assertEquals(new ChainBreak(afterSealing, editedLater, 2, "record_hash does not match the record's content"),
                verify(afterSealing).firstBreak().orElseThrow());
        assertEquals(new ChainBreak(beforeSealing, editedEarly, 2, "record_hash does not match the record's content"),
                verify(beforeSealing).firstBreak().orElseThrow(), "the sealer links the digest written with the record, not the edit");
    }

    @Test
    void listsTheRecordsLeftUnsealedLongerThanTheBoundAndNoneOnceSealed() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        List<Long> stale;
        try (Connection connection = app()) {
            stale = AuditChainWriter.insertUnsealed(connection, workspace, now.minusHours(2), now.minusHours(1));
            AuditChainWriter.insertUnsealed(connection, workspace, now);
        }

        assertEquals(List.of(new UnsealedRecords(workspace, 2, stale.get(0), now.minusHours(2))), unsealedOf(workspace, 600));

        seal();

        assertEquals(List.of(), unsealedOf(workspace, 600));
        assertTrue(verify(workspace).intact());
    }

    @Test
    void leavesARecordWithoutContentDigestUnsealedAndListsIt() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        long undigested;
        try (Connection connection = app(); PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_record "
                + "(workspace_id, occurred_at, actor_type, source, action, outcome, form_version) "
                + "VALUES (?, UTC_TIMESTAMP(3) - INTERVAL 1 HOUR, 'SYSTEM', 'BATCH', 'job.run', 'SUCCESS', 3)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, workspace);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                undigested = keys.getLong(1);
            }
        }
        long digested = record(workspace);

        seal();

        assertEquals(List.of(digested), sealedInOrder(workspace));
        List<UnsealedRecords> unsealed = unsealedOf(workspace, 600);
        assertEquals(1, unsealed.size());
        assertEquals(undigested, unsealed.get(0).oldestId());
    }

    /** Records a change of {@code workspace} through the application's trail, in a transaction of its own; answers its id. */
    private static long record(long workspace) {
        db.call(AuditTrail::new, trail -> {
            trail.record(entry(workspace));
            return null;
        });
        return count("SELECT MAX(id) FROM audit_record WHERE chain_key = " + workspace);
    }

    private static AuditEntry entry(long workspace) {
        return AuditEntry.of(AuditAction.STORE_MOVE, AuditOutcome.DENIED).in(workspace).by(ActorType.USER, "acct-7").via(AuditSource.UI)
                .on("store", 42).from("203.0.113.5").build();
    }

    /** Inserts a record on {@code connection}, as a writer does; answers its id. */
    private static long insert(Connection connection, long workspace) throws SQLException {
        AuditAppend.of(entry(workspace), Instant.now(), null).appendTo(connection);
        try (Statement statement = connection.createStatement(); ResultSet id = statement.executeQuery("SELECT LAST_INSERT_ID()")) {
            id.next();
            return id.getLong(1);
        }
    }

    private static SealPass seal() throws SQLException {
        try (Connection connection = app()) {
            return new AuditSealer(connection, 100, AuditSealer.LATE_COMMIT_WINDOW).sealAll();
        }
    }

    private static List<Long> sealedInOrder(long workspace) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection root = root(); Statement statement = root.createStatement();
                ResultSet rows = statement.executeQuery("SELECT record_id FROM audit_seal WHERE chain_key = " + workspace + " ORDER BY seq")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private static List<UnsealedRecords> unsealedOf(long workspace, long boundSeconds) throws SQLException {
        try (Connection root = root()) {
            return new AuditChainVerifier(root, 100).unsealedBefore(boundSeconds).stream().filter(u -> u.chainKey() == workspace).toList();
        }
    }

    private static ChainVerification verify(long chainKey) throws SQLException {
        try (Connection root = root()) {
            return new AuditChainVerifier(root, 100).verify(chainKey);
        }
    }

    /** A privileged edit behind the triggers' back: the trigger taken away and put back as it was. */
    private static void asDba(String sql, String trigger) throws SQLException {
        try (Connection root = root(); Statement statement = root.createStatement()) {
            String definition;
            try (ResultSet shown = statement.executeQuery("SHOW CREATE TRIGGER " + trigger)) {
                shown.next();
                definition = shown.getString("SQL Original Statement");
            }
            statement.execute("DROP TRIGGER " + trigger);
            try {
                statement.execute(sql);
            } finally {
                statement.execute(definition);
            }
        }
    }

    private static long count(String sql) {
        try (Connection root = root(); Statement statement = root.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection app() throws SQLException {
        return DriverManager.getConnection(db.mariaDb().jdbcUrl(DATABASE), DATABASE, APP_PASSWORD);
    }

    private static Connection root() throws SQLException {
        return db.mariaDb().rootConnection(DATABASE);
    }
}
