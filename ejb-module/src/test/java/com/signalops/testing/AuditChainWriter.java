package com.signalops.testing;

import com.signalops.audit.domain.AuditRecordCanonicalForm;
import com.signalops.shared.Digests;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;

/**
 * Writes audit chains straight through JDBC, for tests that need records of a chosen time or a
 * privileged rewrite: appends as the application does (next position after the head, hashed in
 * canonical form 1), and rewrites a chain consistently, as an attacker with root would.
 */
public final class AuditChainWriter {

    private static final String INSERT = "INSERT INTO audit_record (workspace_id, seq, prev_hash, record_hash, occurred_at, actor_type, "
            + "actor_id, source, action, entity_type, entity_id, outcome) VALUES (?, ?, ?, ?, ?, 'account', 'acct-3', 'console', ?, 'store', "
            + "'5', ?)";

    private AuditChainWriter() {
    }

    /** Appends one record per time to the chain of {@code workspace} (null: chain 0) and moves its head. */
    public static void append(Connection connection, Long workspace, LocalDateTime... occurredAt) throws SQLException {
        long chainKey = AuditRecordCanonicalForm.chainKey(workspace);
        long seq = 0;
        String prev = AuditRecordCanonicalForm.GENESIS;
        try (PreparedStatement head = connection.prepareStatement("SELECT seq, record_hash FROM audit_chain_head WHERE chain_key = ?")) {
            head.setLong(1, chainKey);
            try (ResultSet rows = head.executeQuery()) {
                if (rows.next()) {
                    seq = rows.getLong(1);
                    prev = rows.getString(2);
                }
            }
        }
        for (LocalDateTime at : occurredAt) {
            seq++;
            String action = "store.update-" + seq;
            String hash = Digests.sha256(AuditRecordCanonicalForm.of(seq, prev, at, workspace, "account", "acct-3", "console", action,
                    "store", "5", "denied", null));
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setObject(1, workspace);
                insert.setLong(2, seq);
                insert.setString(3, prev);
                insert.setString(4, hash);
                insert.setObject(5, at);
                insert.setString(6, action);
                insert.setString(7, "denied");
                insert.executeUpdate();
            }
            prev = hash;
        }
        try (PreparedStatement head = connection.prepareStatement("INSERT INTO audit_chain_head (chain_key, seq, record_hash, updated_at) "
                + "VALUES (?, ?, ?, UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE seq = VALUES(seq), record_hash = VALUES(record_hash), "
                + "updated_at = VALUES(updated_at)")) {
            head.setLong(1, chainKey);
            head.setLong(2, seq);
            head.setString(3, prev);
            head.executeUpdate();
        }
    }

    /** Appends {@code records} records one minute apart from {@code first}. */
    public static void append(Connection connection, Long workspace, LocalDateTime first, int records) throws SQLException {
        LocalDateTime[] times = new LocalDateTime[records];
        for (int i = 0; i < records; i++) {
            times[i] = first.plusMinutes(i);
        }
        append(connection, workspace, times);
    }

    /**
     * What a root account that knows the canonical form can do: every stored record of the chain gets
     * outcome {@code outcome} and is hashed again from the chain's start (its checkpoint, or genesis),
     * and the head follows, so the chain verifies again. {@code root} may drop and recreate the UPDATE trigger.
     */
    public static void rewrite(Connection root, Long workspace, String outcome) throws SQLException {
        long chainKey = AuditRecordCanonicalForm.chainKey(workspace);
        try (Statement statement = root.createStatement()) {
            String definition = null;
            try (ResultSet shown = statement.executeQuery("SELECT COUNT(*) FROM information_schema.triggers "
                    + "WHERE trigger_schema = DATABASE() AND trigger_name = 'audit_record_no_update'")) {
                shown.next();
                if (shown.getInt(1) > 0) {
                    try (ResultSet created = root.createStatement().executeQuery("SHOW CREATE TRIGGER audit_record_no_update")) {
                        created.next();
                        definition = created.getString("SQL Original Statement");
                    }
                    statement.execute("DROP TRIGGER audit_record_no_update");
                }
            }
            try {
                String prev = AuditRecordCanonicalForm.GENESIS;
                try (ResultSet checkpoint = statement.executeQuery("SELECT record_hash FROM audit_chain_checkpoint WHERE chain_key = "
                        + chainKey)) {
                    if (checkpoint.next()) {
                        prev = checkpoint.getString(1);
                    }
                }
                try (PreparedStatement rows = root.prepareStatement("SELECT id, seq, occurred_at, action FROM audit_record "
                        + "WHERE chain_key = ? ORDER BY seq")) {
                    rows.setLong(1, chainKey);
                    try (ResultSet row = rows.executeQuery()) {
                        while (row.next()) {
                            String hash = Digests.sha256(AuditRecordCanonicalForm.of(row.getLong("seq"), prev,
                                    row.getObject("occurred_at", LocalDateTime.class), workspace, "account", "acct-3", "console",
                                    row.getString("action"), "store", "5", outcome, null));
                            try (PreparedStatement update = root.prepareStatement(
                                    "UPDATE audit_record SET outcome = ?, prev_hash = ?, record_hash = ? WHERE id = ?")) {
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
                statement.execute("UPDATE audit_chain_head SET record_hash = '" + prev + "' WHERE chain_key = " + chainKey);
            } finally {
                if (definition != null) {
                    statement.execute(definition);
                }
            }
        }
    }
}
