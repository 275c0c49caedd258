package com.signalops.audit.domain;

/**
 * The first place where an audit chain does not verify: the record (its id, or {@code null} when
 * the record is missing altogether) at position {@code seq} of chain {@code chainKey}, and why.
 */
public record ChainBreak(long chainKey, Long recordId, long seq, String reason) {

    /** One line naming chain, record and position, for a security event's details and the log. */
    public String describe() {
        return "audit chain " + chainKey + " broken at seq " + seq + (recordId == null ? "" : " (record " + recordId + ")")
                + ": " + reason;
    }
}
