package com.signalops.approvals.domain;

import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A request to approve one version of a segment, campaign or export, bound to the {@link ReviewedContent} hash of what
 * was reviewed and its recipient count. It needs one approver, or two above the workspace's threshold, none of them
 * its requester; it can be rejected (with a reason), withdrawn by its requester, voided (its subject edited, or found
 * changed when decided or carried out) and it expires. An approved request is used (carried out) at most once.
 */
@Entity
@Table(name = "approval_request")
@NamedQuery(name = "ApprovalRequest.findOpenBySubject", query = "select r from ApprovalRequest r where r.subjectKind = :kind "
        + "and r.subjectId = :subjectId and r.status in (com.signalops.approvals.domain.ApprovalStatus.PENDING, "
        + "com.signalops.approvals.domain.ApprovalStatus.APPROVED) and r.usedAt is null")
@NamedQuery(name = "ApprovalRequest.findLatestBySubject", query = "select r from ApprovalRequest r where r.subjectKind = :kind "
        + "and r.subjectId = :subjectId order by r.id desc")
@NamedQuery(name = "ApprovalRequest.findPendingInStores", query = "select r from ApprovalRequest r where "
        + "r.status = com.signalops.approvals.domain.ApprovalStatus.PENDING and r.storeId in :storeIds order by r.id")
@NamedQuery(name = "ApprovalRequest.findByRequester", query = "select r from ApprovalRequest r where r.requestedBy = :userId "
        + "order by r.id desc")
public class ApprovalRequest extends TenantOwned {

    public static final int REASON_LENGTH = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "store_id", nullable = false)
    private Long storeId;

    @Enumerated(EnumType.STRING)
    @Column(name = "subject_kind", nullable = false, length = 20)
    private SubjectKind subjectKind;

    @Column(name = "subject_id", nullable = false)
    private Long subjectId;

    @Column(name = "subject_version", nullable = false)
    private int subjectVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", nullable = false, length = 10)
    private ProposalSource source;

    @Column(name = "requested_by", nullable = false)
    private Long requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "reviewed_hash", nullable = false, length = 32)
    private byte[] reviewedHash;

    @Column(name = "recipient_count", nullable = false)
    private int recipientCount;

    @Column(name = "approvals_required", nullable = false)
    private int approvalsRequired;

    @Column(name = "personal_data", nullable = false)
    private boolean personalData;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private ApprovalStatus status;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "closed_by")
    private Long closedBy;

    @Column(name = "reason", length = REASON_LENGTH)
    private String reason;

    @Column(name = "used_at")
    private Instant usedAt;

    protected ApprovalRequest() {
    }

    /** A pending request of {@code requestedBy} for version {@code subjectVersion} of the subject, reviewed as {@code reviewedHash}. */
    public ApprovalRequest(long storeId, SubjectKind subjectKind, long subjectId, int subjectVersion, ProposalSource source, long requestedBy,
            Instant now, byte[] reviewedHash, int recipientCount, int approvalsRequired, boolean personalData, Duration lifetime) {
        if (approvalsRequired < 1 || approvalsRequired > 2) {
            throw new IllegalArgumentException("A request needs one or two approvers");
        }
        this.storeId = storeId;
        this.subjectKind = Objects.requireNonNull(subjectKind);
        this.subjectId = subjectId;
        this.subjectVersion = subjectVersion;
        this.source = Objects.requireNonNull(source);
        this.requestedBy = requestedBy;
        this.requestedAt = now;
        this.reviewedHash = reviewedHash.clone();
        this.recipientCount = recipientCount;
        this.approvalsRequired = approvalsRequired;
        this.personalData = personalData;
        this.status = ApprovalStatus.PENDING;
        this.expiresAt = now.plus(lifetime);
    }

    /** Whether {@code userId} asked for it (and so may never approve it). */
    public boolean requestedBy(long userId) {
        return requestedBy == userId;
    }

    /** Whether it is past its expiry at {@code now} (whatever its status says yet). */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Enough approvals given: approved from {@code now} for {@code lifetime}. */
    public void approve(Instant now, Duration lifetime) {
        requireStatus(ApprovalStatus.PENDING, "approved");
        status = ApprovalStatus.APPROVED;
        closedAt = now;
        expiresAt = now.plus(lifetime);
    }

    /** Rejected by {@code userId} for {@code why}. */
    public void reject(long userId, String why, Instant now) {
        requireStatus(ApprovalStatus.PENDING, "rejected");
        close(ApprovalStatus.REJECTED, userId, requireReason(why), now);
    }

    /** Withdrawn by its requester. */
    public void withdraw(long userId, Instant now) {
        if (!requestedBy(userId)) {
            throw new BusinessException("approval.not-requester", "Only the person who asked for the approval can withdraw it");
        }
        requireOpenAndUnused("withdrawn");
        close(ApprovalStatus.WITHDRAWN, userId, null, now);
    }

    /** Voided by SignalOps: its subject changed since it was reviewed. */
    public void voidFor(String why, Instant now) {
        requireOpenAndUnused("voided");
        close(ApprovalStatus.VOIDED, null, why, now);
    }

    /** Expired by SignalOps at {@code now}. */
    public void expire(Instant now) {
        requireOpenAndUnused("expired");
        close(ApprovalStatus.EXPIRED, null, null, now);
    }

    /** Carried out (a send started, an export produced) at {@code now}: never again. */
    public void use(Instant now) {
        requireStatus(ApprovalStatus.APPROVED, "carried out");
        if (usedAt != null) {
            throw new BusinessException("approval.used", "This approval has been carried out already");
        }
        if (expiredAt(now)) {
            throw new BusinessException("approval.expired", "This approval has expired");
        }
        usedAt = now;
    }

    public boolean isOpen() {
        return status.open() && usedAt == null;
    }

    private void close(ApprovalStatus to, Long by, String why, Instant now) {
        status = to;
        closedBy = by;
        reason = why;
        closedAt = now;
    }

    private void requireStatus(ApprovalStatus expected, String verb) {
        if (status != expected) {
            throw new BusinessException("approval.closed", "This request is " + status.name().toLowerCase() + " and cannot be " + verb);
        }
    }

    private void requireOpenAndUnused(String verb) {
        if (!isOpen()) {
            throw new BusinessException("approval.closed", "This request is " + (usedAt != null ? "carried out" : status.name().toLowerCase())
                    + " and cannot be " + verb);
        }
    }

    static String requireReason(String why) {
        if (why == null || why.isBlank()) {
            throw new BusinessException("approval.reason-required", "Give a reason");
        }
        String trimmed = why.strip();
        if (trimmed.length() > REASON_LENGTH) {
            throw new BusinessException("approval.reason-too-long", "A reason has at most " + REASON_LENGTH + " characters");
        }
        return trimmed;
    }

    public Long id() { return id; }
    public long storeId() { return storeId; }
    public SubjectKind subjectKind() { return subjectKind; }
    public long subjectId() { return subjectId; }
    public int subjectVersion() { return subjectVersion; }
    public ProposalSource source() { return source; }
    public long requestedBy() { return requestedBy; }
    public Instant requestedAt() { return requestedAt; }
    public byte[] reviewedHash() { return reviewedHash.clone(); }
    public int recipientCount() { return recipientCount; }
    public int approvalsRequired() { return approvalsRequired; }
    public boolean personalData() { return personalData; }
    public ApprovalStatus status() { return status; }
    public Instant expiresAt() { return expiresAt; }
    public Instant closedAt() { return closedAt; }
    public Long closedBy() { return closedBy; }
    public String reason() { return reason; }
    public Instant usedAt() { return usedAt; }
}
