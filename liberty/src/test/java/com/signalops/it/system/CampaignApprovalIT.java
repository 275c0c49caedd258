package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.ConsoleClient;
import com.signalops.it.support.FacesForm;
import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import com.signalops.it.support.TestTenants;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The issue's "done when", through the console against the running server: a store imported with five buyers of a
 * variant (three of them SUBSCRIBED to marketing) and analysed into a refund-heavy-variant finding; a manager proposes a
 * campaign from the finding and asks for its approval; the manager's own approval is refused (and recorded); an admin
 * approves it from the inbox, which freezes exactly the three consenting recipients; GreenMail receives exactly their
 * messages; a rejected and a withdrawn campaign get no delivery and no mail; and every step is in the audit trail.
 */
@ExtendWith(SignalOpsSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignApprovalIT {

    private static final String PASSWORD = "Campaign-approval-password-1";
    private static final List<String> CONSENTING = List.of("campaign.it.1@example.com", "campaign.it.2@example.com",
            "campaign.it.4@example.com");

    private static long store;
    private static long finding;
    private static ConsoleClient manager;
    private static ConsoleClient admin;
    private static long campaign;
    private static long request;
    private static long rejectedCampaign;
    private static long withdrawnCampaign;

    @BeforeAll
    static void storeWithAFinding() throws Exception {
        long demo = ApiClient.demoWorkspaceId();
        store = TestTenants.store(demo, null, "CAMPAIGN-IT", "campaign-it.myshopify.com");
        String token = ApiClient.token(ApiClient.createKey(demo, List.of("connections.manage", "jobs.view", "leaks.run"), "WORKSPACE", null));
        StringBuilder customers = new StringBuilder();
        StringBuilder orders = new StringBuilder();
        String[] consent = {"SUBSCRIBED", "SUBSCRIBED", "NOT_SUBSCRIBED", "SUBSCRIBED", "UNSUBSCRIBED"};
        for (int i = 1; i <= 5; i++) {
            customers.append("{\"id\":\"gid://shopify/Customer/610").append(i).append("\",\"email\":\"campaign.it.").append(i)
                    .append("@example.com\",\"firstName\":\"Buyer").append(i).append("\",\"createdAt\":\"2026-01-02T08:00:00Z\","
                            + "\"emailMarketingConsent\":{\"marketingState\":\"").append(consent[i - 1]).append("\",\"marketingOptInLevel\":null,"
                            + "\"consentUpdatedAt\":\"2026-01-02T08:00:00Z\"}}\n");
            String refund = i != 1 ? "[]" : "[{\"id\":\"gid://shopify/Refund/9601\",\"createdAt\":\"2026-10-03T09:00:00Z\","
                    + "\"totalRefundedSet\":{\"shopMoney\":{\"amount\":\"50.00\",\"currencyCode\":\"USD\"}},\"refundLineItems\":{\"nodes\":"
                    + "[{\"quantity\":2,\"lineItem\":{\"id\":\"gid://shopify/LineItem/8601\"}}]}}]";
            orders.append("{\"id\":\"gid://shopify/Order/760").append(i).append("\",\"name\":\"#260").append(i)
                    .append("\",\"createdAt\":\"2026-10-01T12:00:00Z\",\"cancelledAt\":null,\"test\":false,\"email\":\"campaign.it.").append(i)
                    .append("@example.com\",\"customer\":{\"id\":\"gid://shopify/Customer/610").append(i).append("\"},"
                            + "\"displayFinancialStatus\":\"PAID\",\"displayFulfillmentStatus\":\"FULFILLED\",\"currencyCode\":\"USD\","
                            + "\"subtotalPriceSet\":{\"shopMoney\":{\"amount\":\"50.00\",\"currencyCode\":\"USD\"}},"
                            + "\"totalPriceSet\":{\"shopMoney\":{\"amount\":\"50.00\",\"currencyCode\":\"USD\"}},"
                            + "\"totalDiscountsSet\":{\"shopMoney\":{\"amount\":\"0.00\",\"currencyCode\":\"USD\"}},"
                            + "\"totalShippingPriceSet\":{\"shopMoney\":{\"amount\":\"0.00\",\"currencyCode\":\"USD\"}},"
                            + "\"totalRefundedSet\":{\"shopMoney\":{\"amount\":\"").append(i == 1 ? "50.00" : "0.00")
                    .append("\",\"currencyCode\":\"USD\"}},\"discountCodes\":[],\"refunds\":").append(refund).append("}\n");
            orders.append("{\"id\":\"gid://shopify/LineItem/860").append(i).append("\",\"sku\":\"TEE-C\",\"quantity\":2,"
                    + "\"requiresShipping\":true,\"variant\":{\"id\":\"gid://shopify/ProductVariant/2601\"},"
                    + "\"originalUnitPriceSet\":{\"shopMoney\":{\"amount\":\"25.00\",\"currencyCode\":\"USD\"}},"
                    + "\"discountedUnitPriceSet\":{\"shopMoney\":{\"amount\":\"25.00\",\"currencyCode\":\"USD\"}},"
                    + "\"__parentId\":\"gid://shopify/Order/760").append(i).append("\"}\n");
        }
        awaitCompleted(started("/api/v1/stores/" + store + "/imports?resource=customers", "application/x-ndjson", customers.toString(), token));
        awaitCompleted(started("/api/v1/stores/" + store + "/imports?resource=orders", "application/x-ndjson", orders.toString(), token));
        // ten units of variant 2601 sold, two refunded: a fifth, the default refund rate
        awaitCompleted(started("/api/v1/stores/" + store + "/leak-analyses", "application/json", "{\"asOf\": \"2026-10-20T00:00:00Z\"}", token));
        finding = Long.parseLong(db("SELECT id FROM leak_finding WHERE store_id = " + store + " AND rule_code = 'REFUND_HEAVY_VARIANT' "
                + "AND subject = 'variant:2601'").get(0));
        TestAccounts.create("campaign.manager@example.com", "Campaign Manager", PASSWORD, "manager");
        TestAccounts.create("campaign.admin@example.com", "Campaign Admin", PASSWORD, "admin");
        manager = ConsoleClient.signedIn("campaign.manager@example.com", PASSWORD);
        admin = ConsoleClient.signedIn("campaign.admin@example.com", PASSWORD);
    }

    @Test
    @Order(1)
    void aManagerProposesACampaignFromTheFindingAndCannotApproveIt() throws Exception {
        HttpResponse<String> proposed = FacesForm.of(manager, "/leaks.xhtml?storeId=" + store + "&id=" + finding, "propose")
                .press("propose:propose-campaign");
        assertEquals(302, proposed.statusCode(), "sent on to the drafted campaign");
        campaign = Long.parseLong(db("SELECT id FROM campaign WHERE store_id = " + store + " AND finding_id = " + finding).get(0));
        String location = proposed.headers().firstValue("Location").orElse("");
        assertTrue(location.contains("/campaigns.xhtml?") && location.contains("id=" + campaign) && location.contains("storeId=" + store),
                location);
        assertEquals(List.of("segment.create", "campaign.create"), actionsOf(proposed));
        String name = db("SELECT name FROM campaign WHERE id = " + campaign).get(0);

        FacesForm campaigns = FacesForm.of(manager, "/campaigns.xhtml?storeId=" + store + "&id=" + campaign, "campaigns");
        HttpResponse<String> requested = campaigns.press(campaigns.buttonInRow(name, "request"));
        assertEquals(List.of("approval.request"), actionsOf(requested));
        request = Long.parseLong(db("SELECT id FROM approval_request WHERE subject_kind = 'CAMPAIGN' AND subject_id = " + campaign).get(0));
        assertEquals(List.of("PENDING 3 1"), db("SELECT CONCAT_WS(' ', status, recipient_count, approvals_required) FROM approval_request "
                + "WHERE id = " + request), "the three consenting buyers, one approver");

        assertFalse(inbox(manager).contains(request), "not in their own inbox");
        HttpResponse<String> selfApproval = FacesForm.of(manager, "/approvals.xhtml?id=" + request, "decide").press("decide:approve");
        assertEquals(200, selfApproval.statusCode());
        assertTrue(selfApproval.body().contains("someone else must decide"), "the refusal is shown");
        assertEquals(List.of("approval.approve DENIED"), db("SELECT CONCAT(action, ' ', outcome) FROM audit_record WHERE request_id = '"
                + requestId(selfApproval) + "'"));
        assertEquals(List.of("PENDING"), db("SELECT status FROM approval_request WHERE id = " + request));
    }

    @Test
    @Order(2)
    void anAdminReviewsAndApprovesItFromTheInboxWhichFreezesTheConsentingRecipients() throws Exception {
        assertTrue(inbox(admin).contains(request), "in the admin's inbox");
        HttpResponse<String> review = admin.get("/approvals.xhtml?id=" + request);
        String subject = db("SELECT subject FROM campaign WHERE id = " + campaign).get(0);
        assertTrue(review.body().contains(subject.replace("'", "&#39;")) || review.body().contains(subject), "the rendered subject");
        assertTrue(review.body().contains("Unsubscribe"), "the body as it will read, with its unsubscribe line");
        for (int i = 1; i <= 5; i++) {
            assertFalse(review.body().contains("campaign.it." + i + "@example.com"), "no address in clear");
        }
        List<String> sample = org.jsoup.Jsoup.parse(review.body()).select("#sample li").eachText();
        assertEquals(3, sample.size(), "a sample of the consenting recipients: " + sample);
        assertTrue(sample.stream().allMatch(masked -> masked.startsWith("ca") && masked.contains("@")), "masked: " + sample);

        HttpResponse<String> approved = FacesForm.of(admin, "/approvals.xhtml?id=" + request, "decide").press("decide:approve");
        assertEquals(List.of("approval.approve"), actionsOf(approved));
        assertEquals(List.of("APPROVED"), db("SELECT status FROM approval_request WHERE id = " + request));
        assertEquals(new TreeSet<>(List.of("6101", "6102", "6104")), new TreeSet<>(db("SELECT CONCAT(customer_id, '') FROM campaign_delivery "
                + "WHERE campaign_id = " + campaign)), "one delivery per consenting recipient");
    }

    @Test
    @Order(3)
    void aRejectedAndAWithdrawnCampaignGetNoDelivery() throws Exception {
        long segment = Long.parseLong(db("SELECT segment_id FROM campaign WHERE id = " + campaign).get(0));
        rejectedCampaign = created(segment, "Rejected campaign IT");
        withdrawnCampaign = created(segment, "Withdrawn campaign IT");
        for (String name : List.of("Rejected campaign IT", "Withdrawn campaign IT")) {
            FacesForm campaigns = FacesForm.of(manager, "/campaigns.xhtml?storeId=" + store, "campaigns");
            assertEquals(List.of("approval.request"), actionsOf(campaigns.press(campaigns.buttonInRow(name, "request"))));
        }
        long rejected = Long.parseLong(db("SELECT id FROM approval_request WHERE subject_id = " + rejectedCampaign).get(0));
        FacesForm refusing = FacesForm.of(admin, "/approvals.xhtml?id=" + rejected, "decide");
        assertTrue(refusing.press("decide:reject").body().contains("Give a reason"), "a reason is required");
        assertEquals(List.of("approval.reject"), actionsOf(FacesForm.of(admin, "/approvals.xhtml?id=" + rejected, "decide")
                .set("decide:reason", "Wrong tone").press("decide:reject")));
        FacesForm mine = FacesForm.of(manager, "/approvals.xhtml", "mine");
        assertEquals(List.of("approval.withdraw"), actionsOf(mine.press(mine.buttonInRow("CAMPAIGN " + withdrawnCampaign, "withdraw"))));

        assertEquals(List.of("REJECTED Wrong tone", "WITHDRAWN"), db("SELECT CONCAT_WS(' ', status, reason) FROM approval_request WHERE "
                + "subject_id IN (" + rejectedCampaign + ", " + withdrawnCampaign + ") AND subject_kind = 'CAMPAIGN' ORDER BY subject_id"));
        assertEquals(List.of("0"), db("SELECT COUNT(*) FROM campaign_delivery WHERE campaign_id IN (" + rejectedCampaign + ", "
                + withdrawnCampaign + ")"));
    }

    @Test
    @Order(4)
    void greenMailReceivesExactlyTheConsentingRecipientsMessagesAndEveryStepIsAudited() throws Exception {
        assumeTrue(Files.exists(Path.of(System.getProperty("signalops.batch-jobs.dir"), "campaign-send.xml")),
                "the campaign-send job is not deployed in this build");
        List<String> recipients = awaitRecipients(3, Duration.ofSeconds(90));
        assertEquals(new TreeSet<>(CONSENTING), new TreeSet<>(recipients), "exactly the consenting recipients, once each");
        for (Message message : SignalOpsSystem.mail().getReceivedMessages()) {
            String subject = message.getSubject();
            assertFalse("Rejected campaign IT".equals(subject) || "Withdrawn campaign IT".equals(subject), "no mail of " + subject);
        }
        awaitRows("SELECT status FROM campaign WHERE id = " + campaign, List.of("SENT"), Duration.ofSeconds(30));
        assertEquals(List.of("approval.approve DENIED", "approval.approve SUCCESS", "approval.request SUCCESS"),
                db("SELECT CONCAT(action, ' ', outcome) FROM audit_record WHERE entity_type = 'approval_request' AND entity_id = '"
                        + request + "' ORDER BY action, outcome"));
        assertEquals(List.of("campaign.create SUCCESS", "campaign.send SUCCESS"), db("SELECT CONCAT(action, ' ', outcome) FROM "
                + "audit_record WHERE entity_type = 'campaign' AND entity_id = '" + campaign + "' ORDER BY id"));
    }

    /** The ids of the requests in {@code console}'s inbox, from the links of its inbox table. */
    private static List<Long> inbox(ConsoleClient console) {
        return org.jsoup.Jsoup.parse(console.get("/approvals.xhtml").body()).select("[id=inbox] a[href]").eachAttr("href").stream()
                .map(href -> Long.parseLong(href.replaceFirst(".*[?&]id=(\\d+).*", "$1"))).toList();
    }

    /** A campaign the manager writes on the campaigns page to {@code segment}; answers its id. */
    private static long created(long segment, String name) throws Exception {
        HttpResponse<String> saved = FacesForm.of(manager, "/campaigns.xhtml?storeId=" + store, "campaign")
                .set("campaign:segment", Long.toString(segment)).set("campaign:name", name).set("campaign:subject", name)
                .set("campaign:body", "Sorry about your tee.").press("campaign:save");
        assertEquals(List.of("campaign.create"), actionsOf(saved));
        return Long.parseLong(db("SELECT id FROM campaign WHERE store_id = " + store + " AND name = '" + name + "'").get(0));
    }

    private static List<String> awaitRecipients(int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> recipients;
        do {
            recipients = new ArrayList<>();
            for (MimeMessage message : SignalOpsSystem.mail().getReceivedMessages()) {
                for (jakarta.mail.Address to : message.getAllRecipients()) {
                    if (to.toString().contains("campaign.it.")) {
                        recipients.add(to.toString());
                    }
                }
            }
            if (recipients.size() >= expected) {
                // a moment more: a duplicate or a stray message would show now
                Thread.sleep(2000);
                return awaitRecipientsNow();
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return recipients;
    }

    private static List<String> awaitRecipientsNow() throws Exception {
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : SignalOpsSystem.mail().getReceivedMessages()) {
            for (jakarta.mail.Address to : message.getAllRecipients()) {
                if (to.toString().contains("campaign.it.")) {
                    recipients.add(to.toString());
                }
            }
        }
        return recipients;
    }

    private static void awaitRows(String sql, List<String> expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!db(sql).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(expected, db(sql), sql);
    }

    /** Posts {@code body} to {@code path}, which starts a job; answers the execution id of its 202. */
    private static long started(String path, String contentType, String body, String token) {
        HttpResponse<String> response = Https.send(HttpRequest.newBuilder(Https.uri(path)).version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(202, response.statusCode(), response.body());
        return ApiClient.json(response).getJsonNumber("executionId").longValue();
    }

    /** Waits for job execution {@code executionId} to complete (batch status 5 in Liberty's job repository). */
    private static void awaitCompleted(long executionId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> status = db("SELECT BATCHSTATUS FROM WLPJOBEXECUTION WHERE JOBEXECID = " + executionId);
            if (status.equals(List.of("5"))) {
                return;
            }
            assertFalse(status.equals(List.of("4")), "execution " + executionId + " failed");
            Thread.sleep(250);
        }
        throw new AssertionError("execution " + executionId + " not completed in 2 minutes");
    }

    private static List<String> actionsOf(HttpResponse<String> response) throws Exception {
        return db("SELECT action FROM audit_record WHERE request_id = '" + requestId(response) + "' ORDER BY id");
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("X-Request-Id").orElseThrow(() -> new AssertionError("no X-Request-Id"));
    }

    private static List<String> db(String sql) throws java.sql.SQLException {
        return SignalOpsSystem.database().rows(sql);
    }
}
