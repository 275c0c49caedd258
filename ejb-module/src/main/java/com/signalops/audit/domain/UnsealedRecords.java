package com.signalops.audit.domain;

import java.time.LocalDateTime;

/**
 * The records of chain {@code chainKey} still not linked into it although they occurred before the
 * bound the sealer should have kept: how many, and the oldest (its id and time, UTC). A sealer that
 * stopped, or a record it cannot seal, leaves them.
 */
public record UnsealedRecords(long chainKey, long count, long oldestId, LocalDateTime oldestAt) {

    /** One line naming chain, count and oldest record, for a security event's details and the log. */
    public String describe(long boundSeconds) {
        return "audit chain " + chainKey + ": " + count + (count == 1 ? " record" : " records") + " not sealed within " + boundSeconds
                + " s, the oldest record " + oldestId + " of " + oldestAt + " UTC";
    }
}
