package com.signalops.testing;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditRecordCanonicalForm;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditAppend;
import com.signalops.audit.service.AuditSealer;
import com.signalops.shared.Digests;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes audit chains straight through JDBC, for tests that need records of a chosen time or a
 * privileged rewrite: inserts records as the application does ({@link AuditAppend}) and seals them
 * with the application's {@link AuditSealer}, and rewrites a chain consistently, as an attacker
 * with root would.
 */
public final class AuditChainWriter {

    private AuditChainWriter() {
    }

    /** Inserts one record per time into the chain of {@code workspace} (null: chain 0), then seals every unsealed record. */
    public static void append(Connection connection, Long workspace, LocalDateTime... occurredAt) throws SQLException {
        insertUnsealed(connection, workspace, occurredAt);
        seal(connection);
    }

    /** Appends {@code records} records one minute apart from {@code first}. */
    public static void append(Connection connection, Long workspace, LocalDateTime first, int records) throws SQLException {
        LocalDateTime[] times = new LocalDateTime[records];
        for (int i = 0; i < records; i++) {
            times[i] = first.plusMinutes(i);
        }
        append(connection, workspace, times);
    }

    /** Inserts one record per time, as a writer does, and leaves them for the sealer; answers their ids. */
    public static List<Long> insertUnsealed(Connection connection, Long workspace, LocalDateTime... occurredAt) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (LocalDateTime at : occurredAt) {
            AuditEntry entry = AuditEntry.of(AuditAction.STORE_MOVE, AuditOutcome.DENIED).in(workspace).by(ActorType.USER, "acct-3")
                    .via(AuditSource.UI).on("store", at.toString()).build();
            AuditAppend.of(entry, at.toInstant(ZoneOffset.UTC), null).appendTo(connection);
            try (Statement statement = connection.createStatement(); ResultSet id = statement.executeQuery("SELECT LAST_INSERT_ID()")) {
                id.next();
                ids.add(id.getLong(1));
            }
        }
        return ids;
    }

    /** Seals every record committed so far, as the server's timer does, waiting for a sealer at work (a server's) to finish. */
    public static void seal(Connection connection) throws SQLException {
        new AuditSealer(connection, 100, AuditSealer.LATE_COMMIT_WINDOW).waitingForLock(Duration.ofSeconds(30)).sealAll();
    }

    /**
     * What a root account that knows the canonical form can do: every sealed record of the chain gets
     * outcome {@code outcome}, its content digest and its link are computed again from the chain's
     * start (its checkpoint, or genesis), and the head follows, so the chain verifies again.
     * {@code root} may drop and recreate the UPDATE triggers.
     */
    public static void rewrite(Connection root, Long workspace, String outcome) throws SQLException {
        long chainKey = AuditRecordCanonicalForm.chainKey(workspace);
        List<String> dropped = new ArrayList<>();
        try (Statement statement = root.createStatement()) {
            for (String trigger : new String[] {"audit_record_no_update", "audit_seal_no_update"}) {
                try (ResultSet shown = statement.executeQuery("SELECT COUNT(*) FROM information_schema.triggers "
                        + "WHERE trigger_schema = DATABASE() AND trigger_name = '" + trigger + "'")) {
                    shown.next();
                    if (shown.getInt(1) == 0) {
                        continue;
                    }
                }
                try (ResultSet created = statement.executeQuery("SHOW CREATE TRIGGER " + trigger)) {
                    created.next();
                    dropped.add(created.getString("SQL Original Statement"));
                }
                statement.execute("DROP TRIGGER " + trigger);
            }
            try {
                String prev = AuditRecordCanonicalForm.GENESIS;
                try (ResultSet checkpoint = statement.executeQuery("SELECT record_hash FROM audit_chain_checkpoint WHERE chain_key = "
                        + chainKey)) {
                    if (checkpoint.next()) {
                        prev = checkpoint.getString(1);
                    }
                }
                try (PreparedStatement rows = root.prepareStatement("SELECT r.id, s.seq, r.occurred_at, r.workspace_id, r.actor_type, "
                        + "r.actor_id, r.source, r.action, r.entity_type, r.entity_id, r.client_address_digest, r.request_id, "
                        + "r.before_json, r.after_json FROM audit_seal s JOIN audit_record r ON r.id = s.record_id "
                        + "WHERE s.chain_key = ? ORDER BY s.seq")) {
                    rows.setLong(1, chainKey);
                    try (ResultSet row = rows.executeQuery()) {
                        while (row.next()) {
                            String digest = Digests.sha256(AuditRecordCanonicalForm.contentOfVersion3(
                                    row.getObject("occurred_at", LocalDateTime.class), row.getObject("workspace_id", Long.class),
                                    row.getString("actor_type"), row.getString("actor_id"), row.getString("source"), row.getString("action"),
                                    row.getString("entity_type"), row.getString("entity_id"), outcome, row.getString("client_address_digest"),
                                    row.getString("request_id"), row.getString("before_json"), row.getString("after_json")));
                            String hash = Digests.sha256(AuditRecordCanonicalForm.linkOfVersion3(chainKey, row.getLong("seq"), prev, digest));
                            try (PreparedStatement record = root.prepareStatement(
                                    "UPDATE audit_record SET outcome = ?, content_digest = ? WHERE id = ?");
                                    PreparedStatement seal = root.prepareStatement(
                                            "UPDATE audit_seal SET prev_hash = ?, record_hash = ? WHERE record_id = ?")) {
                                record.setString(1, outcome);
                                record.setString(2, digest);
                                record.setLong(3, row.getLong("id"));
                                record.executeUpdate();
                                seal.setString(1, prev);
                                seal.setString(2, hash);
                                seal.setLong(3, row.getLong("id"));
                                seal.executeUpdate();
                            }
                            prev = hash;
                        }
                    }
                }
                statement.execute("UPDATE audit_chain_head SET record_hash = '" + prev + "' WHERE chain_key = " + chainKey);
            } finally {
                for (String definition : dropped) {
                    statement.execute(definition);
                }
            }
        }
    }
}
