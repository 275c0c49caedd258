package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.ConsoleClient;
import com.signalops.it.support.FacesForm;
import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import com.signalops.it.support.TestTenants;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A campaign's send killed with its server: a campaign to 24 customers (20 of them subscribed) made and approved in the
 * console, sent at 120 messages a minute; one recipient's consent is withdrawn after the approval (a Shopify update), the
 * server is killed after some messages left, and after the restart the outreach dispatcher continues the send. GreenMail
 * then holds exactly one message per consenting recipient and none for the withdrawn or unsubscribed ones. A message's
 * unsubscribe link works over HTTPS (its page, then the RFC 8058 one-click POST of its List-Unsubscribe header), and a
 * tampered link changes nothing.
 */
@ExtendWith(SignalOpsSystem.class)
class CampaignSendRestartIT {

    private static final String PASSWORD = "Campaign-restart-password-1";
    private static final int CUSTOMERS = 24;
    private static final String PREFIX = "send.restart.";

    @Test
    void aSendKilledWithItsServerDeliversExactlyOneMessagePerConsentingRecipientAndItsUnsubscribeLinkWorks() throws Exception {
        long demo = ApiClient.demoWorkspaceId();
        long store = TestTenants.store(demo, null, "SEND-RESTART", "send-restart.myshopify.com");
        importCustomersWithLateOrders(demo, store);
        TestAccounts.create("send.manager@example.com", "Send Manager", PASSWORD, "manager");
        TestAccounts.create("send.admin@example.com", "Send Admin", PASSWORD, "admin");
        ConsoleClient manager = ConsoleClient.signedIn("send.manager@example.com", PASSWORD);
        ConsoleClient admin = ConsoleClient.signedIn("send.admin@example.com", PASSWORD);
        SignalOpsSystem.database().update("INSERT INTO store_send_limit (workspace_id, store_id, messages_per_minute) VALUES (" + demo + ", "
                + store + ", 120)");

        FacesForm.of(manager, "/segments.xhtml?storeId=" + store, "segment").set("segment:name", "Late orders restart")
                .set("segment:kind", "UNFULFILLED_PAID").set("segment:hours", "48").press("segment:save");
        long segment = Long.parseLong(db("SELECT id FROM segment WHERE store_id = " + store).get(0));
        FacesForm.of(manager, "/campaigns.xhtml?storeId=" + store, "campaign").set("campaign:segment", Long.toString(segment))
                .set("campaign:name", "Restart campaign").set("campaign:subject", "Your order is on its way")
                .set("campaign:body", "It ships this week.").press("campaign:save");
        long campaign = Long.parseLong(db("SELECT id FROM campaign WHERE store_id = " + store).get(0));
        FacesForm campaigns = FacesForm.of(manager, "/campaigns.xhtml?storeId=" + store, "campaigns");
        campaigns.press(campaigns.buttonInRow("Restart campaign", "request"));
        long request = Long.parseLong(db("SELECT id FROM approval_request WHERE subject_kind = 'CAMPAIGN' AND subject_id = " + campaign).get(0));
        assertEquals(List.of("20"), db("SELECT recipient_count FROM approval_request WHERE id = " + request));

        FacesForm.of(admin, "/approvals.xhtml?id=" + request, "decide").press("decide:approve");
        assertEquals(List.of("APPROVED"), db("SELECT status FROM approval_request WHERE id = " + request));
        // Shopify tells of the last recipient's unsubscribing after the approval: the send must skip them
        String withdrawn = db("SELECT customer_id FROM campaign_delivery WHERE campaign_id = " + campaign + " ORDER BY id DESC LIMIT 1").get(0);
        SignalOpsSystem.database().update("UPDATE commerce_customer SET marketing_state = 'UNSUBSCRIBED' WHERE store_id = " + store
                + " AND customer_id = " + withdrawn);

        awaitMessages(5, Duration.ofSeconds(60));
        SignalOpsSystem.server().kill();
        int beforeKill = received().size();
        assertTrue(beforeKill < 19, "killed in the middle of the send: " + beforeKill + " messages out");
        assertEquals(List.of("SENDING"), db("SELECT status FROM campaign WHERE id = " + campaign));
        SignalOpsSystem.server().start();
        SignalOpsSystem.awaitReady();

        awaitRows("SELECT status FROM campaign WHERE id = " + campaign, List.of("SENT"), Duration.ofSeconds(150));
        Thread.sleep(1500);
        Map<String, Integer> perRecipient = new TreeMap<>();
        received().forEach(to -> perRecipient.merge(to, 1, Integer::sum));
        TreeSet<String> consenting = new TreeSet<>();
        for (int i = 1; i <= CUSTOMERS; i++) {
            if (i % 6 != 0 && !Long.toString(7000 + i).equals(withdrawn)) {
                consenting.add(PREFIX + i + "@example.com");
            }
        }
        assertEquals(19, consenting.size());
        assertEquals(consenting, perRecipient.keySet(), "exactly the consenting recipients");
        assertTrue(perRecipient.values().stream().allMatch(n -> n == 1), "one message each: " + perRecipient);
        assertEquals(List.of("SENT 19", "SKIPPED_CONSENT 1"), db("SELECT CONCAT(status, ' ', COUNT(*)) FROM campaign_delivery WHERE campaign_id = "
                + campaign + " GROUP BY status ORDER BY status"));
        assertEquals(List.of("campaign.send SUCCESS"), db("SELECT CONCAT(action, ' ', outcome) FROM audit_record WHERE entity_type = 'campaign' "
                + "AND entity_id = '" + campaign + "' AND action = 'campaign.send'"));

        MimeMessage message = messageTo(PREFIX + "1@example.com");
        String header = message.getHeader("List-Unsubscribe", null);
        assertEquals("List-Unsubscribe=One-Click", message.getHeader("List-Unsubscribe-Post", null));
        URI link = URI.create(header.substring(1, header.length() - 1));
        assertEquals("https", link.getScheme());
        String path = link.getRawPath() + "?" + link.getRawQuery();
        assertTrue(((String) message.getContent()).contains(link.toString()), "the link is in the body too");

        HttpResponse<String> tampered = post(path.substring(0, path.length() - 2) + (path.endsWith("A") ? "BB" : "AA"));
        assertEquals(400, tampered.statusCode(), tampered.body());
        assertEquals(List.of("SUBSCRIBED"), db("SELECT marketing_state FROM commerce_customer WHERE store_id = " + store + " AND customer_id = 7001"));

        HttpResponse<String> page = Https.get(path);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form"), "a page that confirms with a POST");
        assertEquals(List.of("SUBSCRIBED"), db("SELECT marketing_state FROM commerce_customer WHERE store_id = " + store + " AND customer_id = 7001"),
                "opening the link changes nothing");
        HttpResponse<String> unsubscribed = post(path);
        assertEquals(200, unsubscribed.statusCode(), unsubscribed.body());
        assertEquals(List.of("UNSUBSCRIBED"), db("SELECT marketing_state FROM commerce_customer WHERE store_id = " + store + " AND customer_id = 7001"));
        assertEquals(List.of("1"), db("SELECT COUNT(*) FROM email_suppression WHERE store_id = " + store + " AND customer_id = 7001"));
        assertEquals(List.of("customer.unsubscribe SUCCESS"), db("SELECT CONCAT(action, ' ', outcome) FROM audit_record WHERE action = "
                + "'customer.unsubscribe' AND workspace_id = " + demo + " AND entity_id = '7001'"));
    }

    /** 24 customers (every sixth not subscribed), each with a paid order left unfulfilled since October, imported through the API. */
    private static void importCustomersWithLateOrders(long demo, long store) throws Exception {
        String token = ApiClient.token(ApiClient.createKey(demo, List.of("connections.manage", "jobs.view"), "WORKSPACE", null));
        StringBuilder customers = new StringBuilder();
        StringBuilder orders = new StringBuilder();
        for (int i = 1; i <= CUSTOMERS; i++) {
            customers.append("{\"id\":\"gid://shopify/Customer/").append(7000 + i).append("\",\"email\":\"").append(PREFIX).append(i)
                    .append("@example.com\",\"createdAt\":\"2026-01-02T08:00:00Z\",\"emailMarketingConsent\":{\"marketingState\":\"")
                    .append(i % 6 == 0 ? "NOT_SUBSCRIBED" : "SUBSCRIBED").append("\",\"marketingOptInLevel\":null,\"consentUpdatedAt\":null}}\n");
            orders.append("{\"id\":\"gid://shopify/Order/").append(8000 + i).append("\",\"name\":\"#").append(8000 + i)
                    .append("\",\"createdAt\":\"2026-10-01T12:00:00Z\",\"cancelledAt\":null,\"test\":false,\"customer\":{\"id\":\"gid://shopify/Customer/")
                    .append(7000 + i).append("\"},\"displayFinancialStatus\":\"PAID\",\"displayFulfillmentStatus\":\"UNFULFILLED\",\"currencyCode\":\"USD\","
                            + "\"subtotalPriceSet\":{\"shopMoney\":{\"amount\":\"20.00\",\"currencyCode\":\"USD\"}},"
                            + "\"totalPriceSet\":{\"shopMoney\":{\"amount\":\"20.00\",\"currencyCode\":\"USD\"}},"
                            + "\"totalDiscountsSet\":{\"shopMoney\":{\"amount\":\"0.00\",\"currencyCode\":\"USD\"}},"
                            + "\"totalShippingPriceSet\":{\"shopMoney\":{\"amount\":\"0.00\",\"currencyCode\":\"USD\"}},"
                            + "\"totalRefundedSet\":{\"shopMoney\":{\"amount\":\"0.00\",\"currencyCode\":\"USD\"}},\"discountCodes\":[],\"refunds\":[]}\n");
        }
        awaitCompleted(imported(store, "customers", customers.toString(), token));
        awaitCompleted(imported(store, "orders", orders.toString(), token));
    }

    private static long imported(long store, String resource, String body, String token) {
        HttpResponse<String> response = Https.send(HttpRequest.newBuilder(Https.uri("/api/v1/stores/" + store + "/imports?resource=" + resource))
                .version(HttpClient.Version.HTTP_1_1).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(202, response.statusCode(), response.body());
        return ApiClient.json(response).getJsonNumber("executionId").longValue();
    }

    private static HttpResponse<String> post(String path) {
        return Https.send(HttpRequest.newBuilder(Https.uri(path)).version(HttpClient.Version.HTTP_1_1).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .build());
    }

    /** The addresses of this test's messages GreenMail holds, one entry per message. */
    private static List<String> received() throws Exception {
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : SignalOpsSystem.mail().getReceivedMessages()) {
            for (Address to : message.getAllRecipients()) {
                if (to.toString().startsWith(PREFIX)) {
                    recipients.add(to.toString());
                }
            }
        }
        return recipients;
    }

    private static MimeMessage messageTo(String address) throws Exception {
        for (MimeMessage message : SignalOpsSystem.mail().getReceivedMessages()) {
            if (address.equals(message.getAllRecipients()[0].toString())) {
                return message;
            }
        }
        throw new AssertionError("no message to " + address);
    }

    private static void awaitMessages(int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received().size() < count) {
            assertFalse(System.nanoTime() > deadline, "fewer than " + count + " messages in " + timeout);
            Thread.sleep(50);
        }
    }

    private static void awaitCompleted(long executionId) throws Exception {
        awaitRows("SELECT BATCHSTATUS FROM WLPJOBEXECUTION WHERE JOBEXECID = " + executionId, List.of("5"), Duration.ofMinutes(2));
    }

    private static void awaitRows(String sql, List<String> expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!db(sql).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertEquals(expected, db(sql), sql);
    }

    private static List<String> db(String sql) throws java.sql.SQLException {
        return SignalOpsSystem.database().rows(sql);
    }
}
