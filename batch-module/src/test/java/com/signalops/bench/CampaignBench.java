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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * bench/campaign: an approved campaign to {@code bench.customers} consenting customers (sealed emails) of one store in
 * an embedded MariaDB, sent into GreenMail by the real {@code campaign-send} job (jberet-se, as the batch tests run
 * it: each message's email opened by the vault, its unsubscribe token signed, its delivery committed as sent with the
 * consent check before the end-of-data), then the same messages (recipients, subject, body, headers, link) sent by
 * plain Jakarta Mail over one connection of the same session into the same GreenMail, in the same run: the raw
 * baseline; and once more over as many connections at once as the job used (like for like). Prints messages/s of
 * all three and the ratios. Asserts nothing; see bench/campaign/README.md.
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
        int connections = Integer.getInteger("bench.connections", 8);
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
                runJob(warmUp, 2_000, connections);
                plain(session, new CampaignMail(SUBJECT, BODY, consoleUrl, signer), warmUp, 2_000);
                plainParallel(session, consoleUrl, warmUp, 2_000, connections);
                smtp.purgeEmailFromAllMailboxes();

                CampaignRows store = new CampaignRows(connection, emails, workspace, CommerceRows.newStore(connection, workspace).storeId());
                long generatedAt = System.nanoTime();
                store.subscribedCustomers(1, customers, DOMAIN);
                System.out.printf("generated %,d consenting customers with sealed emails in %.1f s%n", customers,
                        (System.nanoTime() - generatedAt) / 1e9);

                double databaseCpuBefore = databaseCpuSeconds();
                long started = System.nanoTime();
                String exit = runJob(store, customers, connections);
                double jobSeconds = (System.nanoTime() - started) / 1e9;
                double databaseCpu = databaseCpuSeconds() - databaseCpuBefore;
                int jobReceived = smtp.getReceivedMessages().length;
                smtp.purgeEmailFromAllMailboxes();

                started = System.nanoTime();
                plain(session, new CampaignMail(SUBJECT, BODY, consoleUrl, signer), store, customers);
                double plainSeconds = (System.nanoTime() - started) / 1e9;
                int plainReceived = smtp.getReceivedMessages().length;
                smtp.purgeEmailFromAllMailboxes();

                started = System.nanoTime();
                plainParallel(session, consoleUrl, store, customers, connections);
                double parallelSeconds = (System.nanoTime() - started) / 1e9;
                int parallelReceived = smtp.getReceivedMessages().length;

                System.out.printf("campaign-send job (%d connections): %.1f s, %,d messages received (%s), %.0f messages/s%n", connections,
                        jobSeconds, jobReceived, exit, customers / jobSeconds);
                System.out.printf("MariaDB server CPU during the job: %.2f s, %.3f ms per message%n", databaseCpu,
                        databaseCpu * 1000 / customers);
                System.out.printf("plain Jakarta Mail (1 connection): %.1f s, %,d messages received, %.0f messages/s%n", plainSeconds,
                        plainReceived, customers / plainSeconds);
                System.out.printf("plain Jakarta Mail (%d connections): %.1f s, %,d messages received, %.0f messages/s%n", connections,
                        parallelSeconds, parallelReceived, customers / parallelSeconds);
                System.out.printf("ratio job / plain: %.2f (target 1.5); job / plain over the same %d connections: %.2f%n",
                        jobSeconds / plainSeconds, connections, jobSeconds / parallelSeconds);
            }
        } finally {
            smtp.stop();
            mariaDb.stop();
        }
        System.exit(0);
    }

    /** The CPU time so far of the bench's own MariaDB server (a child of this JVM), NaN if unknown. */
    private static double databaseCpuSeconds() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().command().orElse("").matches(".*mysqld|.*mariadbd"))
                .map(process -> process.info().totalCpuDuration().orElse(null)).filter(java.util.Objects::nonNull)
                .mapToDouble(cpu -> cpu.toNanos() / 1e9).reduce(Double::sum).orElse(Double.NaN);
    }

    /** An approved, claimed campaign to customers 1..{@code customers} of {@code store}, sent by the job at the highest rate. */
    private static String runJob(CampaignRows store, int customers, int connections) throws Exception {
        long campaign = store.campaign(SUBJECT, BODY);
        store.request(campaign, "APPROVED");
        store.deliveries(campaign, LongStream.rangeClosed(1, customers).boxed().toList());
        store.claimed(campaign);
        store.rate(1_000_000);
        Properties parameters = new Properties();
        parameters.setProperty("workspaceId", Long.toString(store.workspaceId()));
        parameters.setProperty("campaignId", Long.toString(campaign));
        parameters.setProperty("connections", Integer.toString(connections));
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

    /**
     * The same messages by plain Jakarta Mail over {@code connections} connections at once (customer i on connection
     * i mod connections), a MimeMessage each, no database: the like-for-like baseline of the job's parallel senders.
     */
    private static void plainParallel(Session session, String consoleUrl, CampaignRows store,
            int customers, int connections) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int first = c + 1;
                // a signer per thread, as the job has (its MAC is not thread-safe)
                CampaignMail letter = new CampaignMail(SUBJECT, BODY, consoleUrl, new UnsubscribeToken.Signer(Base64.getDecoder().decode(
                        ConfigProvider.getConfig().getValue("SIGNALOPS_UNSUBSCRIBE_KEY", String.class))));
                senders.add(threads.submit(() -> {
                    try (Transport transport = session.getTransport("smtp")) {
                        transport.connect();
                        for (long customer = first; customer <= customers; customer += connections) {
                            MimeMessage message = new MimeMessage(session);
                            letter.fill(message, "customer." + customer + "@" + DOMAIN,
                                    letter.unsubscribeUrl(new UnsubscribeToken(store.workspaceId(), store.storeId(), customer, 1)));
                            transport.sendMessage(message, message.getAllRecipients());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        } finally {
            threads.shutdown();
        }
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
