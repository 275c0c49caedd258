package com.signalops.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.audit.domain.ChainVerification;
import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Migration V9 chains the audit records written before it, in id order per workspace, with the
 * same canonical form as the application: the chains it builds verify, and their heads are set.
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

        migrateTo("latest");

        try (Connection root = mariaDb.rootConnection(DATABASE)) {
            AuditChainVerifier verifier = new AuditChainVerifier(root, 2);
            assertEquals(List.of(0L, 7L, 9L), verifier.chainKeys());
            for (long chain : verifier.chainKeys()) {
                ChainVerification verified = verifier.verify(chain);
                assertTrue(verified.intact(), verified.toString());
            }
            assertEquals(3, verifier.verify(7).headSeq());
            assertEquals(1, verifier.verify(9).recordsChecked());
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
