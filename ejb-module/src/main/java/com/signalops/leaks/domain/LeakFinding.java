package com.signalops.leaks.domain;

import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A revenue leak one rule found in one store: its subject, the amount at risk with its currency, the evidence the
 * rule compared, when it was first and last seen, and where it stands with who moved it there and why. Findings are
 * made and updated by {@link LeakAnalysis} alone (by upsert); people only change their status.
 */
@Entity
@Table(name = "leak_finding")
@NamedQuery(name = "LeakFinding.summarizeOpenByStore", query = "select f.rule, f.currency, count(f), sum(f.amount) from LeakFinding f "
        + "where f.storeId = :storeId and f.status = com.signalops.leaks.domain.FindingStatus.OPEN group by f.rule, f.currency "
        + "order by f.rule, f.currency")
@NamedQuery(name = "LeakFinding.summarizeOpenByStores", query = "select f.rule, f.currency, count(f), sum(f.amount) from LeakFinding f "
        + "where f.storeId in :storeIds and f.status = com.signalops.leaks.domain.FindingStatus.OPEN group by f.rule, f.currency "
        + "order by f.rule, f.currency")
public class LeakFinding extends TenantOwned {

    public static final int REASON_LENGTH = 500;

    @Id
    private Long id;

    @Column(name = "store_id", nullable = false, insertable = false, updatable = false)
    private Long storeId;

    @Enumerated(EnumType.STRING)
    @Column(name = "rule_code", nullable = false, insertable = false, updatable = false, length = 40)
    private LeakRule rule;

    @Column(name = "subject", nullable = false, insertable = false, updatable = false, length = 330)
    private String subject;

    @Column(name = "amount", nullable = false, insertable = false, updatable = false, precision = 19, scale = 2)
    private BigDecimal amount;

    @Column(name = "currency", nullable = false, insertable = false, updatable = false, length = 3)
    private String currency;

    @Column(name = "evidence", nullable = false, insertable = false, updatable = false)
    private String evidence;

    @Column(name = "first_seen_at", nullable = false, insertable = false, updatable = false)
    private Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false, insertable = false, updatable = false)
    private Instant lastSeenAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private FindingStatus status;

    @Column(name = "status_changed_by", length = 64)
    private String statusChangedBy;

    @Column(name = "status_changed_at")
    private Instant statusChangedAt;

    @Column(name = "status_reason", length = REASON_LENGTH)
    private String statusReason;

    protected LeakFinding() {
    }

    /**
     * A person (or key) {@code actorId} moves the finding to {@code to} at {@code at} for {@code reason}.
     *
     * @throws BusinessException ({@code leak-finding.reason-required}) without a reason, ({@code leak-finding.unchanged})
     *         when it already stands there
     */
    public void changeStatus(FindingStatus to, String actorId, Instant at, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BusinessException("leak-finding.reason-required", "A status change needs a reason");
        }
        if (reason.length() > REASON_LENGTH) {
            throw new BusinessException("leak-finding.reason-too-long", "The reason may be at most " + REASON_LENGTH + " characters");
        }
        if (to == status) {
            throw new BusinessException("leak-finding.unchanged", "The finding is " + status + " already");
        }
        status = to;
        statusChangedBy = actorId;
        statusChangedAt = at;
        statusReason = reason.strip();
    }

    public Long id() {
        return id;
    }

    public Long storeId() {
        return storeId;
    }

    public LeakRule rule() {
        return rule;
    }

    public String subject() {
        return subject;
    }

    public BigDecimal amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    /** The evidence as the rule wrote it: a JSON object. */
    public String evidence() {
        return evidence;
    }

    public Instant firstSeenAt() {
        return firstSeenAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public FindingStatus status() {
        return status;
    }

    public String statusChangedBy() {
        return statusChangedBy;
    }

    public Instant statusChangedAt() {
        return statusChangedAt;
    }

    public String statusReason() {
        return statusReason;
    }
}
