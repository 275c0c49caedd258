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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The first step of {@code campaign-send}: sends only a campaign the outreach dispatcher claimed for this job
 * instance. The dispatcher uses the campaign's approval once ({@code Approvals.claimForUse}: APPROVED, unexpired,
 * unused, the reviewed hash still matching; the campaign becomes SENDING) and then starts the job and records its
 * execution. Here the campaign must be SENDING with its approval APPROVED and used, and its send either this job
 * instance's (a restart) or not yet given to any execution (this one takes it, in one statement, before the
 * dispatcher records the same execution). Otherwise nothing is sent: the job ends with exit status
 * {@code NOT_APPROVED} and a DENIED {@code campaign.send} record. So no other execution ever sends a campaign whose
 * send one has begun.
 */
@Named
@Dependent
public class CampaignSendCheck extends AbstractBatchlet {

    static final String CLAIMED = "CLAIMED";
    static final String NOT_APPROVED = "NOT_APPROVED";
    private static final Logger LOG = Logger.getLogger(CampaignSendCheck.class.getName());

    @Inject
    private JobContext job;

    @Inject
    private ApplicationDatabase database;

    @Override
    public String process() throws Exception {
        CampaignRun run = CampaignRun.of(job);
        try (Connection connection = database.dataSource().getConnection()) {
            Optional<CampaignRun.Campaign> campaign = run.read(connection);
            if (campaign.isPresent() && approvedAndUsed(connection, run)
                    && (campaign.get().sendingBy(job.getInstanceId()) || take(connection, run, job.getExecutionId()))) {
                return CLAIMED;
            }
            LOG.log(Level.WARNING, "Campaign {0} of workspace {1} is not sent by execution {2}: not claimed for it",
                    new Object[] {Long.toString(run.campaignId()), Long.toString(run.workspaceId()), Long.toString(job.getExecutionId())});
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("reason", "the campaign's approval was not claimed for this send");
            after.put("status", campaign.map(CampaignRun.Campaign::status).orElse("UNKNOWN"));
            AuditAppend.of(AuditEntry.of(AuditAction.CAMPAIGN_SEND, AuditOutcome.DENIED).in(run.workspaceId())
                    .by(ActorType.SYSTEM, CampaignRun.JOB).via(AuditSource.BATCH).on(run.campaignId()).after(after).build(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), RequestIds.ofBatch(job.getExecutionId())).appendTo(connection);
            return NOT_APPROVED;
        }
    }

    /** Whether the campaign's latest request is APPROVED and was used (claimed). */
    private static boolean approvedAndUsed(Connection connection, CampaignRun run) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT status = 'APPROVED' AND used_at IS NOT NULL FROM approval_request "
                + "WHERE workspace_id = ? AND subject_kind = 'CAMPAIGN' AND subject_id = ? ORDER BY id DESC LIMIT 1")) {
            query.setLong(1, run.workspaceId());
            query.setLong(2, run.campaignId());
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** Takes a SENDING campaign that no execution carries yet for execution {@code executionId}; answers whether it did. */
    private static boolean take(Connection connection, CampaignRun run, long executionId) throws SQLException {
        try (PreparedStatement take = connection.prepareStatement("UPDATE campaign SET send_execution_id = ? WHERE workspace_id = ? "
                + "AND id = ? AND status = 'SENDING' AND send_execution_id IS NULL")) {
            take.setLong(1, executionId);
            take.setLong(2, run.workspaceId());
            take.setLong(3, run.campaignId());
            return take.executeUpdate() == 1;
        }
    }
}
