package com.signalops.audit.service;

import com.signalops.audit.domain.ChainRetention;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Deletes the expired records of an audit chain, on a plain JDBC connection of the retention
 * account (the only account the triggers of V12 let delete audit records). It deletes a whole
 * prefix: the records up to the last one before the first record that is not expired, and never
 * the chain's head, so a chain keeps at least its newest record. It first moves the chain's
 * checkpoint to the last expired record (its seq and record_hash) and commits, then deletes the
 * records at or below the checkpoint, and then their seals, in chunks of {@code chunkSize} positions,
 * committing each. Only sealed records are part of a prefix; an unsealed one waits. The verifier
 * starts a chain after its checkpoint, so the chain verifies at every point, also when a pass stops
 * half-way; the next pass deletes what that one left.
 */
public final class AuditRetention {

    private static final String HEAD = "SELECT seq FROM audit_chain_head WHERE chain_key = ?";
    private static final String CHECKPOINT = "SELECT seq FROM audit_chain_checkpoint WHERE chain_key = ?";
    private static final String FIRST_KEPT = "SELECT s.seq FROM audit_seal s JOIN audit_record r ON r.id = s.record_id "
            + "WHERE s.chain_key = ? AND s.seq > ? AND r.occurred_at >= ? ORDER BY s.seq LIMIT 1";
    private static final String RECORD_HASH = "SELECT record_hash FROM audit_seal WHERE chain_key = ? AND seq = ?";
    private static final String INSERT_CHECKPOINT = "INSERT INTO audit_chain_checkpoint (chain_key, seq, record_hash, created_at) "
            + "VALUES (?, ?, ?, UTC_TIMESTAMP(3))";
    private static final String MOVE_CHECKPOINT = "UPDATE audit_chain_checkpoint SET seq = ?, record_hash = ?, created_at = UTC_TIMESTAMP(3) "
            + "WHERE chain_key = ?";
    private static final String DELETE_RECORDS = "DELETE r FROM audit_record r JOIN audit_seal s ON s.record_id = r.id "
            + "WHERE s.chain_key = ? AND s.seq BETWEEN ? AND ?";
    private static final String DELETE_SEALS = "DELETE FROM audit_seal WHERE chain_key = ? AND seq BETWEEN ? AND ?";
    private static final String OLDEST = "SELECT MIN(seq) FROM audit_seal WHERE chain_key = ?";
    private static final String SEALED_UP_TO = "SELECT COUNT(*) FROM audit_seal WHERE chain_key = ? AND seq <= ?";
    private static final String OLDEST_KEPT_TIME = "SELECT MIN(r.occurred_at) FROM audit_record r LEFT JOIN audit_seal s ON s.record_id = r.id "
            + "WHERE r.chain_key = ? AND (s.seq IS NULL OR s.seq > ?)";

    private final Connection connection;
    private final int chunkSize;

    public AuditRetention(Connection connection, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, was " + chunkSize);
        }
        this.connection = connection;
        this.chunkSize = chunkSize;
    }

    /**
     * Deletes the records of chain {@code chainKey} that occurred before {@code cutoff} (UTC), as a
     * whole prefix that stops at the first record not expired and below the head.
     */
    public ChainRetention expire(long chainKey, LocalDateTime cutoff) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            OptionalLong stored = number(CHECKPOINT, chainKey);
            long checkpoint = stored.orElse(0);
            OptionalLong head = number(HEAD, chainKey);
            if (head.isPresent()) {
                long lastExpired = lastExpired(chainKey, checkpoint, head.getAsLong(), cutoff);
                if (lastExpired > checkpoint) {
                    moveCheckpoint(chainKey, stored.isPresent(), lastExpired);
                    checkpoint = lastExpired;
                }
            }
            connection.commit();
            long deleted = 0;
            OptionalLong oldest = number(OLDEST, chainKey);
            while (oldest.isPresent() && oldest.getAsLong() <= checkpoint) {
                long last = Math.min(checkpoint, oldest.getAsLong() + chunkSize - 1);
                deleted += deleteChunk(chainKey, oldest.getAsLong(), last);
                connection.commit();
                oldest = number(OLDEST, chainKey);
            }
            return new ChainRetention(chainKey, checkpoint, deleted, oldest.orElse(0));
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * What {@link #expire} would do now, without changing anything (any account may ask): the checkpoint it would move
     * to and how many records it would delete, those at or below that checkpoint still stored.
     */
    public ChainRetention preview(long chainKey, LocalDateTime cutoff) throws SQLException {
        long checkpoint = number(CHECKPOINT, chainKey).orElse(0);
        OptionalLong head = number(HEAD, chainKey);
        if (head.isPresent()) {
            checkpoint = Math.max(checkpoint, lastExpired(chainKey, checkpoint, head.getAsLong(), cutoff));
        }
        long deleted;
        try (PreparedStatement query = connection.prepareStatement(SEALED_UP_TO)) {
            query.setLong(1, chainKey);
            query.setLong(2, checkpoint);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                deleted = rows.getLong(1);
            }
        }
        OptionalLong oldest = number(OLDEST, chainKey);
        long oldestKept = oldest.isPresent() && oldest.getAsLong() > checkpoint ? oldest.getAsLong() : checkpoint + 1;
        return new ChainRetention(chainKey, checkpoint, deleted, oldest.isPresent() ? oldestKept : 0);
    }

    /** When the oldest record of chain {@code chainKey} above position {@code checkpointSeq} occurred (unsealed ones count), if any. */
    public Optional<LocalDateTime> oldestKeptTime(long chainKey, long checkpointSeq) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(OLDEST_KEPT_TIME)) {
            query.setLong(1, chainKey);
            query.setLong(2, checkpointSeq);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return Optional.ofNullable(rows.getObject(1, LocalDateTime.class));
            }
        }
    }

    private long lastExpired(long chainKey, long checkpoint, long headSeq, LocalDateTime cutoff) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(FIRST_KEPT)) {
            query.setLong(1, chainKey);
            query.setLong(2, checkpoint);
            query.setObject(3, cutoff);
            try (ResultSet rows = query.executeQuery()) {
                // no record from the cutoff on: everything is expired but the head, which stays
                return rows.next() ? Math.min(rows.getLong(1), headSeq) - 1 : headSeq - 1;
            }
        }
    }

    private void moveCheckpoint(long chainKey, boolean stored, long seq) throws SQLException {
        String hash;
        try (PreparedStatement query = connection.prepareStatement(RECORD_HASH)) {
            query.setLong(1, chainKey);
            query.setLong(2, seq);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("audit chain " + chainKey + " has no record at seq " + seq + " to put its checkpoint on");
                }
                hash = rows.getString(1);
            }
        }
        if (!stored) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_CHECKPOINT)) {
                insert.setLong(1, chainKey);
                insert.setLong(2, seq);
                insert.setString(3, hash);
                insert.executeUpdate();
            }
        } else {
            try (PreparedStatement update = connection.prepareStatement(MOVE_CHECKPOINT)) {
                update.setLong(1, seq);
                update.setString(2, hash);
                update.setLong(3, chainKey);
                update.executeUpdate();
            }
        }
    }

    /** Deletes the records sealed at positions {@code first} to {@code last}, then their seals; answers how many records. */
    private int deleteChunk(long chainKey, long first, long last) throws SQLException {
        int records;
        try (PreparedStatement delete = connection.prepareStatement(DELETE_RECORDS)) {
            delete.setLong(1, chainKey);
            delete.setLong(2, first);
            delete.setLong(3, last);
            records = delete.executeUpdate();
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE_SEALS)) {
            delete.setLong(1, chainKey);
            delete.setLong(2, first);
            delete.setLong(3, last);
            delete.executeUpdate();
        }
        return records;
    }

    private OptionalLong number(String sql, long chainKey) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, chainKey);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return OptionalLong.empty();
                }
                long value = rows.getLong(1);
                return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
            }
        }
    }
}
