package com.signalops.retention.domain;

import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * A workspace's own retention periods (a workspace without one keeps {@link RetentionPolicy#defaults}), with who set
 * them last and when. One per workspace; the tenant mechanism scopes it like every workspace's row.
 */
@Entity
@Table(name = "retention_setting")
@NamedQuery(name = "RetentionSetting.ofWorkspace", query = "select s from RetentionSetting s")
public class RetentionSetting extends TenantOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "orders_days", nullable = false)
    private int ordersDays;

    @Column(name = "leak_findings_days", nullable = false)
    private int leakFindingsDays;

    @Column(name = "webhook_inbox_days", nullable = false)
    private int webhookInboxDays;

    @Column(name = "import_files_days", nullable = false)
    private int importFilesDays;

    @Column(name = "job_history_days", nullable = false)
    private int jobHistoryDays;

    @Column(name = "audit_records_days", nullable = false)
    private int auditRecordsDays;

    @Column(name = "security_events_days", nullable = false)
    private int securityEventsDays;

    @Column(name = "updated_by", nullable = false, length = 64)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RetentionSetting() {
    }

    /** The workspace's first own settings, set by {@code actorId} at {@code at}. */
    public RetentionSetting(RetentionPolicy policy, String actorId, Instant at) {
        change(policy, actorId, at);
    }

    /** Replaces every period with those of {@code policy} (already checked against the floors). */
    public void change(RetentionPolicy policy, String actorId, Instant at) {
        ordersDays = policy.days(RetentionCategory.ORDERS);
        leakFindingsDays = policy.days(RetentionCategory.LEAK_FINDINGS);
        webhookInboxDays = policy.days(RetentionCategory.WEBHOOK_INBOX);
        importFilesDays = policy.days(RetentionCategory.IMPORT_FILES);
        jobHistoryDays = policy.days(RetentionCategory.JOB_HISTORY);
        auditRecordsDays = policy.days(RetentionCategory.AUDIT_RECORDS);
        securityEventsDays = policy.days(RetentionCategory.SECURITY_EVENTS);
        updatedBy = actorId;
        updatedAt = at;
    }

    /** The periods in force, raised to today's floors. */
    public RetentionPolicy policy(int auditFloorDays) {
        Map<RetentionCategory, Integer> days = new EnumMap<>(RetentionCategory.class);
        days.put(RetentionCategory.ORDERS, ordersDays);
        days.put(RetentionCategory.LEAK_FINDINGS, leakFindingsDays);
        days.put(RetentionCategory.WEBHOOK_INBOX, webhookInboxDays);
        days.put(RetentionCategory.IMPORT_FILES, importFilesDays);
        days.put(RetentionCategory.JOB_HISTORY, jobHistoryDays);
        days.put(RetentionCategory.AUDIT_RECORDS, auditRecordsDays);
        days.put(RetentionCategory.SECURITY_EVENTS, securityEventsDays);
        return RetentionPolicy.stored(days, auditFloorDays);
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
