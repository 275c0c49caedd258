package com.signalops.audit.domain;

/**
 * What one retention pass over audit chain {@code chainKey} left: the chain's checkpoint (the seq of
 * the last expired record, 0 when there is none), how many records this pass deleted, and the seq
 * of the oldest record still stored (0 for a chain without records).
 */
public record ChainRetention(long chainKey, long checkpointSeq, long recordsDeleted, long oldestKeptSeq) {
}
