package com.signalops.leaks.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a finding stands. The analysis opens findings, resolves those that no longer match and reopens resolved
 * ones that match again, or dismissed ones whose amount changed; people acknowledge, dismiss, resolve or reopen.
 */
public enum FindingStatus {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED,
    DISMISSED;

    public static Optional<FindingStatus> fromName(String name) {
        return Arrays.stream(values()).filter(status -> status.name().equals(name)).findFirst();
    }
}
