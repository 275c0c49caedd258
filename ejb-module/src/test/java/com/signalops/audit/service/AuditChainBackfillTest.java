package com.signalops.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.domain.ChainVerification;
import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.AuditChainWriter;
import com.signalops.testing.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Migration V9 chains the audit records written before it, in id order per workspace, with the
 * same canonical form as the application: the chains it builds verify, and their heads are set.
 * Migration V17 moves every link, V9's and those {@code audit_append} wrote in the writers'
 * transactions, into {@code audit_seal}: the chains verify as before and the sealer continues them.
 */
class AuditChainBackfillTest {

    private static final String DATABASE = "signalops_audit_backfill";
    private static final String PASSWORD = "backfill-test-only";
    private static EmbeddedMariaDb mariaDb;

    @BeforeAll
    static void start() throws SQLException {
        mariaDb = EmbeddedMariaDb.start("test", Integer.getInteger("signalops.test.db.port", 3316));
        mariaDb.recreateDatabase(DATABASE, DATABASE, PASSWORD);
    }

    @AfterAll
    static void stop() {
        mariaDb.stop();
    }

    @Test
    void chainsTheRecordsWrittenBeforeTheChainExisted() throws SQLException {
        migrateTo("8");
        try (Connection root = mariaDb.rootConnection(DATABASE)) {
            insertOld(root, 7L, "2026-10-01T08:00:00.123", "session.sign-in", "acct-1", null, "a".repeat(64));
            insertOld(root, null, "2026-10-01T08:00:01", "platform.staff-access", "staff-2", "workspace", null);
            insertOld(root, 9L, "2026-10-01T08:00:02.5", "member.suspend", "ünïcødé ✓ 𝄞", "member", null);
            insertOld(root, 7L, "2026-10-02T09:30:00.999", "role.grant", null, null, null);
            insertOld(root, 7L, "2026-10-03T10:00:00", "store.update", "acct-1|2:x", "store", null);
        }

        migrateTo("16");
        try (Connection root = mariaDb.rootConnection(DATABASE)) {
            appendThroughTheProcedure(root, 7L, "2026-11-01T12:00:00.001", Map.of("districtId", 3));
            appendThroughTheProcedure(root, 11L, "2026-11-01T12:00:01", Map.of("contactEmail", "dana.scully@example.com"));
        }

        migrateTo("latest");

        try (Connection root = mariaDb.rootConnection(DATABASE)) {
            AuditChainVerifier verifier = new AuditChainVerifier(root, 2);
            assertEquals(List.of(0L, 7L, 9L, 11L), verifier.chainKeys());
            for (long chain : verifier.chainKeys()) {
                ChainVerification verified = verifier.verify(chain);
                assertTrue(verified.intact(), verified.toString());
            }
            assertEquals(4, verifier.verify(7).headSeq());
            assertEquals(1, verifier.verify(9).recordsChecked());
            assertEquals(List.of(), verifier.unsealedBefore(0), "every record written before V17 is sealed");

            AuditChainWriter.append(root, 7L, LocalDateTime.parse("2026-11-20T08:00:00"));
            ChainVerification continued = verifier.verify(7);
            assertTrue(continued.intact(), continued.toString());
            assertEquals(5, continued.headSeq());
        }
    }

    /** A record of form version 3 as the application wrote it up to V16: linked by audit_append in the writer's transaction. */
    private static void appendThroughTheProcedure(Connection root, Long workspace, String occurredAt, Map<String, Object> after)
            throws SQLException {
        AuditEntry entry = AuditEntry.of(AuditAction.STORE_MOVE, AuditOutcome.SUCCESS).in(workspace).by(ActorType.USER, 7L)
                .named("Dana Scully").via(AuditSource.UI).on(42L).from("198.51.100.7").after(after).build();
        List<Object> parameters = new ArrayList<>();
        parameters.add(workspace);
        parameters.addAll(AuditAppend.of(entry, LocalDateTime.parse(occurredAt).toInstant(ZoneOffset.UTC), "req-1").parameters());
        try (PreparedStatement call = root.prepareStatement("CALL audit_append(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < parameters.size(); i++) {
                call.setObject(i + 1, parameters.get(i));
            }
            call.execute();
        }
    }

    private static void migrateTo(String version) {
        Flyway.configure().dataSource(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD).locations("classpath:db/migration")
                .placeholders(SchemaMigrator.placeholders(EmbeddedMariaDb.retentionUser(DATABASE))).target(version).load().migrate();
    }

    private static void insertOld(Connection root, Long workspace, String occurredAt, String action, String actorId,
            String entityType, String addressDigest) throws SQLException {
        try (PreparedStatement insert = root.prepareStatement("INSERT INTO audit_record (workspace_id, occurred_at, actor_type, actor_id, "
                + "source, action, entity_type, entity_id, outcome, client_address_digest) VALUES (?, ?, 'account', ?, 'console', ?, ?, ?, "
                + "'success', ?)")) {
            insert.setObject(1, workspace);
            insert.setObject(2, LocalDateTime.parse(occurredAt));
            insert.setString(3, actorId);
            insert.setString(4, action);
            insert.setString(5, entityType);
            insert.setString(6, entityType == null ? null : "17");
            insert.setString(7, addressDigest);
            insert.executeUpdate();
        }
    }
}
