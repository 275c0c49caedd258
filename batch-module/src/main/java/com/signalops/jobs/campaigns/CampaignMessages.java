package com.signalops.jobs.campaigns;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditAppend;
import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.integration.service.VaultKeyring;
import com.signalops.outreach.domain.CampaignMessage;
import com.signalops.outreach.domain.SendRate;
import com.signalops.outreach.domain.UnsubscribeToken;
import com.signalops.outreach.service.UnsubscribeKey;
import com.signalops.shared.ApplicationDatabase;
import com.signalops.shared.OutgoingMail;
import com.signalops.shared.RequestIds;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The second step of {@code campaign-send}: sends the campaign's pending deliveries in id order over one SMTP
 * connection, at the store's rate. Each message commits its delivery as SENT, together with the consent check, after
 * its content and before the SMTP end-of-data ({@link CampaignMessage}): a recipient who no longer consents gets
 * nothing and is marked SKIPPED_CONSENT, one the server refuses FAILED. A database or SMTP failure fails the step
 * with the delivery at hand still pending; a kill at any point likewise. A restart sends what is pending, so every
 * recipient gets the message once. When nothing is pending the campaign is SENT, with its counts audited
 * ({@code campaign.send}). Honours {@link #stop()} between two messages.
 */
@Named
@Dependent
public class CampaignMessages extends AbstractBatchlet {

    static final String RATE_VARIABLE = "SIGNALOPS_CAMPAIGN_RATE_PER_MINUTE";
    static final String CONSOLE_URL_VARIABLE = "SIGNALOPS_CONSOLE_URL";
    static final int DEFAULT_RATE = 600;
    private static final int PAGE = 500;
    private static final Duration WAIT_SLICE = Duration.ofMillis(200);
    private static final Logger LOG = Logger.getLogger(CampaignMessages.class.getName());

    @Inject
    private JobContext job;

    @Inject
    private ApplicationDatabase database;

    @Inject
    private OutgoingMail mail;

    @Inject
    private VaultKeyring keyring;

    @Inject
    private UnsubscribeKey unsubscribeKey;

    @Inject
    private Config config;

    private volatile boolean stopping;

    @Override
    public String process() throws Exception {
        CampaignRun run = CampaignRun.of(job);
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            CampaignRun.Campaign campaign = run.read(connection).orElse(null);
            if (campaign == null || !campaign.sendingBy(job.getInstanceId())) {
                // a campaign not claimed for this job instance is never sent by it (see CampaignSendCheck)
                return "NOT_CLAIMED";
            }
            CampaignMail letter = new CampaignMail(campaign.subject(), campaign.body(),
                    config.getOptionalValue(CONSOLE_URL_VARIABLE, String.class).orElse(""), unsubscribeKey.signer());
            SendRate rate = new SendRate(rate(connection, run.workspaceId(), campaign.storeId()));
            Sender sender = new Sender(connection, run, campaign.storeId(), letter, mail.session());
            try {
                long after = 0;
                List<Deliveries.Pending> page;
                while (!stopping && !(page = sender.deliveries.pending(connection, after, PAGE)).isEmpty()) {
                    for (Deliveries.Pending delivery : page) {
                        if (stopping || !await(rate)) {
                            break;
                        }
                        after = delivery.id();
                        if (sender.send(delivery)) {
                            rate.sent(System.nanoTime());
                        }
                    }
                }
            } finally {
                sender.close();
            }
            String exit = stopping ? "STOPPED " + sender.tally() : finish(connection, run, campaign.storeId());
            // the job's exit status too: what the execution did, in the job repository and its job.run record
            job.setExitStatus(exit);
            return exit;
        }
    }

    @Override
    public void stop() {
        stopping = true;
    }

    /** Waits until the rate lets the next message go; answers false when stopped meanwhile. */
    private boolean await(SendRate rate) {
        for (Duration wait = rate.delayBeforeNext(System.nanoTime()); !wait.isZero(); wait = rate.delayBeforeNext(System.nanoTime())) {
            if (stopping) {
                return false;
            }
            // to the nanosecond: at high rates the wait is below a millisecond
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(wait.toNanos(), WAIT_SLICE.toNanos()));
        }
        return !stopping;
    }

    /** The store's messages per minute: its store_send_limit, else the configured default. */
    private int rate(Connection connection, long workspaceId, long storeId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT messages_per_minute FROM store_send_limit "
                + "WHERE workspace_id = ? AND store_id = ?")) {
            query.setLong(1, workspaceId);
            query.setLong(2, storeId);
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    return row.getInt(1);
                }
            }
        }
        return config.getOptionalValue(RATE_VARIABLE, Integer.class).orElse(DEFAULT_RATE);
    }

    /** The campaign SENT with its counts and the campaign.send record, in one transaction, once nothing is pending. */
    private String finish(Connection connection, CampaignRun run, long storeId) throws SQLException {
        Deliveries deliveries = new Deliveries(run);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        connection.setAutoCommit(false);
        try {
            Map<String, Long> counts = deliveries.counts(connection);
            String exit = "SENT=" + counts.get("SENT") + " SKIPPED_CONSENT=" + counts.get("SKIPPED_CONSENT") + " FAILED="
                    + counts.get("FAILED");
            if (counts.get("PENDING") > 0) {
                connection.rollback();
                return "PENDING=" + counts.get("PENDING") + " " + exit;
            }
            try (PreparedStatement sent = connection.prepareStatement("UPDATE campaign SET status = 'SENT', sent_at = ? "
                    + "WHERE workspace_id = ? AND id = ? AND status = 'SENDING'")) {
                sent.setObject(1, CampaignRun.utc(now));
                sent.setLong(2, run.workspaceId());
                sent.setLong(3, run.campaignId());
                if (sent.executeUpdate() == 0) {
                    connection.rollback();
                    return exit;
                }
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("store_id", storeId);
            after.put("status", "SENT");
            after.put("sent", counts.get("SENT"));
            after.put("skipped_consent", counts.get("SKIPPED_CONSENT"));
            after.put("failed", counts.get("FAILED"));
            AuditAppend.of(AuditEntry.of(AuditAction.CAMPAIGN_SEND, AuditOutcome.SUCCESS).in(run.workspaceId())
                    .by(ActorType.SYSTEM, CampaignRun.JOB).via(AuditSource.BATCH).on(run.campaignId()).after(after).build(), now,
                    RequestIds.ofBatch(job.getExecutionId())).appendTo(connection);
            connection.commit();
            LOG.log(Level.INFO, "Campaign {0} of workspace {1} sent: {2}", new Object[] {Long.toString(run.campaignId()),
                Long.toString(run.workspaceId()), exit});
            return exit;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Sends one delivery after another over one SMTP connection, opened when needed. */
    private final class Sender {

        private final Connection connection;
        private final CampaignRun run;
        private final long storeId;
        private final CampaignMail letter;
        private final Session session;
        private final Deliveries deliveries;
        private Transport transport;
        private long sent;
        private long skipped;
        private long failed;

        Sender(Connection connection, CampaignRun run, long storeId, CampaignMail letter, Session session) {
            this.connection = connection;
            this.run = run;
            this.storeId = storeId;
            this.letter = letter;
            this.session = session;
            this.deliveries = new Deliveries(run);
        }

        /** Settles {@code delivery}; answers whether a message went to the SMTP server (delivered or refused by it). */
        boolean send(Deliveries.Pending delivery) throws SQLException, MessagingException {
            if (!delivery.consenting() || delivery.email() == null) {
                if (deliveries.skip(connection, delivery.id())) {
                    skipped++;
                }
                return false;
            }
            String email = CustomerEmails.open(keyring.vault(), delivery.email(), run.workspaceId(), storeId);
            UnsubscribeToken token = new UnsubscribeToken(run.workspaceId(), storeId, delivery.customerId(), run.campaignId());
            CampaignMessage message;
            try {
                message = letter.message(session, email, token, () -> commit(delivery.id()));
            } catch (AddressException e) {
                deliveries.fail(connection, delivery.id(), "PENDING", "invalid address");
                failed++;
                return false;
            }
            try {
                if (transport == null || !transport.isConnected()) {
                    transport = session.getTransport("smtp");
                    transport.connect();
                }
                transport.sendMessage(message, message.getAllRecipients());
                sent++;
                return true;
            } catch (MessagingException e) {
                close();
                if (message.refused()) {
                    // nothing was delivered: the connection closed before the end-of-data
                    if (deliveries.skip(connection, delivery.id())) {
                        skipped++;
                    }
                    return false;
                }
                if (message.committed()) {
                    // refused after the end-of-data (or the connection broke right after it): not sent again
                    deliveries.fail(connection, delivery.id(), "SENT", "refused by the SMTP server after the message");
                    failed++;
                    return true;
                }
                if (e instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                        && refused.getInvalidAddresses().length > 0) {
                    deliveries.fail(connection, delivery.id(), "PENDING", "recipient refused by the SMTP server");
                    failed++;
                    return true;
                }
                // SMTP or database trouble before the commit: the delivery stays pending for the restart
                LOG.log(Level.WARNING, "Campaign {0} of workspace {1} stops at delivery {2}: {3}", new Object[] {
                    Long.toString(run.campaignId()), Long.toString(run.workspaceId()), Long.toString(delivery.id()),
                    e.getClass().getName() + (e.getCause() == null ? "" : " / " + e.getCause().getClass().getName())});
                throw e;
            }
        }

        private boolean commit(long deliveryId) throws IOException {
            try {
                return deliveries.commitSent(connection, deliveryId, Instant.now().truncatedTo(ChronoUnit.MILLIS));
            } catch (SQLException e) {
                throw new IOException("the delivery could not be committed", e);
            }
        }

        String tally() {
            return "SENT=" + sent + " SKIPPED_CONSENT=" + skipped + " FAILED=" + failed;
        }

        void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    LOG.log(Level.FINE, "SMTP connection closed with {0}", e.getClass().getName());
                }
                transport = null;
            }
        }
    }
}
