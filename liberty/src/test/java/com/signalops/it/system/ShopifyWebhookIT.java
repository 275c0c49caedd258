package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.integration.domain.WebhookSignature;
import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestTenants;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shopify's webhooks against the running server: {@code POST /webhooks/shopify} signed with the
 * test server's secrets (SignalOpsSystem), checked for its answers, the inbox rows, the security
 * events, the privacy request a compliance topic becomes, and for what must never be written
 * down anywhere: the secrets and the customers' emails of the payloads.
 */
@ExtendWith(SignalOpsSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopifyWebhookIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** The customer email every payload of this test carries: it must turn up in no log and no audit record. */
    private static final String EMAIL = "webhook-it-" + RUN + "@customer.example";

    private static String shop;
    private static long workspaceId;
    private static long storeId;

    @BeforeAll
    static void aStoreWithAShopifyShop() throws SQLException {
        workspaceId = TestTenants.workspace("Webhook IT " + RUN);
        shop = "webhook-it-" + RUN + ".myshopify.com";
        storeId = TestTenants.store(workspaceId, null, "WH-" + RUN.toUpperCase(), shop);
    }

    @Test
    void acknowledgesAndStoresAValidDelivery() throws SQLException {
        String id = webhookId();
        byte[] body = order();
        HttpResponse<String> response = post(id, "orders/create", shop, body, WebhookSignature.sign(SignalOpsSystem.SHOPIFY_SECRET, body));
        assertEquals(200, response.statusCode(), response.body());
        Row row = inbox(id).get(0);
        assertEquals("orders/create", row.topic);
        assertEquals(workspaceId, row.workspaceId);
        assertEquals(storeId, row.storeId);
        assertEquals("2025-10", row.apiVersion);
        assertArrayEquals(body, row.body);
        // the store is not connected: the processor ignores the order (or has not come to it yet); the delivery is kept
        assertTrue(List.of("RECEIVED", "IGNORED").contains(row.status), row.status);
    }

    @Test
    void acknowledgesARepeatedDeliveryAndStoresItOnce() throws SQLException {
        String id = webhookId();
        byte[] body = order();
        String signature = WebhookSignature.sign(SignalOpsSystem.SHOPIFY_SECRET, body);
        assertEquals(200, post(id, "orders/updated", shop, body, signature).statusCode());
        assertEquals(200, post(id, "orders/updated", shop, body, signature).statusCode());
        assertEquals(1, inbox(id).size());
    }

    @Test
    void acceptsTheSignatureOfThePreviousSecretDuringARotation() throws SQLException {
        String id = webhookId();
        byte[] body = order();
        assertEquals(200, post(id, "orders/create", shop, body, WebhookSignature.sign(SignalOpsSystem.SHOPIFY_PREVIOUS_SECRET, body))
                .statusCode());
        assertEquals(1, inbox(id).size());
    }

    @Test
    void refusesATamperedBodyWith401AndASecurityEvent() throws SQLException {
        String id = webhookId();
        byte[] body = order();
        String signature = WebhookSignature.sign(SignalOpsSystem.SHOPIFY_SECRET, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"total_price\":\"10.00\"", "\"total_price\":\"0.01\"")
                .getBytes(StandardCharsets.UTF_8);
        int before = signatureEvents();
        HttpResponse<String> response = post(id, "orders/create", shop, tampered, signature);
        assertProblem(response, 401, "webhook.signature-invalid");
        assertEquals(0, inbox(id).size());
        assertEquals(before + 1, signatureEvents());
        String details = lastSignatureEventDetails();
        assertTrue(details.contains("does not match") && details.contains(shop), details);
        assertFalse(details.contains(signature) || details.contains(EMAIL) || details.contains("total_price"), details);
    }

    @Test
    void refusesASignatureUnderAnotherSecret() throws SQLException {
        String id = webhookId();
        byte[] body = order();
        assertProblem(post(id, "orders/create", shop, body, WebhookSignature.sign("shpss_not-ours", body)), 401, "webhook.signature-invalid");
        assertEquals(0, inbox(id).size());
    }

    @Test
    void refusesADeliveryWithoutSignatureWith401AndASecurityEvent() throws SQLException {
        String id = webhookId();
        int before = signatureEvents();
        assertProblem(post(id, "orders/create", shop, order(), null), 401, "webhook.signature-invalid");
        assertEquals(0, inbox(id).size());
        assertEquals(before + 1, signatureEvents());
        assertTrue(lastSignatureEventDetails().contains("no X-Shopify-Hmac-SHA256 header"), lastSignatureEventDetails());
    }

    @Test
    void refusesABodyOverOneMebibyteWith413() throws SQLException {
        byte[] body = oversized();
        String id = webhookId();
        // declared up front: refused before a byte is read
        assertProblem(post(id, "orders/create", shop, body, WebhookSignature.sign(SignalOpsSystem.SHOPIFY_SECRET, body)), 413,
                "webhook.body-too-large");
        // streamed without a length: refused at the first byte over the limit
        HttpRequest streamed = request(id, "orders/create", shop, WebhookSignature.sign(SignalOpsSystem.SHOPIFY_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        assertProblem(Https.send(streamed), 413, "webhook.body-too-large");
        assertEquals(0, inbox(id).size());
    }

    @Test
    void refusesMalformedJsonWith400() throws SQLException {
        String id = webhookId();
        byte[] body = ("{\"id\": 1, \"email\": \"" + EMAIL + "\", ").getBytes(StandardCharsets.UTF_8);
        assertProblem(post(id, "orders/create", shop, body, WebhookSignature.sign(SignalOpsSystem.SHOPIFY_SECRET, body)), 400,
                "webhook.malformed-json");
        assertEquals(0, inbox(id).size());
    }

    @Test
    void keepsADeliveryForAnUnknownShopAsIgnored() throws SQLException {
        String id = webhookId();
        byte[] body = order();
        String unknown = "unknown-" + RUN + ".myshopify.com";
        assertEquals(200, post(id, "products/update", unknown, body, WebhookSignature.sign(SignalOpsSystem.SHOPIFY_SECRET, body))
                .statusCode());
        Row row = inbox(id).get(0);
        assertEquals("IGNORED", row.status);
        assertNull(row.workspaceId);
    }

    @Test
    void servesPostOnly() {
        assertEquals(403, Https.get("/webhooks/shopify").statusCode());
    }

    @Test
    @Order(1)
    void turnsACustomerRedactionIntoAPrivacyRequestDueInThirtyDaysCarriedOutToItsReceipt() throws Exception {
        String id = webhookId();
        byte[] body = ("{\"shop_id\":954889,\"shop_domain\":\"" + shop + "\",\"customer\":{\"id\":191167,\"email\":\"" + EMAIL
                + "\",\"phone\":\"555-625-1199\"},\"orders_to_redact\":[299938,280263,220458]}").getBytes(StandardCharsets.UTF_8);
        assertEquals(200, post(id, "customers/redact", shop, body, WebhookSignature.sign(SignalOpsSystem.SHOPIFY_SECRET, body))
                .statusCode());
        // the data-deletion job (every minute in the tests) carries the redaction out: the request is completed, its ids cleared
        String completed = "SELECT workspace_id, store_id, kind, shopify_customer_id, shopify_order_ids, received_at, due_at, status, id "
                + "FROM privacy_request WHERE webhook_id = ? AND status = 'COMPLETED'";
        awaitRow(completed, id, Duration.ofSeconds(150));
        try (Connection connection = SignalOpsSystem.database().connect(); PreparedStatement query = connection.prepareStatement(completed)) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "a privacy request for " + id);
                assertEquals(workspaceId, row.getLong(1));
                assertEquals(storeId, row.getLong(2));
                assertEquals("CUSTOMER_REDACT", row.getString(3));
                assertNull(row.getObject(4), "the customer's id is cleared once the redaction is done");
                assertNull(row.getObject(5), "so are the order ids");
                // UTC wall times as stored: the deadline is 30 days of 24 hours after receipt
                LocalDateTime received = row.getObject(6, LocalDateTime.class);
                assertEquals(received.plusDays(30), row.getObject(7, LocalDateTime.class));
                long requestId = row.getLong(9);
                assertFalse(row.next());
                try (PreparedStatement audit = connection.prepareStatement("SELECT actor_type, source, outcome, after_json FROM audit_record "
                        + "WHERE action = 'privacy-request.receive' AND entity_id = ? AND workspace_id = ?")) {
                    audit.setString(1, Long.toString(requestId));
                    audit.setLong(2, workspaceId);
                    try (ResultSet record = audit.executeQuery()) {
                        assertTrue(record.next(), "the audit record of privacy request " + requestId);
                        assertEquals("SHOPIFY", record.getString(1));
                        assertEquals("WEBHOOK", record.getString(2));
                        assertEquals("SUCCESS", record.getString(3));
                        assertTrue(record.getString(4).contains("CUSTOMER_REDACT"), record.getString(4));
                    }
                }
                // the receipt: which webhook asked, by when, and what went; the delivery itself held the customer's email
                try (PreparedStatement receipt = connection.prepareStatement("SELECT r.kind, r.origin, r.rows_removed, r.completed_at <= r.due_at, "
                        + "(SELECT COUNT(*) FROM audit_record a WHERE a.action = 'deletion-request.complete' AND a.entity_id = CAST(d.id AS CHAR) "
                        + "AND a.workspace_id = d.workspace_id) FROM deletion_receipt r JOIN deletion_request d ON d.id = r.request_id "
                        + "WHERE d.requested_by = ?")) {
                    receipt.setString(1, id);
                    try (ResultSet record = receipt.executeQuery()) {
                        assertTrue(record.next(), "the receipt of the redaction");
                        assertEquals(List.of("CUSTOMER", "CUSTOMERS_REDACT", "{\"webhook_inbox\": 1}", "1", "1"), List.of(record.getString(1),
                                record.getString(2), record.getString(3), record.getString(4), record.getString(5)));
                    }
                }
            }
        }
        assertEquals(List.of(), inbox(id), "the delivery that named the customer is gone");
    }

    private static void awaitRow(String sql, String parameter, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = SignalOpsSystem.database().connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            while (true) {
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no row within " + timeout + " for " + sql);
                }
                Thread.sleep(250);
            }
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void writesNeitherSecretNorCustomerEmailToTheLogOrTheAuditTrail() throws SQLException {
        String log = SignalOpsSystem.server().messages();
        assertFalse(log.isEmpty(), "the server log is captured");
        assertTrue(log.contains("Shopify webhooks are verified against 2 API secret(s)"), "the receiver logged its start");
        for (String secret : List.of(SignalOpsSystem.SHOPIFY_SECRET, SignalOpsSystem.SHOPIFY_PREVIOUS_SECRET, EMAIL)) {
            assertFalse(log.contains(secret), "messages.log contains " + secret);
            try (Connection connection = SignalOpsSystem.database().connect()) {
                assertEquals(0, count(connection, "SELECT COUNT(*) FROM audit_record WHERE CONCAT_WS('|', actor_id, actor_name, entity_id, "
                        + "before_json, after_json, request_id) LIKE ?", secret));
                assertEquals(0, count(connection, "SELECT COUNT(*) FROM security_event WHERE details LIKE ?", secret));
                assertEquals(0, count(connection, "SELECT COUNT(*) FROM webhook_inbox WHERE last_error LIKE ?", secret));
                assertEquals(0, count(connection, "SELECT COUNT(*) FROM privacy_request WHERE CONCAT_WS('|', shopify_order_ids, webhook_id) "
                        + "LIKE ?", secret));
            }
        }
    }

    private static int count(Connection connection, String sql, String needle) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, "%" + needle + "%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"), response.headers().toString());
        assertTrue(response.body().contains("\"status\":" + status) && response.body().contains("\"code\":\"" + code + "\""), response.body());
    }

    private static String webhookId() {
        return UUID.randomUUID().toString();
    }

    /** An orders/create payload as Shopify sends it, shortened, with this run's customer email. */
    private static byte[] order() {
        return ("{\"id\":820982911946154508,\"email\":\"" + EMAIL + "\",\"created_at\":\"2026-01-10T11:00:00-05:00\","
                + "\"currency\":\"EUR\",\"total_price\":\"10.00\",\"line_items\":[{\"id\":466157049,\"sku\":\"IPOD2008GREEN\","
                + "\"quantity\":1,\"price\":\"10.00\"}],\"customer\":{\"id\":115310627314723954,\"email\":\"" + EMAIL + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A well-formed JSON object one byte over 1 MiB. */
    private static byte[] oversized() {
        byte[] body = new byte[1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        return body;
    }

    private static HttpResponse<String> post(String webhookId, String topic, String shopDomain, byte[] body, String signature) {
        return Https.send(request(webhookId, topic, shopDomain, signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static HttpRequest.Builder request(String webhookId, String topic, String shopDomain, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Https.uri("/webhooks/shopify")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", topic)
                .header("X-Shopify-Shop-Domain", shopDomain)
                .header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-API-Version", "2025-10")
                .header("X-Shopify-Triggered-At", "2026-01-10T16:00:00.123456Z");
        if (signature != null) {
            request.header("X-Shopify-Hmac-SHA256", signature);
        }
        return request;
    }

    /** An inbox row, as stored. */
    private record Row(String topic, Long workspaceId, Long storeId, String apiVersion, byte[] body, String status, LocalDateTime receivedAt) {
    }

    private static List<Row> inbox(String webhookId) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement query = connection.prepareStatement("SELECT topic, workspace_id, store_id, api_version, body, status, "
                        + "received_at FROM webhook_inbox WHERE webhook_id = ?")) {
            query.setString(1, webhookId);
            List<Row> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(new Row(row.getString(1), (Long) row.getObject(2, Long.class), (Long) row.getObject(3, Long.class),
                            row.getString(4), row.getBytes(5), row.getString(6), row.getObject(7, LocalDateTime.class)));
                }
            }
            return rows;
        }
    }

    private static Row awaitStatus(String webhookId, String status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Row> rows = inbox(webhookId);
            if (!rows.isEmpty() && rows.get(0).status.equals(status)) {
                return rows.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("delivery " + webhookId + " not " + status + " within " + timeout + ": " + rows);
            }
            Thread.sleep(250);
        }
    }

    private static int signatureEvents() throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect()) {
            return count(connection, "SELECT COUNT(*) FROM security_event WHERE type LIKE ? AND severity = 'MEDIUM'", "webhook.signature-invalid");
        }
    }

    private static String lastSignatureEventDetails() throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT details FROM security_event WHERE type = 'webhook.signature-invalid' ORDER BY id DESC LIMIT 1");
                ResultSet row = query.executeQuery()) {
            assertTrue(row.next());
            return row.getString(1);
        }
    }
}
