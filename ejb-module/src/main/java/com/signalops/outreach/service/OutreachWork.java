package com.signalops.outreach.service;

import com.signalops.shared.UtcInstantConverter;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The outward work waiting in every workspace, for the dispatcher that starts and restarts its jobs: campaigns whose
 * approval is given and not yet carried out, and campaigns sending (with the job execution carrying them out).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutreachWork {

    private static final UtcInstantConverter UTC = new UtcInstantConverter();

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** A campaign of a workspace; its send's job execution when one is known. */
    public record CampaignRef(long workspaceId, long campaignId, Long executionId) {
    }

    /** Campaigns approved, unexpired and not carried out yet, oldest approval first. */
    public List<CampaignRef> approvedCampaigns(int limit) {
        return refs(em.createNativeQuery("SELECT r.workspace_id, r.subject_id, NULL FROM approval_request r JOIN campaign c "
                + "ON c.workspace_id = r.workspace_id AND c.id = r.subject_id WHERE r.subject_kind = 'CAMPAIGN' AND r.status = 'APPROVED' "
                + "AND r.used_at IS NULL AND r.expires_at > ? AND c.status = 'DRAFT' ORDER BY r.closed_at, r.id LIMIT ?")
                .setParameter(1, UTC.convertToDatabaseColumn(clock.instant())).setParameter(2, limit).getResultList());
    }

    /** Segment exports approved, unexpired and not carried out yet (as refs: workspace, export id). */
    public List<CampaignRef> approvedExports(int limit) {
        return refs(em.createNativeQuery("SELECT r.workspace_id, r.subject_id, NULL FROM approval_request r WHERE r.subject_kind = 'EXPORT' "
                + "AND r.status = 'APPROVED' AND r.used_at IS NULL AND r.expires_at > ? ORDER BY r.closed_at, r.id LIMIT ?")
                .setParameter(1, UTC.convertToDatabaseColumn(clock.instant())).setParameter(2, limit).getResultList());
    }

    /** Campaigns sending: with their execution, or without one when their send was claimed over {@code settled} ago but not started. */
    public List<CampaignRef> sendingCampaigns(Duration settled, int limit) {
        return refs(em.createNativeQuery("SELECT workspace_id, id, send_execution_id FROM campaign WHERE status = 'SENDING' "
                + "AND (send_execution_id IS NOT NULL OR send_started_at <= ?) ORDER BY id LIMIT ?")
                .setParameter(1, UTC.convertToDatabaseColumn(clock.instant().minus(settled))).setParameter(2, limit).getResultList());
    }

    /** Campaign {@code campaignId}'s send is carried out by job execution {@code executionId}. */
    public void sendingAs(long workspaceId, long campaignId, long executionId) {
        em.createNativeQuery("UPDATE campaign SET send_execution_id = ? WHERE workspace_id = ? AND id = ? AND status = 'SENDING'")
                .setParameter(1, executionId).setParameter(2, workspaceId).setParameter(3, campaignId).executeUpdate();
    }

    private static List<CampaignRef> refs(List<?> rows) {
        return rows.stream().map(row -> (Object[]) row).map(r -> new CampaignRef(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                r[2] == null ? null : ((Number) r[2]).longValue())).toList();
    }
}
