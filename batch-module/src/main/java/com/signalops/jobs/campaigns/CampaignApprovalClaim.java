package com.signalops.jobs.campaigns;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditAppend;
import com.signalops.shared.ApplicationDatabase;
import com.signalops.shared.RequestIds;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The first step of {@code campaign-send}: uses the campaign's approval, once. In one statement the campaign's
 * request must be APPROVED, unexpired, unused and for the campaign's current version (any edit raises it), and the
 * campaign a DRAFT: then the request is marked used and the campaign SENDING with this execution. Otherwise nothing is
 * sent: the job ends with exit status {@code NOT_APPROVED} and a DENIED {@code campaign.send} record. A restart of an
 * execution that claimed already continues (the campaign is SENDING by this job instance); no other execution ever
 * sends a campaign whose approval was used.
 */
@Named
@Dependent
public class CampaignApprovalClaim extends AbstractBatchlet {

    static final String CLAIMED = "CLAIMED";
    static final String NOT_APPROVED = "NOT_APPROVED";
    private static final Logger LOG = Logger.getLogger(CampaignApprovalClaim.class.getName());

    @Inject
    private JobContext job;

    @Inject
    private ApplicationDatabase database;

    @Override
    public String process() throws Exception {
        CampaignRun run = CampaignRun.of(job);
        try (Connection connection = database.dataSource().getConnection()) {
            Optional<CampaignRun.Campaign> campaign = run.read(connection);
            if (campaign.isPresent() && campaign.get().sendingBy(job.getInstanceId())) {
                return CLAIMED;
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            if (claim(connection, run, job.getExecutionId(), now)) {
                LOG.log(Level.INFO, "Campaign {0} of workspace {1}: approval used, execution {2} sends it",
                        new Object[] {Long.toString(run.campaignId()), Long.toString(run.workspaceId()), Long.toString(job.getExecutionId())});
                return CLAIMED;
            }
            LOG.log(Level.WARNING, "Campaign {0} of workspace {1} is not sent: no usable approval",
                    new Object[] {Long.toString(run.campaignId()), Long.toString(run.workspaceId())});
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("reason", "no approved, unexpired and unused request for the campaign as it is");
            after.put("status", campaign.map(CampaignRun.Campaign::status).orElse("UNKNOWN"));
            AuditAppend.of(AuditEntry.of(AuditAction.CAMPAIGN_SEND, AuditOutcome.DENIED).in(run.workspaceId())
                    .by(ActorType.SYSTEM, CampaignRun.JOB).via(AuditSource.BATCH).on(run.campaignId()).after(after).build(), now,
                    RequestIds.ofBatch(job.getExecutionId())).appendTo(connection);
            return NOT_APPROVED;
        }
    }

    /**
     * The claim of Approvals.claimForUse for a campaign, with the campaign SENDING in the same statement (so that a
     * crash leaves either both or neither): answers whether this execution may send.
     */
    static boolean claim(Connection connection, CampaignRun run, long executionId, Instant now) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement("UPDATE approval_request r JOIN campaign c "
                + "ON c.workspace_id = r.workspace_id AND c.id = r.subject_id "
                + "SET r.used_at = ?, c.status = 'SENDING', c.send_execution_id = ?, c.send_started_at = ? "
                + "WHERE r.workspace_id = ? AND r.subject_kind = 'CAMPAIGN' AND r.subject_id = ? AND r.status = 'APPROVED' "
                + "AND r.used_at IS NULL AND r.expires_at > ? AND r.subject_version = c.version AND c.status = 'DRAFT'")) {
            claim.setObject(1, CampaignRun.utc(now));
            claim.setLong(2, executionId);
            claim.setObject(3, CampaignRun.utc(now));
            claim.setLong(4, run.workspaceId());
            claim.setLong(5, run.campaignId());
            claim.setObject(6, CampaignRun.utc(now));
            return claim.executeUpdate() >= 2;
        }
    }
}
