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
import com.signalops.shared.Digests;
import com.signalops.shared.RequestIds;
import com.signalops.testing.JpaTestDatabase;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
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
 * Each workspace's audit records form a hash chain that the verifier checks; the application
 * cannot update or delete a record, and what a privileged account changes behind its back (an
 * edited record, a deleted one, a cut-off tail) is named by record and position. A chain rewritten
 * as a whole verifies again: only the head it ends in gives it away.
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

        assertTrue(rootCause(update).getMessage().contains("UPDATE of audit_record is refused"), rootCause(update).getMessage());
        assertTrue(rootCause(delete).getMessage().contains("DELETE from audit_record is refused"), rootCause(delete).getMessage());
        assertTrue(verify(workspace).intact());
    }

    @Test
    void namesARecordEditedThroughAPrivilegedConnection() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        append(workspace, 4);
        long edited = recordId(workspace, 2);

        asDba("audit_record_no_update", "UPDATE audit_record SET outcome = 'success' WHERE id = " + edited);

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
        append(workspace, 1);
        long moved = recordId(workspace, 1);
        assertEquals(AuditRecordCanonicalForm.VERSION_3, ((Number) column("form_version", workspace, 1)).intValue());
        assertEquals("req-7f3a", column("request_id", workspace, 1));
        assertEquals("Dana Scully", column("actor_name", workspace, 1));
        assertEquals("{\"districtId\":3}", column("before_json", workspace, 1));
        assertTrue(((String) column("after_json", workspace, 1)).contains("\"preview\":\"da***@ex***.com\""));

        asDba("audit_record_no_update", "UPDATE audit_record SET actor_name = 'D. Scully' WHERE id = " + moved);
        assertTrue(verify(workspace).intact(), "a display name is outside the hash");

        asDba("audit_record_no_update", "UPDATE audit_record SET before_json = '{\"districtId\":5}' WHERE id = " + moved);
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

        asDba("audit_record_no_update", "UPDATE audit_record SET after_json = '{}' WHERE id = " + recordId(edited, 2));
        asDba("audit_record_no_update", "UPDATE audit_record SET request_id = 'forged' WHERE id = " + recordId(requested, 1));
        asDba("audit_record_no_update", "UPDATE audit_record SET form_version = 1, before_json = '{}' WHERE id = "
                + recordId(downgraded, 2));

        assertEquals(2, verify(edited).firstBreak().orElseThrow().seq());
        assertEquals(1, verify(requested).firstBreak().orElseThrow().seq());
        assertEquals("a form_version 1 record has request_id, before_json or after_json",
                verify(downgraded).firstBreak().orElseThrow().reason());
    }

    @Test
    void namesTheRecordAfterADeletedOne() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        append(workspace, 4);
        long after = recordId(workspace, 3);

        asDba("audit_record_no_delete", "DELETE FROM audit_record WHERE id = " + recordId(workspace, 2));

        ChainBreak found = verify(workspace).firstBreak().orElseThrow();
        assertEquals(after, found.recordId());
        assertEquals(3, found.seq());
        assertEquals("the record at seq 2 before it is missing", found.reason());
    }

    @Test
    void findsATailCutOffBehindTheHead() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        append(workspace, 3);

        asDba("audit_record_no_delete", "DELETE FROM audit_record WHERE id = " + recordId(workspace, 3));

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

        rewriteFrom(workspace, 1, "success");

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
            statement.execute("DELETE FROM audit_record WHERE workspace_id = " + workspace + " AND seq <= 2");
        }

        ChainVerification afterRetention = verify(workspace);
        assertTrue(afterRetention.intact(), afterRetention.toString());
        assertEquals(2, afterRetention.recordsChecked());
    }

    @Test
    void concurrentWritersOfOneWorkspaceTakeTurns() throws Exception {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                done.add(writers.submit(() -> append(workspace, 10)));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            writers.shutdown();
        }

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

    private static void append(long workspace, int records) {
        for (int i = 0; i < records; i++) {
            int n = i;
            db.call(AuditTrail::new, trail -> {
                trail.record(entry(workspace, AuditAction.STORE_MOVE, "203.0.113." + n));
                return null;
            });
        }
    }

    private static AuditEntry entry(Long workspace, AuditAction action, String clientAddress) {
        return AuditEntry.of(action, AuditOutcome.DENIED).in(workspace).by(ActorType.USER, "acct-7").via(AuditSource.UI)
                .on("store", 42).from(clientAddress).build();
    }

    private static ChainVerification verify(long chainKey) {
        return withRoot(root -> new AuditChainVerifier(root, 100).verify(chainKey));
    }

    /** What a DBA can do: take a trigger away, change the table, and put the trigger back as it was. */
    private static void asDba(String trigger, String sql) throws SQLException {
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

    /** A rewrite that knows the canonical form: the records from {@code seq} on rehashed in form version 2, and the head. */
    private static void rewriteFrom(long workspace, long seq, String outcome) throws SQLException {
        try (Connection root = db.mariaDb().rootConnection(DATABASE); Statement statement = root.createStatement()) {
            String definition;
            try (ResultSet shown = statement.executeQuery("SHOW CREATE TRIGGER audit_record_no_update")) {
                shown.next();
                definition = shown.getString("SQL Original Statement");
            }
            statement.execute("DROP TRIGGER audit_record_no_update");
            String prev = seq == 1 ? AuditRecordCanonicalForm.GENESIS : recordHash(workspace, seq - 1);
            try (PreparedStatement rows = root.prepareStatement("SELECT id, seq, occurred_at, actor_type, actor_id, source, action, "
                    + "entity_type, entity_id, client_address_digest, request_id, before_json, after_json FROM audit_record "
                    + "WHERE workspace_id = ? AND seq >= ? ORDER BY seq")) {
                rows.setLong(1, workspace);
                rows.setLong(2, seq);
                try (ResultSet row = rows.executeQuery()) {
                    while (row.next()) {
                        String hash = Digests.sha256(AuditRecordCanonicalForm.ofVersion2(row.getLong("seq"), prev,
                                row.getObject("occurred_at", LocalDateTime.class), workspace, row.getString("actor_type"),
                                row.getString("actor_id"), row.getString("source"), row.getString("action"),
                                row.getString("entity_type"), row.getString("entity_id"), outcome, row.getString("client_address_digest"),
                                row.getString("request_id"), row.getString("before_json"), row.getString("after_json")));
                        try (PreparedStatement update = root.prepareStatement(
                                "UPDATE audit_record SET outcome = ?, prev_hash = ?, record_hash = ?, form_version = 2 WHERE id = ?")) {
                            update.setString(1, outcome);
                            update.setString(2, prev);
                            update.setString(3, hash);
                            update.setLong(4, row.getLong("id"));
                            update.executeUpdate();
                        }
                        prev = hash;
                    }
                }
            }
            statement.execute("UPDATE audit_chain_head SET record_hash = '" + prev + "' WHERE chain_key = " + workspace);
            statement.execute(definition);
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

    private static Object column(String column, long workspace, long seq) {
        return db.withoutWorkspace(em -> em.createNativeQuery("SELECT " + column + " FROM audit_record WHERE chain_key = ? AND seq = ?")
                .setParameter(1, workspace).setParameter(2, seq).getSingleResult());
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
