package com.signalops.it.system;

import static com.signalops.it.support.ShopifyWebhooks.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.ConsoleClient;
import com.signalops.it.support.Https;
import com.signalops.it.support.ShopifyFlow;
import com.signalops.it.support.ShopifyWebhooks;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import com.signalops.it.support.TestTenants;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks of a store connected from the console (ShopifyFlow against the fake Shopify) processed
 * by the running server: the connect subscribes the shop's webhooks to the console; an orders/create delivery becomes the store's order with its line item,
 * the customer's email kept only as a keyed hash and written to no log; app/uninstalled
 * disconnects the store, destroys its token and opens the deletion of its data, due 48 hours on,
 * which the data-deletion job carries out to its receipt.
 */
@ExtendWith(SignalOpsSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopifyWebhookProcessingIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "Processing-password-1";
    /** The customer email of this run's payloads: it must turn up in no table column and no log line. */
    private static final String EMAIL = "processing-it-" + RUN + "@customer.example";
    private static final long ORDER = 820982911946154508L;
    private static final Duration PROCESSED_WITHIN = Duration.ofSeconds(30);

    private static ConsoleClient admin;
    private static String shop;
    private static long store;

    @BeforeAll
    static void aStoreConnectedFromTheConsole() throws SQLException {
        long workspace = ApiClient.demoWorkspaceId();
        TestAccounts.create("processing-" + RUN + "@example.com", "Processing Admin", PASSWORD, "admin");
        admin = ConsoleClient.signedIn("processing-" + RUN + "@example.com", PASSWORD);
        shop = "processing-" + RUN + ".myshopify.com";
        store = TestTenants.store(workspace, null, "P-" + RUN.toUpperCase(), shop);
        HttpResponse<String> connected = ShopifyFlow.connect(admin, shop);
        assertEquals("shopify=connected", ShopifyFlow.location(connected).getQuery());
    }

    @Test
    @Order(0)
    void theConnectSubscribedTheShopsWebhooksToTheConsole() throws Exception {
        await("SELECT webhooks_subscribed_at FROM store_connection WHERE store_id = ? AND webhooks_subscribed_at IS NOT NULL");
        List<String> subscribed = SignalOpsSystem.shopify().webhookSubscriptions().stream().filter(s -> s.shop().equals(shop))
                .map(s -> s.topic() + " " + s.uri()).sorted().toList();
        String console = Https.uri("/webhooks/shopify").toString();
        assertEquals(java.util.stream.Stream.of("APP_UNINSTALLED", "INVENTORY_LEVELS_UPDATE", "ORDERS_CANCELLED", "ORDERS_CREATE",
                "ORDERS_UPDATED", "PRODUCTS_DELETE", "PRODUCTS_UPDATE", "REFUNDS_CREATE").map(topic -> topic + " " + console).toList(),
                subscribed);
        assertEquals(List.of("null"), rows("SELECT webhook_subscription_error FROM store_connection WHERE store_id = ?"));
    }

    @Test
    @Order(0)
    void aRefusedSubscriptionLeavesTheStoreConnectedWithTheReasonAndNoTokenInTheLog() throws Exception {
        String refused = "refused-" + RUN + ".myshopify.com";
        long refusedStore = TestTenants.store(ApiClient.demoWorkspaceId(), null, "R-" + RUN.toUpperCase(), refused);
        SignalOpsSystem.shopify().refuseWebhookSubscriptionsOf(refused);
        try {
            assertEquals("shopify=connected", ShopifyFlow.location(ShopifyFlow.connect(admin, refused)).getQuery());
            long deadline = System.nanoTime() + PROCESSED_WITHIN.toNanos();
            List<String> outcome = List.of();
            while (System.nanoTime() < deadline && outcome.isEmpty()) {
                outcome = rowsOf(refusedStore, "SELECT CONCAT_WS('|', status, COALESCE(webhooks_subscribed_at, 'none'), "
                        + "webhook_subscription_error) FROM store_connection WHERE store_id = ? AND webhook_subscription_error IS NOT NULL");
                Thread.sleep(250);
            }
            assertEquals(List.of("CONNECTED|none|webhookSubscriptionCreate ORDERS_CREATE refused: Address cannot be a Shopify or an "
                    + "internal domain"), outcome);
        } finally {
            SignalOpsSystem.shopify().refuseWebhookSubscriptionsOf(null);
        }
        String log = SignalOpsSystem.server().messages();
        assertTrue(log.contains("not subscribed, the store stays connected"), "the failure is logged");
        for (String token : SignalOpsSystem.shopify().issuedTokens()) {
            assertFalse(log.contains(token), "the log holds an access token");
        }
    }

    @Test
    @Order(1)
    void anOrderCreatedShowsUpInTheStoresOrdersWithItsEmailOnlyHashed() throws Exception {
        assertEquals(200, deliver("orders/create", order("2026-01-10T11:00:00-05:00", "paid")).statusCode());

        List<String> order = await("SELECT CONCAT_WS('|', name, financial_status, fulfillment_status, currency, total_price, "
                + "LENGTH(email_hash), customer_id, source_updated_at) FROM commerce_order WHERE store_id = ? AND order_id = " + ORDER);
        assertEquals(List.of("#1001|PAID|UNFULFILLED|EUR|10.0000|32|115310627314723954|2026-01-10 16:00:00.000"), order);
        assertEquals(List.of("466157049|IPOD2008GREEN|2|10.0000|9.5000"), rows("SELECT CONCAT_WS('|', line_item_id, sku, quantity, "
                + "original_unit_price, discounted_unit_price) FROM commerce_line_item WHERE store_id = ?"));
    }

    @Test
    @Order(2)
    void anOlderUpdateDeliveredLateChangesNothing() throws Exception {
        assertEquals(200, deliver("orders/updated", order("2026-01-10T12:00:00-05:00", "partially_refunded")).statusCode());
        await("SELECT financial_status FROM commerce_order WHERE store_id = ? AND financial_status = 'PARTIALLY_REFUNDED'");
        String late = UUID.randomUUID().toString();
        assertEquals(200, deliver(late, "orders/updated", order("2026-01-10T11:30:00-05:00", "paid")).statusCode());
        await("SELECT status FROM webhook_inbox WHERE store_id = ? AND status = 'PROCESSED' AND webhook_id = '" + late + "'");
        assertEquals(List.of("PARTIALLY_REFUNDED"), rows("SELECT financial_status FROM commerce_order WHERE store_id = ?"));
    }

    @Test
    @Order(3)
    void appUninstalledDisconnectsTheStoreAndDeletesAllOfItsDataWithin48HoursEndingInAReceipt() throws Exception {
        assertEquals(200, deliver("app/uninstalled", ("{\"id\":548380009,\"name\":\"Super Toys\",\"myshopify_domain\":\"" + shop + "\"}")
                .getBytes(StandardCharsets.UTF_8)).statusCode());

        // the data-deletion job (every minute in the tests) deletes the store's data, the store last, and writes the receipt
        List<String> receipt = awaitWithin(Duration.ofSeconds(150), "SELECT CONCAT_WS('|', r.kind, r.origin, "
                + "TIMESTAMPDIFF(HOUR, r.received_at, r.due_at), r.completed_at <= r.due_at, JSON_VALUE(r.rows_removed, '$.commerce_order'), "
                + "JSON_VALUE(r.rows_removed, '$.commerce_line_item'), JSON_VALUE(r.rows_removed, '$.store_connection'), "
                + "JSON_VALUE(r.rows_removed, '$.store')) FROM deletion_receipt r WHERE r.store_id = ?");
        assertEquals(List.of("SHOP|APP_UNINSTALLED|48|1|1|1|1|1"), receipt);
        assertEquals(List.of(), rows("SELECT id FROM store WHERE id = ?"), "the store itself is gone");
        assertEquals(List.of(), rows("SELECT id FROM store_connection WHERE store_id = ?"), "and its connection with it");
        assertEquals(List.of("store.disconnect|SUCCESS|SHOPIFY|" + shop + "|WEBHOOK"), rowsOf(0, "SELECT CONCAT_WS('|', action, outcome, "
                + "actor_type, actor_id, source) FROM audit_record WHERE action = 'store.disconnect' AND actor_id = '" + shop + "' AND ? = 0"));
        assertEquals(List.of("deletion-request.open|SHOPIFY|WEBHOOK", "deletion-request.complete|SYSTEM|BATCH"), rows("SELECT CONCAT_WS('|', "
                + "a.action, a.actor_type, a.source) FROM audit_record a JOIN deletion_receipt r ON a.entity_id = CAST(r.request_id AS CHAR) "
                + "AND a.action LIKE 'deletion-request.%' WHERE r.store_id = ? ORDER BY a.id"));
    }

    @Test
    @Order(4)
    void theCustomerEmailReachesNoCommerceColumnAndNoLog() throws Exception {
        for (String table : List.of("commerce_order", "commerce_line_item", "commerce_refund", "commerce_customer")) {
            for (String value : rows("SELECT * FROM " + table + " WHERE store_id = ?")) {
                assertFalse(value.contains(EMAIL) || value.contains("processing-it-"), table + " holds the email in clear");
            }
        }
        String log = SignalOpsSystem.server().messages();
        assertFalse(log.isEmpty(), "the server log is captured");
        assertFalse(log.contains(EMAIL), "the log holds the customer's email");
    }

    /** A REST orders/create payload as Shopify sends it, shortened to the fields SignalOps reads and a few it must not keep. */
    private static byte[] order(String updatedAt, String financialStatus) {
        return ("{\"id\":" + ORDER + ",\"name\":\"#1001\",\"email\":\"" + EMAIL + "\",\"created_at\":\"2026-01-10T11:00:00-05:00\","
                + "\"updated_at\":\"" + updatedAt + "\",\"cancelled_at\":null,\"test\":false,\"currency\":\"EUR\","
                + "\"financial_status\":\"" + financialStatus + "\",\"fulfillment_status\":null,"
                + "\"subtotal_price_set\":" + money("10.00") + ",\"total_price_set\":" + money("10.00") + ",\"total_discounts_set\":"
                + money("1.00") + ",\"total_shipping_price_set\":" + money("0.00") + ",\"discount_codes\":[{\"code\":\"WELCOME\","
                + "\"amount\":\"1.00\",\"type\":\"fixed_amount\"}],\"line_items\":[{\"id\":466157049,\"sku\":\"IPOD2008GREEN\","
                + "\"quantity\":2,\"requires_shipping\":true,\"variant_id\":39072856,\"price\":\"10.00\",\"price_set\":" + money("10.00")
                + ",\"discount_allocations\":[{\"amount\":\"1.00\",\"amount_set\":" + money("1.00") + "}]}],\"refunds\":[],"
                + "\"customer\":{\"id\":115310627314723954,\"email\":\"" + EMAIL + "\",\"first_name\":\"Ann\",\"last_name\":\"Lee\"},"
                + "\"billing_address\":{\"name\":\"Ann Lee\",\"address1\":\"1 Main Street\",\"phone\":\"555-0100\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> deliver(String topic, byte[] body) {
        return deliver(UUID.randomUUID().toString(), topic, body);
    }

    private static HttpResponse<String> deliver(String webhookId, String topic, byte[] body) {
        return ShopifyWebhooks.deliver(shop, webhookId, topic, body);
    }

    /** The rows of {@code sql} (the store's id its one parameter) once there are any, polling until the processor has run. */
    private static List<String> await(String sql) throws Exception {
        return awaitWithin(PROCESSED_WITHIN, sql);
    }

    private static List<String> awaitWithin(Duration within, String sql) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<String> rows = rows(sql);
            if (!rows.isEmpty()) {
                return rows;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing within " + within + " for " + sql + "; inbox: "
                        + rows("SELECT CONCAT_WS('|', topic, status, last_error) FROM webhook_inbox WHERE store_id = ?"));
            }
            Thread.sleep(250);
        }
    }

    /** Each row of {@code sql} (the store's id its one parameter), its columns joined by {@code |}. */
    private static List<String> rows(String sql) throws SQLException {
        return rowsOf(store, sql);
    }

    private static List<String> rowsOf(long storeId, String sql) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, storeId);
            List<String> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                int columns = row.getMetaData().getColumnCount();
                while (row.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        values.add(String.valueOf(row.getObject(i) instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
                                : row.getObject(i)));
                    }
                    rows.add(String.join("|", values));
                }
            }
            return rows;
        }
    }
}
