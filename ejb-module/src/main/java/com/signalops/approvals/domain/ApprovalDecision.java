package com.signalops.approvals.domain;

import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One approver's decision on a request, with the hash of what they saw; at most one per approver and request. */
@Entity
@Table(name = "approval_decision")
@NamedQuery(name = "ApprovalDecision.findRequestsDecidedBy", query = "select d.requestId from ApprovalDecision d "
        + "where d.approverId = :approverId and d.requestId in :requestIds")
@NamedQuery(name = "ApprovalDecision.findByRequest", query = "select d from ApprovalDecision d where d.requestId = :requestId order by d.id")
public class ApprovalDecision extends TenantOwned {

    /** What an approver decided. */
    public enum Decision { APPROVE, REJECT }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "approval_request_id", nullable = false)
    private Long requestId;

    @Column(name = "approver_id", nullable = false)
    private Long approverId;

    @Column(name = "decision", nullable = false, length = 10)
    private String decision;

    @Column(name = "reason", length = ApprovalRequest.REASON_LENGTH)
    private String reason;

    @Column(name = "reviewed_hash", nullable = false, length = 32)
    private byte[] reviewedHash;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    protected ApprovalDecision() {
    }

    public ApprovalDecision(ApprovalRequest request, long approverId, Decision decision, String reason, byte[] reviewedHash, Instant now) {
        this.requestId = request.id();
        this.approverId = approverId;
        this.decision = decision.name();
        this.reason = decision == Decision.REJECT ? ApprovalRequest.requireReason(reason) : null;
        this.reviewedHash = reviewedHash.clone();
        this.decidedAt = now;
    }

    public Long id() { return id; }
    public long requestId() { return requestId; }
    public long approverId() { return approverId; }
    public Decision decision() { return Decision.valueOf(decision); }
    public String reason() { return reason; }
    public Instant decidedAt() { return decidedAt; }
}
