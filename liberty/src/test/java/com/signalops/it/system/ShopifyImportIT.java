package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.integration.domain.WebhookSignature;
import com.signalops.it.support.ApiClient;
import com.signalops.it.support.ConsoleClient;
import com.signalops.it.support.FacesForm;
import com.signalops.it.support.Https;
import com.signalops.it.support.ShopifyFlow;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import com.signalops.it.support.TestTenants;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * The live import path against the running server and the fake Shopify: a store connected from
 * the console, "Import from Shopify" pressed, the store-import job running one bulk operation per
 * resource and importing the JSONL files the fake serves (the import format's test files of the
 * EJB module), with the counts and values those files give; then a webhook updating an imported order.
 */
@ExtendWith(SignalOpsSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopifyImportIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "Import-password-1";
    private static final Path BULK_FILES = Path.of("..", "ejb-module", "src", "test", "resources", "shopify", "bulk").toAbsolutePath()
            .normalize();
    private static final Duration IMPORTED_WITHIN = Duration.ofSeconds(120);

    private static ConsoleClient admin;
    private static String shop;
    private static long store;

    @BeforeAll
    static void aConnectedStoreWhoseShopServesTheTestFiles() throws SQLException {
        long workspace = ApiClient.demoWorkspaceId();
        TestAccounts.create("import-" + RUN + "@example.com", "Import Admin", PASSWORD, "admin");
        admin = ConsoleClient.signedIn("import-" + RUN + "@example.com", PASSWORD);
        shop = "import-" + RUN + ".myshopify.com";
        store = TestTenants.store(workspace, null, "I-" + RUN.toUpperCase(), shop);
        for (String resource : List.of("products", "customers", "orders")) {
            SignalOpsSystem.shopify().serveBulkResult(shop, resource, BULK_FILES.resolve(resource + ".jsonl"));
        }
        assertEquals("shopify=connected", ShopifyFlow.location(ShopifyFlow.connect(admin, shop)).getQuery());
    }

    @Test
    @Order(1)
    void importFromShopifyFetchesEveryResourceByABulkOperationAndImportsIt() throws Exception {
        FacesForm connections = FacesForm.of(admin, "/stores.xhtml", "connections");
        HttpResponse<String> pressed = connections.press(connections.buttonInRow(shop, "import"));
        assertEquals(200, pressed.statusCode());
        assertTrue(pressed.body().contains("Import from Shopify started"), "the page says so");

        List<String> imported = await("SELECT CONCAT_WS('|', source, status, products, variants, customers, orders, line_items, refunds, "
                + "skipped_lines) FROM store_import WHERE store_id = ? AND status IN ('COMPLETED', 'FAILED')");
        assertEquals(List.of("SHOPIFY|COMPLETED|2|2|3|2|2|2|9"), imported);
        assertEquals(List.of("store-import.start|SUCCESS|USER"), rows("SELECT CONCAT_WS('|', a.action, a.outcome, a.actor_type) FROM "
                + "audit_record a JOIN store_import i ON a.entity_type = 'store_import' AND a.entity_id = CAST(i.id AS CHAR) "
                + "WHERE i.store_id = ?"));

        List<String> queries = SignalOpsSystem.shopify().bulkQueries();
        assertTrue(queries.stream().anyMatch(q -> q.contains("customers") && q.contains("emailMarketingConsent")), queries.toString());
        assertFalse(queries.stream().anyMatch(q -> q.contains("firstName") || q.contains("lastName") || q.contains("phone")
                || q.contains("address")), "no name, phone or address is asked for: " + queries);
    }

    @Test
    @Order(2)
    void theRowsHoldTheValuesOfTheFilesTheShopServed() throws Exception {
        assertEquals(List.of("2001|1001|TEE-S|26.0000|10|9.7500", "2003|1002|MUG|12.5000|0|null"), rows("SELECT CONCAT_WS('|', "
                + "variant_id, product_id, sku, price, inventory_quantity, COALESCE(unit_cost, 'null')) FROM commerce_variant "
                + "WHERE store_id = ? ORDER BY variant_id"));
        assertEquals(List.of("7001|FULFILLED|VIP,WELCOME10", "7002|UNFULFILLED|SAVE,save"), rows("SELECT CONCAT_WS('|', o.order_id, "
                + "COALESCE(o.fulfillment_status, 'null'), (SELECT GROUP_CONCAT(c.code ORDER BY c.code) FROM commerce_order_discount_code c "
                + "WHERE c.workspace_id = o.workspace_id AND c.store_id = o.store_id AND c.order_id = o.order_id)) FROM commerce_order o "
                + "WHERE o.store_id = ? ORDER BY o.order_id"));
        assertEquals(List.of("8001|3", "8002|1"), rows("SELECT CONCAT_WS('|', line_item_id, quantity) FROM commerce_line_item "
                + "WHERE store_id = ? ORDER BY line_item_id"));
        for (String value : rows("SELECT * FROM commerce_customer WHERE store_id = ?")) {
            assertFalse(value.contains("@"), "no customer email in clear");
        }
    }

    @Test
    @Order(3)
    void aWebhookThenUpdatesAnImportedOrder() throws Exception {
        byte[] body = ("{\"id\":7001,\"name\":\"#1001\",\"email\":\"ann@example.com\",\"created_at\":\"2026-10-01T12:00:00Z\","
                + "\"updated_at\":\"2026-10-05T08:00:00Z\",\"cancelled_at\":\"2026-10-05T08:00:00Z\",\"test\":false,\"currency\":\"USD\","
                + "\"financial_status\":\"refunded\",\"fulfillment_status\":null,\"subtotal_price_set\":" + money("45.00")
                + ",\"total_price_set\":" + money("50.99") + ",\"total_discounts_set\":" + money("5.00") + ",\"total_shipping_price_set\":"
                + money("5.99") + ",\"discount_codes\":[],\"refunds\":[],\"line_items\":[{\"id\":8001,\"sku\":\"TEE-S\",\"quantity\":3,"
                + "\"requires_shipping\":true,\"variant_id\":2001,\"price_set\":" + money("25.00") + ",\"discount_allocations\":[]}]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> delivered = Https.send(HttpRequest.newBuilder(Https.uri("/webhooks/shopify")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("X-Shopify-Topic", "orders/cancelled")
                .header("X-Shopify-Shop-Domain", shop).header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
                .header("X-Shopify-API-Version", "2025-10")
                .header("X-Shopify-Hmac-SHA256", WebhookSignature.sign(SignalOpsSystem.SHOPIFY_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertEquals(200, delivered.statusCode());

        assertEquals(List.of("REFUNDED|UNFULFILLED|2026-10-05 08:00:00.000|null"), await("SELECT CONCAT_WS('|', financial_status, "
                + "fulfillment_status, cancelled_at, COALESCE(import_id, 'null')) FROM commerce_order WHERE store_id = ? AND order_id = 7001 "
                + "AND financial_status = 'REFUNDED'"));
        assertEquals(List.of("7002|SAVE,save"), rows("SELECT CONCAT_WS('|', order_id, (SELECT GROUP_CONCAT(code ORDER BY code) FROM "
                + "commerce_order_discount_code c WHERE c.workspace_id = o.workspace_id AND c.store_id = o.store_id AND c.order_id = "
                + "o.order_id)) FROM commerce_order o WHERE store_id = ? AND order_id = 7002"), "the other imported order is untouched");
    }

    private static String money(String amount) {
        return "{\"shop_money\":{\"amount\":\"" + amount + "\",\"currency_code\":\"USD\"},\"presentment_money\":{\"amount\":\"" + amount
                + "\",\"currency_code\":\"USD\"}}";
    }

    /** The rows of {@code sql} (the store's id its one parameter) once there are any. */
    private static List<String> await(String sql) throws Exception {
        long deadline = System.nanoTime() + IMPORTED_WITHIN.toNanos();
        while (true) {
            List<String> rows = rows(sql);
            if (!rows.isEmpty()) {
                return rows;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing within " + IMPORTED_WITHIN + " for " + sql + "; imports: "
                        + rows("SELECT CONCAT_WS('|', status, failure) FROM store_import WHERE store_id = ?"));
            }
            Thread.sleep(500);
        }
    }

    private static List<String> rows(String sql) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, store);
            List<String> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                int columns = row.getMetaData().getColumnCount();
                while (row.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        Object value = row.getObject(i);
                        // binary columns (sealed emails, hashes) as hex: their random bytes say nothing, and may hold an '@'
                        values.add(value instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : String.valueOf(value));
                    }
                    rows.add(String.join("|", values));
                }
            }
            return rows;
        }
    }
}
