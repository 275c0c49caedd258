package com.signalops.audit.service;

import com.signalops.audit.domain.AuditRecordCanonicalForm;
import com.signalops.audit.domain.ChainBreak;
import com.signalops.audit.domain.ChainVerification;
import com.signalops.audit.domain.UnsealedRecords;
import com.signalops.shared.Digests;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks the audit chains on a plain JDBC connection, reading one page of seals and their records
 * at a time: every sealed record must exist in the seal's chain, its hash is recomputed from its
 * content, every {@code prev_hash} must be the hash of the record before it, positions must follow
 * each other without gaps from the chain's retention checkpoint (or from 1) up to its head, and the
 * last record must be the head. Records the sealer has not linked yet are not part of a chain; those
 * left unsealed beyond a bound are listed by {@link #unsealedBefore}. Only reads.
 */
public final class AuditChainVerifier {

    private static final String CHAIN_KEYS = "SELECT chain_key FROM audit_chain_head UNION SELECT DISTINCT chain_key FROM audit_seal "
            + "ORDER BY chain_key";
    private static final String HEAD = "SELECT seq, record_hash FROM audit_chain_head WHERE chain_key = ?";
    private static final String CHECKPOINT = "SELECT seq, record_hash FROM audit_chain_checkpoint WHERE chain_key = ?";
    private static final String PAGE = "SELECT s.record_id, s.seq, s.prev_hash, s.record_hash, r.id, r.chain_key, r.occurred_at, "
            + "r.workspace_id, r.actor_type, r.actor_id, r.source, r.action, r.entity_type, r.entity_id, r.outcome, r.client_address_digest, "
            + "r.request_id, r.before_json, r.after_json, r.form_version, r.content_digest "
            + "FROM audit_seal s LEFT JOIN audit_record r ON r.id = s.record_id "
            + "WHERE s.chain_key = ? AND s.seq > ? ORDER BY s.seq LIMIT ?";
    private static final String UNSEALED = "SELECT r.chain_key, COUNT(*), MIN(r.id), MIN(r.occurred_at) FROM audit_record r "
            + "LEFT JOIN audit_seal s ON s.record_id = r.id "
            + "WHERE r.occurred_at < UTC_TIMESTAMP(3) - INTERVAL ? SECOND AND s.record_id IS NULL "
            + "GROUP BY r.chain_key ORDER BY r.chain_key";

    private final Connection connection;
    private final int pageSize;

    public AuditChainVerifier(Connection connection, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
        }
        this.connection = connection;
        this.pageSize = pageSize;
    }

    /** The key of every chain that has a head or records, ascending. */
    public List<Long> chainKeys() throws SQLException {
        List<Long> keys = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(CHAIN_KEYS); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                keys.add(rows.getLong(1));
            }
        }
        return keys;
    }

    /**
     * Verifies chain {@code chainKey} up to the head it reads first; records appended meanwhile
     * are left for the next run.
     */
    public ChainVerification verify(long chainKey) throws SQLException {
        Optional<Link> head = link(HEAD, chainKey);
        Link start = link(CHECKPOINT, chainKey).orElse(new Link(0, AuditRecordCanonicalForm.GENESIS));
        long lastSeq = start.seq();
        String lastHash = start.hash();
        Long lastId = null;
        long checked = 0;
        long untilSeq = head.map(Link::seq).orElse(Long.MAX_VALUE);
        boolean more = true;
        while (more && lastSeq < untilSeq) {
            more = false;
            try (PreparedStatement query = connection.prepareStatement(PAGE)) {
                query.setLong(1, chainKey);
                query.setLong(2, lastSeq);
                query.setInt(3, pageSize);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        more = true;
                        long id = rows.getLong("record_id");
                        long seq = rows.getLong("seq");
                        if (seq > untilSeq) {
                            more = false;
                            break;
                        }
                        Optional<String> fault = fault(rows, chainKey, seq, lastSeq, lastHash);
                        if (fault.isPresent()) {
                            return broken(chainKey, head, checked, new ChainBreak(chainKey, id, seq, fault.get()));
                        }
                        lastSeq = seq;
                        lastHash = rows.getString("record_hash");
                        lastId = id;
                        checked++;
                    }
                }
            }
        }
        if (head.isEmpty()) {
            return checked == 0 ? new ChainVerification(chainKey, 0, AuditRecordCanonicalForm.GENESIS, 0, Optional.empty())
                    : broken(chainKey, head, checked, new ChainBreak(chainKey, lastId, lastSeq, "the chain has no head"));
        }
        if (lastSeq != head.get().seq()) {
            return broken(chainKey, head, checked, new ChainBreak(chainKey, null, lastSeq + 1,
                    "records from seq " + (lastSeq + 1) + " to the head's seq " + head.get().seq() + " are missing"));
        }
        if (!lastHash.equals(head.get().hash())) {
            return broken(chainKey, head, checked, new ChainBreak(chainKey, lastId, lastSeq, "record_hash differs from the chain head's"));
        }
        return new ChainVerification(chainKey, head.get().seq(), head.get().hash(), checked, Optional.empty());
    }

    /**
     * The records of every chain that occurred more than {@code boundSeconds} ago (by the database's
     * clock) and are still not sealed, by chain: the sealer stopped, or cannot seal them.
     */
    public List<UnsealedRecords> unsealedBefore(long boundSeconds) throws SQLException {
        List<UnsealedRecords> unsealed = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(UNSEALED)) {
            query.setLong(1, boundSeconds);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    unsealed.add(new UnsealedRecords(rows.getLong(1), rows.getLong(2), rows.getLong(3),
                            rows.getObject(4, LocalDateTime.class)));
                }
            }
        }
        return unsealed;
    }

    private static Optional<String> fault(ResultSet row, long chainKey, long seq, long lastSeq, String lastHash) throws SQLException {
        if (seq != lastSeq + 1) {
            return Optional.of(seq - lastSeq == 2 ? "the record at seq " + (lastSeq + 1) + " before it is missing"
                    : "the records at seq " + (lastSeq + 1) + " to " + (seq - 1) + " before it are missing");
        }
        if (row.getObject("id") == null) {
            return Optional.of("the sealed record is missing");
        }
        if (row.getLong("chain_key") != chainKey) {
            return Optional.of("the sealed record belongs to chain " + row.getLong("chain_key"));
        }
        String prevHash = row.getString("prev_hash");
        if (!prevHash.equals(lastHash)) {
            return Optional.of("prev_hash is not the record_hash of the record before it");
        }
        int formVersion = row.getInt("form_version");
        String requestId = row.getString("request_id");
        String beforeJson = row.getString("before_json");
        String afterJson = row.getString("after_json");
        String form;
        String contentDigest = null;
        if (formVersion == AuditRecordCanonicalForm.VERSION_1) {
            // version 1 does not hash these columns, so a version 1 record must not have them
            if (requestId != null || beforeJson != null || afterJson != null) {
                return Optional.of("a form_version 1 record has request_id, before_json or after_json");
            }
            form = AuditRecordCanonicalForm.of(seq, prevHash, row.getObject("occurred_at", LocalDateTime.class),
                    row.getObject("workspace_id", Long.class), row.getString("actor_type"), row.getString("actor_id"),
                    row.getString("source"), row.getString("action"), row.getString("entity_type"), row.getString("entity_id"),
                    row.getString("outcome"), row.getString("client_address_digest"));
        } else if (formVersion == AuditRecordCanonicalForm.VERSION_2) {
            form = AuditRecordCanonicalForm.ofVersion2(seq, prevHash, row.getObject("occurred_at", LocalDateTime.class),
                    row.getObject("workspace_id", Long.class), row.getString("actor_type"), row.getString("actor_id"),
                    row.getString("source"), row.getString("action"), row.getString("entity_type"), row.getString("entity_id"),
                    row.getString("outcome"), row.getString("client_address_digest"), requestId, beforeJson, afterJson);
        } else if (formVersion == AuditRecordCanonicalForm.VERSION_3) {
            String content = AuditRecordCanonicalForm.contentOfVersion3(row.getObject("occurred_at", LocalDateTime.class),
                    row.getObject("workspace_id", Long.class), row.getString("actor_type"), row.getString("actor_id"),
                    row.getString("source"), row.getString("action"), row.getString("entity_type"), row.getString("entity_id"),
                    row.getString("outcome"), row.getString("client_address_digest"), requestId, beforeJson, afterJson);
            contentDigest = Digests.sha256(content);
            form = AuditRecordCanonicalForm.linkOfVersion3(chainKey, seq, prevHash, contentDigest);
        } else {
            return Optional.of("unknown form_version " + formVersion);
        }
        if (!Digests.sha256(form).equals(row.getString("record_hash"))) {
            return Optional.of("record_hash does not match the record's content");
        }
        String storedDigest = row.getString("content_digest");
        if (storedDigest != null && !storedDigest.equals(contentDigest)) {
            // the digest written with the record is what the sealer linked; the content must still give it
            return Optional.of("content_digest does not match the record's content");
        }
        return Optional.empty();
    }

    private static ChainVerification broken(long chainKey, Optional<Link> head, long checked, ChainBreak chainBreak) {
        return new ChainVerification(chainKey, head.map(Link::seq).orElse(0L), head.map(Link::hash).orElse(AuditRecordCanonicalForm.GENESIS),
                checked, Optional.of(chainBreak));
    }

    private Optional<Link> link(String sql, long chainKey) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, chainKey);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new Link(rows.getLong(1), rows.getString(2))) : Optional.empty();
            }
        }
    }

    /** A position in a chain and the hash of the record there. */
    private record Link(long seq, String hash) {
    }
}
