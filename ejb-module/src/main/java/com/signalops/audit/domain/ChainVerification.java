package com.signalops.audit.domain;

import java.util.Optional;

/**
 * What verifying one audit chain found: the head it verified against ({@code headSeq},
 * {@code headHash}; seq 0 and the genesis hash for an empty chain), how many records it checked,
 * and the first break, if any. The head is what to keep outside the database: a chain rewritten
 * as a whole verifies again, but ends in a different head.
 */
public record ChainVerification(long chainKey, long headSeq, String headHash, long recordsChecked, Optional<ChainBreak> firstBreak) {

    public boolean intact() {
        return firstBreak.isEmpty();
    }
}
