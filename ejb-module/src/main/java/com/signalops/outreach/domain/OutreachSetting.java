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
 * A workspace's own {@link OutreachRules} (a workspace without one has {@link OutreachRules#defaults()}), with who
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
    public OutreachSetting(OutreachRules rules, long userId, Instant at) {
        change(rules, userId, at);
    }

    /** Replaces the settings with {@code rules} (already within its bounds). */
    public void change(OutreachRules rules, long userId, Instant at) {
        approvalExpiryDays = rules.approvalExpiryDays();
        secondApproverThreshold = rules.secondApproverThreshold();
        aiEnabled = rules.aiEnabled();
        updatedBy = userId;
        updatedAt = at;
    }

    public OutreachRules rules() {
        return new OutreachRules(approvalExpiryDays, secondApproverThreshold, aiEnabled);
    }

    public Long updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
