package com.signalops.outreach.domain;

import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A workspace's own {@link OutreachPolicy} (a workspace without one has {@link OutreachPolicy#DEFAULTS}), with who
 * set it last and when. One per workspace; the tenant mechanism scopes it like every workspace's row.
 */
@Entity
@Table(name = "outreach_setting")
@NamedQuery(name = "OutreachSetting.ofWorkspace", query = "select s from OutreachSetting s")
public class OutreachSetting extends TenantOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "approval_expiry_days", nullable = false)
    private int approvalExpiryDays;

    @Column(name = "second_approver_threshold")
    private Integer secondApproverThreshold;

    @Column(name = "ai_enabled", nullable = false)
    private boolean aiEnabled;

    @Column(name = "updated_by")
    private Long updatedBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected OutreachSetting() {
    }

    /** The workspace's first own settings (the workspace of the persistence context), set by {@code userId}. */
    public OutreachSetting(OutreachPolicy policy, long userId, Instant at) {
        change(policy, userId, at);
    }

    /** Replaces the settings with {@code policy} (already within its bounds). */
    public void change(OutreachPolicy policy, long userId, Instant at) {
        approvalExpiryDays = policy.approvalExpiryDays();
        secondApproverThreshold = policy.secondApproverThreshold();
        aiEnabled = policy.aiEnabled();
        updatedBy = userId;
        updatedAt = at;
    }

    public OutreachPolicy policy() {
        return new OutreachPolicy(approvalExpiryDays, secondApproverThreshold, aiEnabled);
    }

    public Long updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
