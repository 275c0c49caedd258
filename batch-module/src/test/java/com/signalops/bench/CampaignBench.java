package com.signalops.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.integration.domain.CredentialVault;
import com.signalops.jobs.campaigns.CampaignMail;
import com.signalops.jobs.campaigns.CampaignRows;
import com.signalops.jobs.campaigns.TestOutgoingMail;
import com.signalops.jobs.history.TestApplicationDatabase;
import com.signalops.outreach.domain.UnsubscribeToken;
import com.signalops.testing.CommerceRows;
import com.signalops.testing.EmbeddedMariaDb;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Base64;
import java.util.Properties;
import java.util.stream.LongStream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * bench/campaign: an approved campaign to {@code bench.customers} consenting customers (sealed emails) of one store in
 * an embedded MariaDB, sent into GreenMail by the real {@code campaign-send} job (jberet-se, as the batch tests run
 * it: each message's email opened by the vault, its unsubscribe token signed, its delivery committed as sent with the
 * consent check before the end-of-data), then the same messages (recipients, subject, body, headers, link) sent by
 * plain Jakarta Mail over one connection of the same session into the same GreenMail, in the same run: the raw
 * baseline. Prints messages/s of both and the ratio. Asserts nothing; see bench/campaign/README.md.
 */
public final class CampaignBench {

    private static final String DATABASE = "signalops_bench_campaign";
    private static final String PASSWORD = "bench-only";
    private static final String SUBJECT = "Your order is on its way";
    private static final String BODY = "Hello,\n\nyour order took longer than it should have. We are sorry, and it is on its way now.";
    private static final String DOMAIN = "bench.signalops.test";

    private CampaignBench() {
    }

    public static void main(String[] args) throws Exception {
        int customers = Integer.getInteger("bench.customers", 5_000);
        int port = Integer.getInteger("bench.db.port", 3399);
        EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start("bench-campaign", port);
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            String url = mariaDb.recreateMigrated(DATABASE, PASSWORD);
            TestApplicationDatabase.use(url, DATABASE, PASSWORD);
            Session session = TestOutgoingMail.use(smtpPort);
            CredentialVault vault = CredentialVault.of(ConfigProvider.getConfig().getValue("signalops.vault.keys", String.class));
            CustomerEmails emails = new CustomerEmails(vault, Base64.getDecoder().decode(ConfigProvider.getConfig()
                    .getValue("SIGNALOPS_EMAIL_HASH_KEY", String.class)));
            UnsubscribeToken.Signer signer = new UnsubscribeToken.Signer(Base64.getDecoder().decode(ConfigProvider.getConfig()
                    .getValue("SIGNALOPS_UNSUBSCRIBE_KEY", String.class)));
            String consoleUrl = ConfigProvider.getConfig().getValue("SIGNALOPS_CONSOLE_URL", String.class);
            try (Connection connection = DriverManager.getConnection(url, DATABASE, PASSWORD)) {
                long workspace = CommerceRows.newWorkspace(connection, "Bench");
                // warm-up: CDI, the batch runtime, the JIT and GreenMail, on a small campaign of another store
                CampaignRows warmUp = new CampaignRows(connection, emails, workspace, CommerceRows.newStore(connection, workspace).storeId());
                warmUp.subscribedCustomers(1, 2_000, DOMAIN);
                runJob(warmUp, 2_000);
                plain(session, new CampaignMail(SUBJECT, BODY, consoleUrl, signer), warmUp, 2_000);
                smtp.purgeEmailFromAllMailboxes();

                CampaignRows store = new CampaignRows(connection, emails, workspace, CommerceRows.newStore(connection, workspace).storeId());
                long generatedAt = System.nanoTime();
                store.subscribedCustomers(1, customers, DOMAIN);
                System.out.printf("generated %,d consenting customers with sealed emails in %.1f s%n", customers,
                        (System.nanoTime() - generatedAt) / 1e9);

                long started = System.nanoTime();
                String exit = runJob(store, customers);
                double jobSeconds = (System.nanoTime() - started) / 1e9;
                int jobReceived = smtp.getReceivedMessages().length;
                smtp.purgeEmailFromAllMailboxes();

                started = System.nanoTime();
                plain(session, new CampaignMail(SUBJECT, BODY, consoleUrl, signer), store, customers);
                double plainSeconds = (System.nanoTime() - started) / 1e9;
                int plainReceived = smtp.getReceivedMessages().length;

                System.out.printf("campaign-send job: %.1f s, %,d messages received (%s), %.0f messages/s%n", jobSeconds, jobReceived, exit,
                        customers / jobSeconds);
                System.out.printf("plain Jakarta Mail: %.1f s, %,d messages received, %.0f messages/s%n", plainSeconds, plainReceived,
                        customers / plainSeconds);
                System.out.printf("ratio job / plain: %.2f (target 1.5)%n", jobSeconds / plainSeconds);
            }
        } finally {
            smtp.stop();
            mariaDb.stop();
        }
        System.exit(0);
    }

    /** An approved, claimed campaign to customers 1..{@code customers} of {@code store}, sent by the job at the highest rate. */
    private static String runJob(CampaignRows store, int customers) throws Exception {
        long campaign = store.campaign(SUBJECT, BODY);
        store.request(campaign, "APPROVED");
        store.deliveries(campaign, LongStream.rangeClosed(1, customers).boxed().toList());
        store.claimed(campaign);
        store.rate(1_000_000);
        Properties parameters = new Properties();
        parameters.setProperty("workspaceId", Long.toString(store.workspaceId()));
        parameters.setProperty("campaignId", Long.toString(campaign));
        long execution = BatchRuntime.getJobOperator().start("campaign-send", parameters);
        JobExecution done;
        do {
            Thread.sleep(20);
            done = BatchRuntime.getJobOperator().getJobExecution(execution);
        } while (done.getEndTime() == null);
        if (done.getBatchStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException("campaign-send ended " + done.getBatchStatus() + " " + done.getExitStatus());
        }
        return done.getExitStatus();
    }

    /** The same messages by plain Jakarta Mail: one connection, a MimeMessage each, no database. */
    private static void plain(Session session, CampaignMail letter, CampaignRows store, int customers) throws Exception {
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (long customer = 1; customer <= customers; customer++) {
                MimeMessage message = new MimeMessage(session);
                letter.fill(message, "customer." + customer + "@" + DOMAIN,
                        letter.unsubscribeUrl(new UnsubscribeToken(store.workspaceId(), store.storeId(), customer, 1)));
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
    }

}
