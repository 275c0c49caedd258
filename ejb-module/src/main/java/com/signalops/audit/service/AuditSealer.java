package com.signalops.audit.service;

import com.signalops.audit.domain.AuditRecordCanonicalForm;
import com.signalops.audit.domain.SealPass;
import com.signalops.shared.Digests;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links committed audit records into their chains, on a plain JDBC connection of the application's
 * account, outside the writers' transactions (V17). {@link #sealAll} takes the unsealed records in
 * id order, a batch per transaction, and for each chain in the batch locks its head, gives each
 * record the next position, its predecessor's hash and {@code record_hash = SHA-256(link of
 * version 3)} in a write-once {@code audit_seal} row, and moves the head; so a chain is always sealed
 * up to its head.
 * <p>
 * One sealer works at a time (a named database lock per schema, so several servers may run one).
 * A record whose transaction commits after records with higher ids were sealed is not skipped: each
 * call starts at the floor, the highest id sealed more than {@code lateCommitWindow} before the
 * newest seal, and a writer's transaction ends long before that (the server's transaction timeout
 * is 2 minutes), also when the sealer stood still for longer. Such a record is sealed by the next
 * call, after the ones sealed before it, so a chain's order is the order of sealing: id order among
 * the records committed at each call. Only records written with a
 * content digest of form version 3 are sealed; any other stays unsealed and the verifier reports it.
 */
public final class AuditSealer {

    /** The late-commit window of the server: far beyond any transaction's timeout. */
    public static final Duration LATE_COMMIT_WINDOW = Duration.ofMinutes(15);

    private static final String LOCK = "SELECT GET_LOCK(CONCAT('signalops.audit-sealer.', DATABASE()), ?)";
    private static final String UNLOCK = "SELECT RELEASE_LOCK(CONCAT('signalops.audit-sealer.', DATABASE()))";
    /**
     * The window is counted back from the newest seal (the heads move with every seal), not from now:
     * after the sealer stood still, a record whose transaction was open when it stopped is still
     * above the floor.
     */
    private static final String FLOOR = "SELECT record_id FROM audit_seal "
            + "WHERE sealed_at < (SELECT MAX(updated_at) FROM audit_chain_head) - INTERVAL ? SECOND ORDER BY record_id DESC LIMIT 1";
    /** An anti-join by primary key, row by row in id order (a NOT EXISTS would be materialised: every seal, every batch). */
    private static final String UNSEALED = "SELECT r.id, r.chain_key, r.content_digest FROM audit_record r "
            + "LEFT JOIN audit_seal s ON s.record_id = r.id "
            + "WHERE r.id > ? AND r.form_version = " + AuditRecordCanonicalForm.VERSION_3 + " AND r.content_digest IS NOT NULL "
            + "AND s.record_id IS NULL ORDER BY r.id LIMIT ?";
    private static final String NEW_HEAD = "INSERT INTO audit_chain_head (chain_key, seq, record_hash, updated_at) "
            + "VALUES (?, 0, '" + AuditRecordCanonicalForm.GENESIS + "', UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE chain_key = chain_key";
    private static final String HEAD = "SELECT seq, record_hash FROM audit_chain_head WHERE chain_key = ? FOR UPDATE";
    private static final String SEAL = "INSERT INTO audit_seal (record_id, chain_key, seq, prev_hash, record_hash, sealed_at) "
            + "VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3))";
    private static final String MOVE_HEAD = "UPDATE audit_chain_head SET seq = ?, record_hash = ?, updated_at = UTC_TIMESTAMP(3) "
            + "WHERE chain_key = ?";

    private final Connection connection;
    private final int batchSize;
    private final Duration lateCommitWindow;
    private final Duration lockWait;

    /** A sealer that leaves the work to another one at work instead of waiting for it. */
    public AuditSealer(Connection connection, int batchSize, Duration lateCommitWindow) {
        this(connection, batchSize, lateCommitWindow, Duration.ZERO);
    }

    private AuditSealer(Connection connection, int batchSize, Duration lateCommitWindow, Duration lockWait) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        this.connection = connection;
        this.batchSize = batchSize;
        this.lateCommitWindow = lateCommitWindow;
        this.lockWait = lockWait;
    }

    /** This sealer, waiting up to {@code wait} for another one at work to finish (for a caller that must see its records sealed). */
    public AuditSealer waitingForLock(Duration wait) {
        return new AuditSealer(connection, batchSize, lateCommitWindow, wait);
    }

    /**
     * Seals every record committed by now, a batch per transaction; answers how many, or busy if
     * another sealer is at work. The first batch starts at the floor; each further batch after the
     * last id sealed, so that a backlog is read once: a record committed meanwhile below that id is
     * found by the next call, which starts at the floor again.
     */
    public SealPass sealAll() throws SQLException {
        if (!lock()) {
            return SealPass.ofBusy();
        }
        boolean autoCommit = connection.getAutoCommit();
        try {
            connection.setAutoCommit(false);
            long after = floor();
            int records = 0;
            Set<Long> chains = new HashSet<>();
            int sealed;
            do {
                List<Unsealed> batch = unsealed(after);
                sealed = batch.size();
                chains.addAll(sealBatch(batch));
                records += sealed;
                after = sealed == 0 ? after : batch.get(sealed - 1).id();
            } while (sealed == batchSize);
            return new SealPass(records, chains.size(), false);
        } finally {
            try {
                connection.setAutoCommit(autoCommit);
            } finally {
                unlock();
            }
        }
    }

    /** Seals {@code batch} in one transaction; answers the chains it moved. */
    private Set<Long> sealBatch(List<Unsealed> batch) throws SQLException {
        try {
            Map<Long, List<Unsealed>> byChain = new LinkedHashMap<>();
            batch.forEach(record -> byChain.computeIfAbsent(record.chainKey(), key -> new ArrayList<>()).add(record));
            for (Map.Entry<Long, List<Unsealed>> chain : byChain.entrySet()) {
                seal(chain.getKey(), chain.getValue());
            }
            connection.commit();
            return byChain.keySet();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Below this id every record that will ever commit is sealed: the highest id sealed more than the window before the newest seal. */
    private long floor() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(FLOOR)) {
            query.setLong(1, lateCommitWindow.toSeconds());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /** The next batch of unsealed records above id {@code after}, in id order. */
    private List<Unsealed> unsealed(long after) throws SQLException {
        List<Unsealed> batch = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(UNSEALED)) {
            query.setLong(1, after);
            query.setInt(2, batchSize);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    batch.add(new Unsealed(rows.getLong(1), rows.getLong(2), rows.getString(3)));
                }
            }
        }
        return batch;
    }

    private void seal(long chainKey, List<Unsealed> records) throws SQLException {
        try (PreparedStatement newHead = connection.prepareStatement(NEW_HEAD)) {
            newHead.setLong(1, chainKey);
            newHead.executeUpdate();
        }
        long seq;
        String prev;
        try (PreparedStatement head = connection.prepareStatement(HEAD)) {
            head.setLong(1, chainKey);
            try (ResultSet rows = head.executeQuery()) {
                rows.next();
                seq = rows.getLong(1);
                prev = rows.getString(2);
            }
        }
        try (PreparedStatement seal = connection.prepareStatement(SEAL)) {
            for (Unsealed record : records) {
                seq++;
                String hash = Digests.sha256(AuditRecordCanonicalForm.linkOfVersion3(chainKey, seq, prev, record.contentDigest()));
                seal.setLong(1, record.id());
                seal.setLong(2, chainKey);
                seal.setLong(3, seq);
                seal.setString(4, prev);
                seal.setString(5, hash);
                seal.addBatch();
                prev = hash;
            }
            seal.executeBatch();
        }
        try (PreparedStatement move = connection.prepareStatement(MOVE_HEAD)) {
            move.setLong(1, seq);
            move.setString(2, prev);
            move.setLong(3, chainKey);
            move.executeUpdate();
        }
    }

    private boolean lock() throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setLong(1, lockWait.toSeconds());
            try (ResultSet rows = lock.executeQuery()) {
                return rows.next() && rows.getInt(1) == 1;
            }
        }
    }

    private void unlock() throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement(UNLOCK); ResultSet rows = unlock.executeQuery()) {
            rows.next();
        }
    }

    /** A committed record waiting for its link. */
    private record Unsealed(long id, long chainKey, String contentDigest) {
    }
}
