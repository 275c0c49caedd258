package com.signalops.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditRecordCanonicalForm;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.domain.ChainBreak;
import com.signalops.audit.domain.ChainVerification;
import com.signalops.shared.RequestIds;
import com.signalops.testing.AuditChainWriter;
import com.signalops.testing.JpaTestDatabase;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each workspace's audit records form a hash chain, linked by the sealer after they commit, that
 * the verifier checks; the application cannot update or delete a record or its seal, and what a
 * privileged account changes behind its back (an edited record, a deleted one, a cut-off tail) is
 * named by record and position. A chain rewritten as a whole verifies again: only the head it ends
 * in gives it away.
 */
class AuditChainTest {

    private static final String DATABASE = "signalops_audit_chain";
    /** Every test writes its own chains, so that a tampered one does not disturb the others. */
    private static final AtomicLong NEXT_WORKSPACE = new AtomicLong(1000);

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
    void eachWorkspacesRecordsFormAChainThatVerifies() throws SQLException {
        long first = NEXT_WORKSPACE.incrementAndGet();
        long second = NEXT_WORKSPACE.incrementAndGet();
        append(first, 3);
        append(second, 2);
        db.call(AuditTrail::new, trail -> {
            trail.record(entry(null, AuditAction.SESSION_SIGN_IN, "198.51.100.7"));
            trail.record(entry(first, AuditAction.MEMBER_SUSPEND, null));
            return null;
        });
        db.call(AuditTrail::new, trail -> {
            trail.recordAlone(AuditEntry.of(AuditAction.MEMBERSHIP_GRANT, AuditOutcome.SUCCESS).in(second)
                    .by(ActorType.USER, "ünïcødé ✓ 𝄞").via(AuditSource.UI).on(null, null).build());
            return null;
        });
        seal();

        ChainVerification firstChain = verify(first);
        ChainVerification secondChain = verify(second);
        ChainVerification platform = verify(0);

        assertTrue(firstChain.intact(), firstChain.toString());
        assertEquals(4, firstChain.recordsChecked());
        assertEquals(4, firstChain.headSeq());
        assertEquals(recordHash(first, 4), firstChain.headHash());
        assertTrue(secondChain.intact(), secondChain.toString());
        assertEquals(3, secondChain.headSeq());
        assertTrue(platform.intact(), platform.toString());
        assertEquals(1, platform.headSeq());
        assertEquals(AuditRecordCanonicalForm.GENESIS, prevHash(second, 1));
        assertEquals(recordHash(second, 1), prevHash(second, 2));
    }

    @Test
    void theApplicationCannotUpdateOrDeleteAnAuditRecord() {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        append(workspace, 2);

        PersistenceException update = assertThrows(PersistenceException.class, () -> db.withoutWorkspace(em -> em.createNativeQuery(
                "UPDATE audit_record SET outcome = 'success' WHERE workspace_id = ?").setParameter(1, workspace).executeUpdate()));
        PersistenceException delete = assertThrows(PersistenceException.class, () -> db.withoutWorkspace(em -> em.createNativeQuery(
                "DELETE FROM audit_record WHERE workspace_id = ?").setParameter(1, workspace).executeUpdate()));
        PersistenceException relink = assertThrows(PersistenceException.class, () -> db.withoutWorkspace(em -> em.createNativeQuery(
                "UPDATE audit_seal SET seq = seq + 10 WHERE chain_key = ?").setParameter(1, workspace).executeUpdate()));
        PersistenceException unseal = assertThrows(PersistenceException.class, () -> db.withoutWorkspace(em -> em.createNativeQuery(
                "DELETE FROM audit_seal WHERE chain_key = ?").setParameter(1, workspace).executeUpdate()));

        assertTrue(rootCause(update).getMessage().contains("UPDATE of audit_record is refused"), rootCause(update).getMessage());
        assertTrue(rootCause(delete).getMessage().contains("DELETE from audit_record is refused"), rootCause(delete).getMessage());
        assertTrue(rootCause(relink).getMessage().contains("UPDATE of audit_seal is refused"), rootCause(relink).getMessage());
        assertTrue(rootCause(unseal).getMessage().contains("DELETE from audit_seal is refused"), rootCause(unseal).getMessage());
        assertTrue(verify(workspace).intact());
    }

    @Test
    void namesARecordEditedThroughAPrivilegedConnection() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        append(workspace, 4);
        long edited = recordId(workspace, 2);

        asDba("UPDATE audit_record SET outcome = 'success' WHERE id = " + edited, "audit_record_no_update");

        ChainBreak found = verify(workspace).firstBreak().orElseThrow();
        assertEquals(new ChainBreak(workspace, edited, 2, "record_hash does not match the record's content"), found);
        assertEquals("audit chain " + workspace + " broken at seq 2 (record " + edited + "): record_hash does not match the record's content",
                found.describe());
    }

    @Test
    void aRecordHashesItsRequestAndSnapshotsButNotTheActorsName() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        RequestIds.set("req-7f3a");
        try {
            db.call(AuditTrail::new, trail -> {
                trail.record(AuditEntry.of(AuditAction.STORE_MOVE, AuditOutcome.SUCCESS).in(workspace).by(ActorType.USER, 7L)
                        .named("Dana Scully").via(AuditSource.UI).on(42L).before(Map.of("districtId", 3))
                        .after(Map.of("districtId", 4, "contactEmail", "dana.scully@example.com")).build());
                return null;
            });
        } finally {
            RequestIds.clear();
        }
        seal();
        append(workspace, 1);
        long moved = recordId(workspace, 1);
        assertEquals(AuditRecordCanonicalForm.VERSION_3, ((Number) column("form_version", workspace, 1)).intValue());
        assertEquals("req-7f3a", column("request_id", workspace, 1));
        assertEquals("Dana Scully", column("actor_name", workspace, 1));
        assertEquals("{\"districtId\":3}", column("before_json", workspace, 1));
        assertTrue(((String) column("after_json", workspace, 1)).contains("\"preview\":\"da***@ex***.com\""));

        asDba("UPDATE audit_record SET actor_name = 'D. Scully' WHERE id = " + moved, "audit_record_no_update");
        assertTrue(verify(workspace).intact(), "a display name is outside the hash");

        asDba("UPDATE audit_record SET before_json = '{\"districtId\":5}' WHERE id = " + moved, "audit_record_no_update");
        assertEquals(new ChainBreak(workspace, moved, 1, "record_hash does not match the record's content"),
                verify(workspace).firstBreak().orElseThrow());
    }

    @Test
    void namesAnEditedAfterJsonOrRequestIdAndAVersion1RecordGivenSnapshots() throws SQLException {
        long edited = NEXT_WORKSPACE.incrementAndGet();
        long requested = NEXT_WORKSPACE.incrementAndGet();
        long downgraded = NEXT_WORKSPACE.incrementAndGet();
        append(edited, 2);
        append(requested, 2);
        append(downgraded, 2);

        asDba("UPDATE audit_record SET after_json = '{}' WHERE id = " + recordId(edited, 2), "audit_record_no_update");
        asDba("UPDATE audit_record SET request_id = 'forged' WHERE id = " + recordId(requested, 1), "audit_record_no_update");
        asDba("UPDATE audit_record SET form_version = 1, before_json = '{}' WHERE id = " + recordId(downgraded, 2),
                "audit_record_no_update");

        assertEquals(2, verify(edited).firstBreak().orElseThrow().seq());
        assertEquals(1, verify(requested).firstBreak().orElseThrow().seq());
        assertEquals("a form_version 1 record has request_id, before_json or after_json",
                verify(downgraded).firstBreak().orElseThrow().reason());
    }

    @Test
    void namesADeletedRecordByItsSeal() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        append(workspace, 4);
        long deleted = recordId(workspace, 2);

        asDba("DELETE FROM audit_record WHERE id = " + deleted, "audit_record_no_delete");

        assertEquals(new ChainBreak(workspace, deleted, 2, "the sealed record is missing"), verify(workspace).firstBreak().orElseThrow());
    }

    @Test
    void namesTheRecordAfterADeletedRecordAndSeal() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        append(workspace, 4);
        long after = recordId(workspace, 3);
        long deleted = recordId(workspace, 2);

        asDba("DELETE FROM audit_record WHERE id = " + deleted, "audit_record_no_delete");
        asDba("DELETE FROM audit_seal WHERE record_id = " + deleted, "audit_seal_no_delete");

        ChainBreak found = verify(workspace).firstBreak().orElseThrow();
        assertEquals(after, found.recordId());
        assertEquals(3, found.seq());
        assertEquals("the record at seq 2 before it is missing", found.reason());
    }

    @Test
    void namesASealMovedToAnotherChainsRecord() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        long other = NEXT_WORKSPACE.incrementAndGet();
        append(workspace, 2);
        append(other, 1);
        long foreign = recordId(other, 1);
        long own = recordId(workspace, 2);

        asDba("UPDATE audit_seal SET record_id = " + foreign + " + 1000000000 WHERE record_id = " + foreign, "audit_seal_no_update");
        asDba("UPDATE audit_seal SET record_id = " + foreign + " WHERE record_id = " + own, "audit_seal_no_update");

        assertEquals(new ChainBreak(workspace, foreign, 2, "the sealed record belongs to chain " + other),
                verify(workspace).firstBreak().orElseThrow());
    }

    @Test
    void findsATailCutOffBehindTheHead() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        append(workspace, 3);
        long last = recordId(workspace, 3);

        asDba("DELETE FROM audit_record WHERE id = " + last, "audit_record_no_delete");
        asDba("DELETE FROM audit_seal WHERE record_id = " + last, "audit_seal_no_delete");

        ChainBreak found = verify(workspace).firstBreak().orElseThrow();
        assertNull(found.recordId());
        assertEquals(3, found.seq());
        assertEquals("records from seq 3 to the head's seq 3 are missing", found.reason());
    }

    @Test
    void aChainRewrittenAsAWholeVerifiesButEndsInAnotherHead() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        append(workspace, 3);
        ChainVerification logged = verify(workspace);

        try (Connection root = db.mariaDb().rootConnection(DATABASE)) {
            AuditChainWriter.rewrite(root, workspace, "SUCCESS");
        }

        ChainVerification rewritten = verify(workspace);
        assertTrue(rewritten.intact(), "a consistent rewrite passes the database's own check");
        assertEquals(logged.headSeq(), rewritten.headSeq());
        assertNotEquals(logged.headHash(), rewritten.headHash(), "the head kept outside the database tells");
    }

    @Test
    void aChainStartsAfterItsRetentionCheckpoint() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        append(workspace, 4);
        String lastExpired = recordHash(workspace, 2);

        try (Connection retention = db.retentionConnection(); Statement statement = retention.createStatement()) {
            statement.execute("INSERT INTO audit_chain_checkpoint (chain_key, seq, record_hash, created_at) VALUES (" + workspace
                    + ", 2, '" + lastExpired + "', UTC_TIMESTAMP(3))");
            statement.execute("DELETE r FROM audit_record r JOIN audit_seal s ON s.record_id = r.id WHERE s.chain_key = " + workspace
                    + " AND s.seq <= 2");
            statement.execute("DELETE FROM audit_seal WHERE chain_key = " + workspace + " AND seq <= 2");
        }

        ChainVerification afterRetention = verify(workspace);
        assertTrue(afterRetention.intact(), afterRetention.toString());
        assertEquals(2, afterRetention.recordsChecked());
    }

    @Test
    void recordsOfConcurrentWritersOfOneWorkspaceAreAllSealedIntoOneChain() throws Exception {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                done.add(writers.submit(() -> write(workspace, 10)));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            writers.shutdown();
        }
        seal();

        ChainVerification chain = verify(workspace);
        assertTrue(chain.intact(), chain.toString());
        assertEquals(40, chain.headSeq());
    }

    @Test
    void pagesThroughALongChain() {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        append(workspace, 25);

        ChainVerification chain = withRoot(root -> new AuditChainVerifier(root, 4).verify(workspace));

        assertTrue(chain.intact(), chain.toString());
        assertEquals(25, chain.recordsChecked());
        assertTrue(withRoot(root -> new AuditChainVerifier(root, 4).chainKeys()).contains(workspace));
    }

    /** {@code records} records, each in a transaction of its own, sealed. */
    private static void append(long workspace, int records) {
        write(workspace, records);
        seal();
    }

    private static void write(long workspace, int records) {
        for (int i = 0; i < records; i++) {
            int n = i;
            db.call(AuditTrail::new, trail -> {
                trail.record(entry(workspace, AuditAction.STORE_MOVE, "203.0.113." + n));
                return null;
            });
        }
    }

    /** What the server's timer does every few seconds. */
    private static void seal() {
        withRoot(root -> {
            AuditChainWriter.seal(root);
            return null;
        });
    }

    private static AuditEntry entry(Long workspace, AuditAction action, String clientAddress) {
        return AuditEntry.of(action, AuditOutcome.DENIED).in(workspace).by(ActorType.USER, "acct-7").via(AuditSource.UI)
                .on("store", 42).from(clientAddress).build();
    }

    private static ChainVerification verify(long chainKey) {
        return withRoot(root -> new AuditChainVerifier(root, 100).verify(chainKey));
    }

    /** What a DBA can do: take a trigger away, change the table, and put the trigger back as it was. */
    private static void asDba(String sql, String trigger) throws SQLException {
        try (Connection root = db.mariaDb().rootConnection(DATABASE); Statement statement = root.createStatement()) {
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

    private static long recordId(long workspace, long seq) {
        return ((Number) column("id", workspace, seq)).longValue();
    }

    private static String recordHash(long workspace, long seq) {
        return (String) column("record_hash", workspace, seq);
    }

    private static String prevHash(long workspace, long seq) {
        return (String) column("prev_hash", workspace, seq);
    }

    /** A column of the record sealed at {@code seq} of the chain, or of its seal (the hashes). */
    private static Object column(String column, long workspace, long seq) {
        String qualified = column.endsWith("_hash") ? "s." + column : "r." + column;
        return db.withoutWorkspace(em -> em.createNativeQuery("SELECT " + qualified + " FROM audit_seal s JOIN audit_record r "
                + "ON r.id = s.record_id WHERE s.chain_key = ? AND s.seq = ?").setParameter(1, workspace).setParameter(2, seq)
                .getSingleResult());
    }

    private static Throwable rootCause(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private interface RootWork<T> {
        T apply(Connection root) throws SQLException;
    }

    private static <T> T withRoot(RootWork<T> work) {
        try (Connection root = db.mariaDb().rootConnection(DATABASE)) {
            return work.apply(root);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
