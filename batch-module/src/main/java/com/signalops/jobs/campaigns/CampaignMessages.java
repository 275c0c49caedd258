package com.signalops.jobs.campaigns;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditAppend;
import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.service.VaultKeyring;
import com.signalops.outreach.domain.CampaignMessage;
import com.signalops.outreach.domain.SendRate;
import com.signalops.outreach.domain.UnsubscribeToken;
import com.signalops.outreach.service.CampaignRateDefault;
import com.signalops.outreach.service.UnsubscribeKey;
import com.signalops.shared.ApplicationDatabase;
import com.signalops.shared.ApplicationThreads;
import com.signalops.shared.OutgoingMail;
import com.signalops.shared.RequestIds;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The second step of {@code campaign-send}: sends the campaign's pending deliveries in id order over {@code W}
 * SMTP connections at once (job parameter {@code connections}, else {@code SIGNALOPS_CAMPAIGN_CONNECTIONS}, default
 * 8), at the store's rate for all of them together. This thread reads the pending deliveries, marks those whose
 * recipient no longer consents as read SKIPPED_CONSENT, and queues the others for {@code W} senders, each with its own
 * SMTP connection on a thread of {@link ApplicationThreads}; a sender takes the next, waits for its slot of the
 * store's rate (one pacing for all senders, so the rate bounds the total), and builds its
 * message and writes its content; between the content and the SMTP end-of-data ({@link CampaignMessage}) it joins
 * the {@link GroupCommit}, which commits the SENT marks of every sender waiting at that moment in one database
 * transaction, each with its consent check: a recipient who no longer consents gets nothing and is marked
 * SKIPPED_CONSENT, one the server refuses FAILED. A failure of a group's transaction fails every message of the group
 * (nothing of them is delivered, their deliveries stay PENDING) and the step; an SMTP failure before the commit fails
 * the step likewise, and a kill at any point leaves what is uncommitted PENDING. A restart sends what is pending, so
 * every recipient gets the message once; a kill between a group's commit and its messages' end-of-data loses at most
 * those {@code W} messages (never twice, at worst once less). When nothing is pending the campaign is SENT, with its
 * counts audited ({@code campaign.send}). Honours {@link #stop()} between two messages: the senders finish the
 * message they have.
 */
@Named
@Dependent
public class CampaignMessages extends AbstractBatchlet {

    static final String CONNECTIONS_VARIABLE = "SIGNALOPS_CAMPAIGN_CONNECTIONS";
    static final String CONSOLE_URL_VARIABLE = "SIGNALOPS_CONSOLE_URL";
    static final int DEFAULT_CONNECTIONS = 8;
    static final int MAX_CONNECTIONS = 64;
    private static final int PAGE = 500;
    private static final Duration WAIT_SLICE = Duration.ofMillis(200);
    private static final long HANDOFF_MILLIS = 100;
    private static final Logger LOG = Logger.getLogger(CampaignMessages.class.getName());

    @Inject
    private JobContext job;

    @Inject
    private ApplicationDatabase database;

    @Inject
    private OutgoingMail mail;

    @Inject
    private ApplicationThreads threads;

    @Inject
    private VaultKeyring keyring;

    @Inject
    private UnsubscribeKey unsubscribeKey;

    @Inject
    private Config config;

    @Inject
    private CampaignRateDefault rateDefault;

    /** The job parameter {@code connections}: how many SMTP connections send at once (empty: the configured default). */
    @Inject
    @BatchProperty(name = "connections")
    private String connectionsProperty;

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
            int connections = connections();
            String consoleUrl = config.getOptionalValue(CONSOLE_URL_VARIABLE, String.class).orElse("");
            List<CampaignMail> letters = new ArrayList<>(connections);
            for (int i = 0; i < connections; i++) {
                // one per sender: a signer's MAC is not thread-safe
                letters.add(new CampaignMail(campaign.subject(), campaign.body(), consoleUrl, unsubscribeKey.signer()));
            }
            SendRate rate = new SendRate(rate(connection, run.workspaceId(), campaign.storeId()));
            Deliveries deliveries = new Deliveries(run);
            Crew crew = new Crew(run, campaign.storeId(), deliveries, new GroupCommit(database.dataSource(), deliveries, connections),
                    keyring.vault(), mail.session(), rate);
            try {
                crew.start(threads.executor(), letters);
                long after = 0;
                List<Deliveries.Pending> page;
                dispatch:
                while (crew.running() && !(page = deliveries.pending(connection, after, PAGE)).isEmpty()) {
                    for (Deliveries.Pending delivery : page) {
                        if (!crew.running()) {
                            break dispatch;
                        }
                        after = delivery.id();
                        if (!delivery.consenting() || delivery.email() == null) {
                            // no message to write: marked here, outside the rate
                            if (deliveries.skip(connection, delivery.id())) {
                                crew.skipped.incrementAndGet();
                            }
                            continue;
                        }
                        if (!crew.hand(delivery)) {
                            break dispatch;
                        }
                    }
                }
            } catch (Exception e) {
                // the senders stop too, with what is queued left pending
                crew.failure.compareAndSet(null, e);
                throw e;
            } finally {
                crew.finish();
            }
            if (crew.failure.get() != null) {
                throw crew.failure.get();
            }
            String exit = stopping ? "STOPPED " + crew.tally() : finish(connection, run, campaign.storeId(), crew);
            // the job's exit status too: what the execution did, in the job repository and its job.run record
            job.setExitStatus(exit);
            return exit;
        }
    }

    @Override
    public void stop() {
        stopping = true;
    }

    /** The number of SMTP connections: the job parameter, else the configured default; 1 to {@value #MAX_CONNECTIONS}. */
    private int connections() {
        int connections = connectionsProperty == null || connectionsProperty.isBlank()
                ? config.getOptionalValue(CONNECTIONS_VARIABLE, Integer.class).orElse(DEFAULT_CONNECTIONS)
                : Integer.parseInt(connectionsProperty.trim());
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("campaign-send sends over 1 to " + MAX_CONNECTIONS + " SMTP connections, not "
                    + connections);
        }
        return connections;
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
        return rateDefault.perMinute();
    }

    /** The campaign SENT with its counts and the campaign.send record, in one transaction, once nothing is pending. */
    private String finish(Connection connection, CampaignRun run, long storeId, Crew crew) throws SQLException {
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
            LOG.log(Level.INFO, "Campaign {0} of workspace {1} sent: {2}; this execution: {3} over {4} SMTP connections, {5}",
                    new Object[] {Long.toString(run.campaignId()), Long.toString(run.workspaceId()), exit, crew.tally(),
                        crew.senders, crew.committer.tally()});
            return exit;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * The senders of one execution and their group committer, on the application's threads: the deliveries to send
     * queued in id order (a sender takes the next when it is done with its message, and waits for its slot of the
     * store's rate, which all senders share), the first failure of any of them kept, and the counts of what this
     * execution settled.
     */
    private final class Crew {

        private final CampaignRun run;
        private final long storeId;
        private final Deliveries deliveries;
        private final GroupCommit committer;
        private final CredentialVault vault;
        private final Session session;
        private final SendRate rate;
        private final BlockingQueue<Deliveries.Pending> ready = new ArrayBlockingQueue<>(PAGE);
        private final List<Future<?>> working = new ArrayList<>();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong skipped = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private Future<?> committing;
        private volatile boolean closing;
        private int senders;

        Crew(CampaignRun run, long storeId, Deliveries deliveries, GroupCommit committer, CredentialVault vault, Session session,
                SendRate rate) {
            this.run = run;
            this.storeId = storeId;
            this.deliveries = deliveries;
            this.committer = committer;
            this.vault = vault;
            this.session = session;
            this.rate = rate;
        }

        /** The committer and one sender per letter on {@code executor}'s threads. */
        void start(ExecutorService executor, List<CampaignMail> letters) {
            committing = executor.submit(committer);
            for (CampaignMail letter : letters) {
                Sender sender = new Sender(letter);
                working.add(executor.submit(sender::work));
                senders++;
            }
        }

        /** Neither stopped nor failed. */
        boolean running() {
            return !stopping && failure.get() == null;
        }

        /** Queues {@code delivery} for the next free sender; answers false when stopped or failed meanwhile. */
        boolean hand(Deliveries.Pending delivery) throws InterruptedException {
            while (!ready.offer(delivery, HANDOFF_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!running()) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Books the next message's slot of the store's rate, shared by all senders, and waits for it; answers false
         * when stopped or failed meanwhile (the message is not sent: its delivery stays pending).
         */
        boolean pace() {
            long slot;
            synchronized (rate) {
                long now = System.nanoTime();
                slot = now + rate.delayBeforeNext(now).toNanos();
                rate.sent(slot);
            }
            for (long wait = slot - System.nanoTime(); wait > 0; wait = slot - System.nanoTime()) {
                if (!running()) {
                    return false;
                }
                // to the nanosecond: at high rates the wait is below a millisecond
                LockSupport.parkNanos(Math.min(wait, WAIT_SLICE.toNanos()));
            }
            return running();
        }

        /** Lets the senders end once the queue is empty (or at once when stopped or failed), then the committer. */
        void finish() throws InterruptedException {
            closing = true;
            for (Future<?> sender : working) {
                join(sender);
            }
            committer.close();
            if (committing != null) {
                join(committing);
            }
        }

        private void join(Future<?> task) throws InterruptedException {
            try {
                task.get();
            } catch (ExecutionException e) {
                failure.compareAndSet(null, e.getCause() instanceof Exception cause ? cause : e);
            }
        }

        String tally() {
            return "SENT=" + sent + " SKIPPED_CONSENT=" + skipped + " FAILED=" + failed;
        }

        /** One SMTP connection, opened when needed: sends one handed delivery after another. */
        private final class Sender {

            private final CampaignMail letter;
            private Transport transport;

            Sender(CampaignMail letter) {
                this.letter = letter;
            }

            void work() {
                try {
                    while (running()) {
                        Deliveries.Pending delivery = ready.poll(HANDOFF_MILLIS, TimeUnit.MILLISECONDS);
                        if (delivery != null) {
                            if (!pace()) {
                                return;
                            }
                            send(delivery);
                        } else if (closing) {
                            return;
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                } finally {
                    close();
                }
            }

            /** Settles {@code delivery}: delivered and SENT, SKIPPED_CONSENT, or FAILED; throws what must fail the step. */
            private void send(Deliveries.Pending delivery) throws IOException, MessagingException {
                String email = CustomerEmails.open(vault, delivery.email(), run.workspaceId(), storeId);
                UnsubscribeToken token = new UnsubscribeToken(run.workspaceId(), storeId, delivery.customerId(), run.campaignId());
                CampaignMessage message;
                try {
                    message = letter.message(session, email, token, () -> committer.sent(delivery.id()));
                } catch (AddressException e) {
                    mark(delivery.id(), "PENDING", "invalid address");
                    return;
                }
                try {
                    if (transport == null || !transport.isConnected()) {
                        transport = session.getTransport("smtp");
                        transport.connect();
                    }
                    transport.sendMessage(message, message.getAllRecipients());
                    sent.incrementAndGet();
                } catch (MessagingException e) {
                    close();
                    if (message.refused()) {
                        // nothing was delivered (the connection closed before the end-of-data); SKIPPED_CONSENT in its group
                        skipped.incrementAndGet();
                        return;
                    }
                    if (message.committed()) {
                        // refused after the end-of-data (or the connection broke right after it): not sent again
                        mark(delivery.id(), "SENT", "refused by the SMTP server after the message");
                        return;
                    }
                    if (e instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                            && refused.getInvalidAddresses().length > 0) {
                        mark(delivery.id(), "PENDING", "recipient refused by the SMTP server");
                        return;
                    }
                    // SMTP or database trouble before the commit (its group's transaction failed): the delivery stays pending
                    LOG.log(Level.WARNING, "Campaign {0} of workspace {1} stops at delivery {2}: {3}", new Object[] {
                        Long.toString(run.campaignId()), Long.toString(run.workspaceId()), Long.toString(delivery.id()),
                        e.getClass().getName() + (e.getCause() == null ? "" : " / " + e.getCause().getClass().getName())});
                    throw e;
                }
            }

            /** Marks delivery {@code id} FAILED from {@code from}, in the committer's next group. */
            private void mark(long id, String from, String reason) throws IOException {
                if (committer.submit((connection, now) -> deliveries.fail(connection, id, from, reason))) {
                    failed.incrementAndGet();
                }
            }

            private void close() {
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
}
