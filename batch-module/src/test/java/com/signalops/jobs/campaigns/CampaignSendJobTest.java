package com.signalops.jobs.campaigns;

import static com.signalops.jobs.JobRuns.await;
import static com.signalops.jobs.JobRuns.operator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.integration.domain.CredentialVault;
import com.signalops.jobs.history.TestApplicationDatabase;
import com.signalops.outreach.domain.UnsubscribeToken;
import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.CommerceRows;
import com.signalops.testing.EmbeddedMariaDb;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The campaign-send job run by jberet-se against the application's schema in a real MariaDB, sending into GreenMail:
 * one message per consenting recipient with a working unsubscribe link and the one-click headers; nothing of a
 * campaign not claimed for this send (its approval not APPROVED and used, or its send another's); consent checked
 * again when each message is committed; a database failure between a message's content and its commit, and the restart, deliver each recipient
 * exactly once.
 */
class CampaignSendJobTest {

    private static final String DATABASE = "signalops_batch_campaigns";
    private static final String PASSWORD = "batch-campaigns-test-only";
    private static final String SUBJECT = "Your order is on its way — sorry for the wait";
    private static final String BODY = "Hello,\n\nyour order took longer than it should have. Grüße from the team.";
    private static final Pattern LINK = Pattern.compile("https://console\\.signalops\\.test/unsubscribe\\?t=([A-Za-z0-9_.-]+)");
    private static EmbeddedMariaDb mariaDb;
    private static CustomerEmails emails;
    private static UnsubscribeToken.Signer signer;
    private GreenMail smtp;
    private CampaignRows store;

    @BeforeAll
    static void startDatabase() throws SQLException {
        mariaDb = EmbeddedMariaDb.start("test", Integer.getInteger("signalops.test.db.port", 3316));
        mariaDb.recreateDatabase(DATABASE, DATABASE, PASSWORD);
        Flyway.configure().dataSource(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD).locations("classpath:db/migration")
                .placeholders(SchemaMigrator.placeholders(EmbeddedMariaDb.retentionUser(DATABASE))).load().migrate();
        CredentialVault vault = CredentialVault.of(ConfigProvider.getConfig().getValue("signalops.vault.keys", String.class));
        emails = new CustomerEmails(vault, Base64.getDecoder().decode(ConfigProvider.getConfig().getValue("SIGNALOPS_EMAIL_HASH_KEY",
                String.class)));
        signer = new UnsubscribeToken.Signer(Base64.getDecoder().decode(ConfigProvider.getConfig().getValue("SIGNALOPS_UNSUBSCRIBE_KEY",
                String.class)));
    }

    @AfterAll
    static void stopDatabase() {
        mariaDb.stop();
    }

    @BeforeEach
    void storeAndSmtpServer() throws Exception {
        TestApplicationDatabase.use(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
        TestApplicationDatabase.healthy();
        smtp = TestOutgoingMail.startSmtpServer();
        Connection connection = connect();
        long workspace = CommerceRows.newWorkspace(connection, "Campaigns");
        store = new CampaignRows(connection, emails, workspace, CommerceRows.newStore(connection, workspace).storeId());
    }

    @AfterEach
    void stopSmtpServer() {
        smtp.stop();
    }

    @Test
    void sendsOneMessagePerConsentingRecipientWithAWorkingUnsubscribeLink() throws Exception {
        store.customer(1, "ada@example.com", "SUBSCRIBED");
        store.customer(2, "grace@example.com", "SUBSCRIBED");
        store.customer(3, "alan@example.com", "SUBSCRIBED");
        store.customer(4, "edsger@example.com", "SUBSCRIBED");
        long campaign = store.campaign(SUBJECT, BODY);
        long request = store.request(campaign, "APPROVED");
        store.deliveries(campaign, List.of(1L, 2L, 3L, 4L));
        store.claimed(campaign);
        // after the approval: one unsubscribes (Shopify's consent), one's address is suppressed by an earlier link
        update("UPDATE commerce_customer SET marketing_state = 'UNSUBSCRIBED' WHERE customer_id = 3 AND store_id = " + store.storeId());
        store.suppress("Edsger@Example.com ");

        JobExecution run = await(operator().start("campaign-send", CampaignRun.parameters(store.workspaceId(), campaign)));

        assertEquals(BatchStatus.COMPLETED, run.getBatchStatus());
        assertEquals("SENT=2 SKIPPED_CONSENT=2 FAILED=0", run.getExitStatus());
        Map<String, MimeMessage> received = received();
        assertEquals(List.of("ada@example.com", "grace@example.com"), List.copyOf(received.keySet()));
        for (Map.Entry<String, MimeMessage> entry : received.entrySet()) {
            MimeMessage message = entry.getValue();
            long customer = entry.getKey().startsWith("ada") ? 1 : 2;
            assertEquals(SUBJECT, message.getSubject());
            assertEquals("Store Team <campaigns@store.signalops.test>", message.getFrom()[0].toString());
            String text = ((String) message.getContent()).replace("\r\n", "\n");
            assertTrue(text.startsWith(BODY + "\n"), text);
            Matcher inBody = LINK.matcher(text);
            assertTrue(inBody.find(), "the body has the unsubscribe link: " + text);
            assertEquals("<" + inBody.group() + ">", message.getHeader("List-Unsubscribe", null));
            assertEquals("List-Unsubscribe=One-Click", message.getHeader("List-Unsubscribe-Post", null));
            assertEquals(new UnsubscribeToken(store.workspaceId(), store.storeId(), customer, campaign),
                    signer.verify(inBody.group(1)).orElseThrow(), "the link unsubscribes this customer of this store");
        }
        assertEquals(Map.of(1L, "SENT", 2L, "SENT", 3L, "SKIPPED_CONSENT", 4L, "SKIPPED_CONSENT"), deliveries(campaign));
        assertEquals("SENT", column("SELECT status FROM campaign WHERE id = " + campaign));
        assertEquals("1", column("SELECT used_at IS NOT NULL FROM approval_request WHERE id = " + request));
        String record = column("SELECT CONCAT(outcome, ' ', actor_type, ' ', actor_id, ' ', source, ' ', entity_type, ' ', entity_id, ' ', "
                + "after_json) FROM audit_record WHERE action = 'campaign.send' AND workspace_id = " + store.workspaceId());
        assertNotNull(record);
        assertTrue(record.startsWith("SUCCESS SYSTEM campaign-send BATCH campaign " + campaign + " "), record);
        assertTrue(record.contains("\"sent\":2") && record.contains("\"skipped_consent\":2") && record.contains("\"failed\":0"), record);
        assertFalse(record.contains("@"), "no address in the record");

        // its approval is used: another execution sends nothing
        JobExecution again = await(operator().start("campaign-send", CampaignRun.parameters(store.workspaceId(), campaign)));
        assertEquals("NOT_APPROVED", again.getExitStatus());
        assertEquals(2, smtp.getReceivedMessages().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PENDING", "REJECTED", "EXPIRED", "WITHDRAWN", "VOIDED", "APPROVED not claimed", "APPROVED sent by another",
        "none"})
    void sendsNothingOfACampaignNotClaimedForThisSend(String request) throws Exception {
        store.customer(1, "ada@example.com", "SUBSCRIBED");
        long campaign = store.campaign(SUBJECT, BODY);
        if (!request.equals("none")) {
            store.request(campaign, request.split(" ")[0]);
        }
        if (request.equals("APPROVED sent by another")) {
            store.claimed(campaign);
            update("UPDATE campaign SET send_execution_id = 987654321 WHERE id = " + campaign);
        }
        store.deliveries(campaign, List.of(1L));

        JobExecution run = await(operator().start("campaign-send", CampaignRun.parameters(store.workspaceId(), campaign)));

        assertEquals(BatchStatus.COMPLETED, run.getBatchStatus());
        assertEquals("NOT_APPROVED", run.getExitStatus());
        Thread.sleep(200);
        assertEquals(0, smtp.getReceivedMessages().length, "no email for a campaign " + request);
        assertEquals(Map.of(1L, "PENDING"), deliveries(campaign));
        assertEquals("DENIED", column("SELECT outcome FROM audit_record WHERE action = 'campaign.send' AND entity_id = '" + campaign
                + "' AND workspace_id = " + store.workspaceId()));
    }

    @Test
    void aCustomerWhoUnsubscribesWhileTheSendRunsGetsNothing() throws Exception {
        store.customer(1, "ada@example.com", "SUBSCRIBED");
        store.customer(2, "grace@example.com", "SUBSCRIBED");
        store.customer(3, "alan@example.com", "SUBSCRIBED");
        long campaign = store.campaign(SUBJECT, BODY);
        store.request(campaign, "APPROVED");
        store.deliveries(campaign, List.of(1L, 2L, 3L));
        store.claimed(campaign);
        // one message a second: the job has read all three as consenting before the first is sent
        store.rate(60);

        long execution = operator().start("campaign-send", CampaignRun.parameters(store.workspaceId(), campaign));
        assertTrue(smtp.waitForIncomingEmail(10_000, 1));
        update("UPDATE commerce_customer SET marketing_state = 'UNSUBSCRIBED', consent_updated_at = UTC_TIMESTAMP(3) "
                + "WHERE customer_id = 3 AND store_id = " + store.storeId());
        JobExecution run = await(execution);

        assertEquals("SENT=2 SKIPPED_CONSENT=1 FAILED=0", run.getExitStatus());
        assertEquals(List.of("ada@example.com", "grace@example.com"), List.copyOf(received().keySet()));
        assertEquals(Map.of(1L, "SENT", 2L, "SENT", 3L, "SKIPPED_CONSENT"), deliveries(campaign));
    }

    @Test
    void aDatabaseFailureBetweenAMessagesContentAndItsCommitAndTheRestartDeliverEachRecipientOnce() throws Exception {
        List<Long> customers = new ArrayList<>();
        for (long id = 1; id <= 6; id++) {
            store.customer(id, "customer" + id + "@example.com", "SUBSCRIBED");
            customers.add(id);
        }
        long campaign = store.campaign(SUBJECT, BODY);
        store.request(campaign, "APPROVED");
        store.deliveries(campaign, customers);
        store.claimed(campaign);
        long third = Long.parseLong(column("SELECT id FROM campaign_delivery WHERE customer_id = 3 AND campaign_id = " + campaign));

        // one SMTP connection: one message after another, each in a group commit of its own
        Properties parameters = CampaignRun.parameters(store.workspaceId(), campaign);
        parameters.setProperty("connections", "1");
        long execution;
        try (Connection holder = connect(); Statement lock = holder.createStatement()) {
            // the third delivery's row is held: the job writes that message's content, then waits on its commit
            holder.setAutoCommit(false);
            lock.executeQuery("SELECT id FROM campaign_delivery WHERE id = " + third + " FOR UPDATE").close();
            execution = operator().start("campaign-send", parameters);
            long waiting = awaitCommitWaiting();
            assertEquals(2, smtp.getReceivedMessages().length, "two delivered before the third's commit");
            // the database connection goes away in that moment
            lock.execute("KILL CONNECTION " + waiting);
            holder.rollback();
        }
        JobExecution failed = await(execution);
        assertEquals(BatchStatus.FAILED, failed.getBatchStatus());
        Thread.sleep(500);
        assertEquals(2, smtp.getReceivedMessages().length, "the third message, unterminated, was discarded");
        assertEquals("PENDING", deliveries(campaign).get(3L));

        JobExecution restarted = await(operator().restart(execution, parameters));

        assertEquals(BatchStatus.COMPLETED, restarted.getBatchStatus());
        assertEquals("SENT=6 SKIPPED_CONSENT=0 FAILED=0", restarted.getExitStatus());
        Map<String, MimeMessage> received = received();
        assertEquals(6, smtp.getReceivedMessages().length, "one message per recipient: " + received.keySet());
        assertEquals(6, received.size());
        assertEquals("SENT", column("SELECT status FROM campaign WHERE id = " + campaign));
    }

    @Test
    void aFailedGroupCommitOverSeveralConnectionsDeliversNoneOfItsMessagesAndTheRestartDeliversEachRecipientOnce() throws Exception {
        List<Long> customers = new ArrayList<>();
        for (long id = 1; id <= 12; id++) {
            store.customer(id, "customer" + id + "@example.com", "SUBSCRIBED");
            customers.add(id);
        }
        long campaign = store.campaign(SUBJECT, BODY);
        store.request(campaign, "APPROVED");
        store.deliveries(campaign, customers);
        store.claimed(campaign);
        long ninth = Long.parseLong(column("SELECT id FROM campaign_delivery WHERE customer_id = 9 AND campaign_id = " + campaign));
        Properties parameters = CampaignRun.parameters(store.workspaceId(), campaign);
        parameters.setProperty("connections", "4");

        long execution;
        try (Connection holder = connect(); Statement lock = holder.createStatement()) {
            // the rows of the last four deliveries (the 9th to 12th, one per sender) are held: whichever of them comes
            // first, its group's transaction waits, and the messages of the other senders wait for their commit behind
            // it (holding only the 9th let a group of the 10th and 11th that came first commit before it)
            holder.setAutoCommit(false);
            lock.executeQuery("SELECT id FROM campaign_delivery WHERE id >= " + ninth + " AND campaign_id = " + campaign + " FOR UPDATE")
                    .close();
            execution = operator().start("campaign-send", parameters);
            long waiting = awaitCommitWaiting();
            Thread.sleep(500);
            // the group committer's database connection goes away in that moment
            lock.execute("KILL CONNECTION " + waiting);
            holder.rollback();
        }
        JobExecution failed = await(execution);
        assertEquals(BatchStatus.FAILED, failed.getBatchStatus());
        Thread.sleep(500);
        Map<Long, String> statuses = deliveries(campaign);
        for (long customer = 9; customer <= 12; customer++) {
            assertEquals("PENDING", statuses.get(customer), "customer " + customer + "'s message failed with the group: " + statuses);
        }
        List<String> committed = new ArrayList<>();
        statuses.forEach((customer, status) -> {
            if (status.equals("SENT")) {
                committed.add("customer" + customer + "@example.com");
            } else {
                assertEquals("PENDING", status, "customer " + customer);
            }
        });
        // every message delivered is committed SENT, and every delivery committed SENT was delivered
        assertEquals(committed.stream().sorted().toList(), List.copyOf(received().keySet()));
        assertTrue(committed.size() <= 8, "nothing after the failed group: " + committed);

        JobExecution restarted = await(operator().restart(execution, parameters));

        assertEquals(BatchStatus.COMPLETED, restarted.getBatchStatus());
        assertEquals("SENT=12 SKIPPED_CONSENT=0 FAILED=0", restarted.getExitStatus());
        Map<String, MimeMessage> received = received();
        assertEquals(12, smtp.getReceivedMessages().length, "one message per recipient: " + received.keySet());
        assertEquals(12, received.size());
        assertEquals("SENT", column("SELECT status FROM campaign WHERE id = " + campaign));
    }

    @Test
    void aConsentWithdrawnInsideAGroupSkipsOnlyThatRecipientAndTheOthersOfTheGroupGetTheirMessageOnce() throws Exception {
        List<Long> customers = new ArrayList<>();
        for (long id = 1; id <= 8; id++) {
            store.customer(id, "customer" + id + "@example.com", "SUBSCRIBED");
            customers.add(id);
        }
        long campaign = store.campaign(SUBJECT, BODY);
        store.request(campaign, "APPROVED");
        store.deliveries(campaign, customers);
        store.claimed(campaign);
        Properties parameters = CampaignRun.parameters(store.workspaceId(), campaign);
        parameters.setProperty("connections", "4");

        long execution;
        try (Connection holder = connect(); Statement lock = holder.createStatement()) {
            // the rows of the deliveries the four senders take first (customers 1 to 4, read as consenting) are held:
            // the first group's transaction waits, and the other senders' messages queue for their commit behind it
            holder.setAutoCommit(false);
            lock.executeQuery("SELECT id FROM campaign_delivery WHERE customer_id <= 4 AND campaign_id = " + campaign + " FOR UPDATE")
                    .close();
            execution = operator().start("campaign-send", parameters);
            awaitCommitWaiting();
            Thread.sleep(500);
            assertEquals(0, smtp.getReceivedMessages().length, "nothing delivered before the first group's commit");
            // customer 3, whose message waits for its commit (with others: in the waiting group or the next), withdraws
            update("UPDATE commerce_customer SET marketing_state = 'UNSUBSCRIBED', consent_updated_at = UTC_TIMESTAMP(3) "
                    + "WHERE customer_id = 3 AND store_id = " + store.storeId());
            holder.rollback();
        }
        JobExecution run = await(execution);

        assertEquals(BatchStatus.COMPLETED, run.getBatchStatus());
        assertEquals("SENT=7 SKIPPED_CONSENT=1 FAILED=0", run.getExitStatus());
        Map<String, MimeMessage> received = received();
        assertEquals(7, smtp.getReceivedMessages().length, "one message per consenting recipient: " + received.keySet());
        assertFalse(received.containsKey("customer3@example.com"), "nothing for the customer who withdrew: " + received.keySet());
        Map<Long, String> statuses = deliveries(campaign);
        for (long customer = 1; customer <= 8; customer++) {
            assertEquals(customer == 3 ? "SKIPPED_CONSENT" : "SENT", statuses.get(customer), "customer " + customer);
        }
        assertEquals("SENT", column("SELECT status FROM campaign WHERE id = " + campaign));
    }

    @Test
    void theStoresRateBoundsAllConnectionsTogether() throws Exception {
        List<Long> customers = new ArrayList<>();
        for (long id = 1; id <= 5; id++) {
            store.customer(id, "customer" + id + "@example.com", "SUBSCRIBED");
            customers.add(id);
        }
        long campaign = store.campaign(SUBJECT, BODY);
        store.request(campaign, "APPROVED");
        store.deliveries(campaign, customers);
        store.claimed(campaign);
        // four messages a second over eight connections: five messages take at least four intervals
        store.rate(240);

        long started = System.nanoTime();
        JobExecution run = await(operator().start("campaign-send", CampaignRun.parameters(store.workspaceId(), campaign)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals("SENT=5 SKIPPED_CONSENT=0 FAILED=0", run.getExitStatus());
        assertEquals(5, received().size());
        assertTrue(took.compareTo(Duration.ofMillis(950)) >= 0, "paced at the store's rate: " + took);
    }

    /** The id of the connection whose commit of a delivery waits for its row's lock. */
    private static long awaitCommitWaiting() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            String id = column("SELECT id FROM information_schema.processlist WHERE info LIKE 'UPDATE campaign_delivery d JOIN%' "
                    + "AND id <> CONNECTION_ID()");
            if (id != null) {
                return Long.parseLong(id);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the job's commit never waited on the held row");
    }

    /** The messages GreenMail received, by recipient (each recipient once, or the test fails). */
    private Map<String, MimeMessage> received() throws Exception {
        Map<String, MimeMessage> byRecipient = new TreeMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            String to = message.getRecipients(Message.RecipientType.TO)[0].toString();
            assertTrue(byRecipient.put(to, message) == null, "a second message to " + to);
        }
        return byRecipient;
    }

    private Map<Long, String> deliveries(long campaign) throws SQLException {
        Map<Long, String> statuses = new TreeMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT customer_id, status FROM campaign_delivery WHERE campaign_id = " + campaign)) {
            while (rows.next()) {
                statuses.put(rows.getLong(1), rows.getString(2));
            }
        }
        return statuses;
    }

    private static String column(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static void update(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
    }

}
