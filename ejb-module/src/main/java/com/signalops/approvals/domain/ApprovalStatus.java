package com.signalops.approvals.domain;

/**
 * Where a request stands. Only {@link #PENDING} and {@link #APPROVED} are open: the others are final. An approved
 * request is carried out at most once (its use is recorded on the request).
 */
public enum ApprovalStatus {
    PENDING, APPROVED, REJECTED, WITHDRAWN, VOIDED, EXPIRED;

    public boolean open() {
        return this == PENDING || this == APPROVED;
    }
}
