package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestTenants;
import com.signalops.testing.BulkStoreGenerator;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Store imports through the API against the running server: the contract's sample files uploaded
 * and reported (counts, skipped lines), the refusals, and an import whose server is killed in the
 * middle, restarted when the server is back, ending with exactly the rows of a clean import of the
 * same file; no email reaches the server's log.
 */
@ExtendWith(SignalOpsSystem.class)
class StoreImportIT {

    private static final List<String> ORDER_TABLES = List.of(
            "commerce_order:order_id, name, created_at, cancelled_at, test, HEX(email_hash), customer_id, financial_status, "
                    + "fulfillment_status, currency, subtotal_price, total_price, total_discounts, total_shipping, total_refunded",
            "commerce_order_discount_code:order_id, code",
            "commerce_refund:refund_id, order_id, created_at, total_refunded",
            "commerce_refund_line:refund_id, position, line_item_id, quantity",
            "commerce_line_item:line_item_id, order_id, sku, quantity, requires_shipping, variant_id, original_unit_price, "
                    + "discounted_unit_price");

    private static long demo;
    private static long sampleStore;
    private static long otherStore;
    private static String token;

    @BeforeAll
    static void storesAndKey() throws SQLException {
        demo = ApiClient.demoWorkspaceId();
        sampleStore = TestTenants.store(demo, null, "IMP-SAMPLE", "imp-sample.myshopify.com");
        otherStore = TestTenants.store(TestTenants.workspace("Import Elsewhere"), null, "IMP-OTHER", "imp-other.myshopify.com");
        token = ApiClient.token(ApiClient.createKey(demo, List.of("connections.manage", "jobs.view"), "WORKSPACE", null));
    }

    @Test
    void importsTheUploadedSampleFilesAndReportsCountsAndSkippedLines() throws Exception {
        JsonObject products = awaitCompleted(upload(sampleStore, "products", sample("products")));
        assertEquals("store-import", products.getString("job"));
        assertEquals("COMPLETED", products.getString("batchStatus"));
        JsonObject counts = products.getJsonObject("counts");
        assertEquals(2, counts.getInt("products"));
        assertEquals(2, counts.getInt("variants"));
        assertEquals(5, counts.getInt("skippedLines"));
        assertEquals(List.of("products:3:INVALID_JSON", "products:4:ORPHAN", "products:5:MISSING_ID", "products:6:UNKNOWN_GID_TYPE",
                "products:11:INVALID_JSON"), skipped(products));

        JsonObject customers = awaitCompleted(upload(sampleStore, "customers", sample("customers")));
        assertEquals(3, customers.getJsonObject("counts").getInt("customers"));
        assertEquals(List.of("customers:4:MISSING_ID"), skipped(customers));

        JsonObject orders = awaitCompleted(upload(sampleStore, "orders", sample("orders")));
        JsonObject orderCounts = orders.getJsonObject("counts");
        assertEquals(2, orderCounts.getInt("orders"));
        assertEquals(2, orderCounts.getInt("lineItems"));
        assertEquals(2, orderCounts.getInt("refunds"));
        assertEquals(List.of("orders:5:ORPHAN", "orders:6:INVALID_FIELD", "orders:7:ORPHAN"), skipped(orders));
        assertEquals(List.of("7001|FULFILLED|50.9900", "7002|UNFULFILLED|30.0000"), SignalOpsSystem.database().rows("SELECT CONCAT_WS('|', order_id, "
                + "fulfillment_status, total_price) FROM commerce_order WHERE store_id = " + sampleStore + " ORDER BY order_id"));
        assertEquals(List.of("5001|SUBSCRIBED"), SignalOpsSystem.database().rows("SELECT CONCAT_WS('|', customer_id, marketing_state) FROM commerce_customer "
                + "WHERE store_id = " + sampleStore + " AND email_ciphertext IS NOT NULL AND customer_id = 5001"));
        assertEquals(List.of("1"), SignalOpsSystem.database().rows("SELECT COUNT(*) FROM audit_record WHERE action = 'store-import.start' AND entity_id = '"
                + orders.getJsonNumber("importId").longValue() + "' AND actor_type = 'API_KEY' AND outcome = 'SUCCESS'"),
                "the request is audited");
    }

    @Test
    void refusesWhatItCannotImportWithAProblemAndImportsNothing() throws Exception {
        byte[] line = "{\"id\":\"gid://shopify/Product/1\"}\n".getBytes();
        HttpResponse<String> unknownResource = send(sampleStore, "refunds", line, token);
        assertEquals(400, unknownResource.statusCode(), unknownResource.body());
        assertEquals("application/problem+json", unknownResource.headers().firstValue("Content-Type").orElse(""));
        assertTrue(unknownResource.body().contains("import.resource-unknown"), unknownResource.body());
        assertEquals(400, send(sampleStore, "products", new byte[0], token).statusCode(), "an empty upload");
        assertEquals(404, send(otherStore, "products", line, token).statusCode(), "another workspace's store is unknown here");
        assertEquals(404, send(987654321L, "products", line, token).statusCode());
        assertEquals(401, send(sampleStore, "products", line, null).statusCode());
        String viewOnly = ApiClient.token(ApiClient.createKey(demo, List.of("jobs.view"), "WORKSPACE", null));
        assertEquals(403, send(sampleStore, "products", line, viewOnly).statusCode(), "importing needs connections.manage");
        assertEquals(404, ApiClient.get("/api/v1/jobs/987654321", token).statusCode());
        assertEquals(List.of("0"), SignalOpsSystem.database().rows("SELECT COUNT(*) FROM store_import WHERE store_id = " + otherStore));
    }

    @Test
    void anImportKilledWithItsServerIsRestartedAndEndsWithTheRowsOfACleanImport() throws Exception {
        Path generated = Files.createTempDirectory(Path.of("target"), "import-kill");
        new BulkStoreGenerator(60_000, 11).writeTo(generated);
        byte[] orders = Files.readAllBytes(generated.resolve("orders.jsonl"));
        long crashedStore = TestTenants.store(demo, null, "IMP-KILLED", "imp-killed.myshopify.com");
        long cleanStore = TestTenants.store(demo, null, "IMP-CLEAN", "imp-clean.myshopify.com");

        long started = System.nanoTime();
        JsonObject accepted = upload(crashedStore, "orders", orders);
        System.out.printf("uploaded %d bytes in %d ms%n", orders.length, (System.nanoTime() - started) / 1_000_000);
        long ordersAtKill = awaitOrders(crashedStore);
        SignalOpsSystem.server().kill();
        long afterKill = count(crashedStore);
        assertTrue(afterKill > 0 && afterKill < 60_000, "killed in the middle of the import: " + afterKill + " orders in");
        SignalOpsSystem.server().start();
        SignalOpsSystem.awaitReady();
        JsonObject crashed = awaitCompleted(accepted);

        JsonObject clean = awaitCompleted(upload(cleanStore, "orders", orders));
        assertEquals(clean.getJsonObject("counts"), crashed.getJsonObject("counts"), "the same counts (queried by the first execution id)");
        assertEquals(60_000, clean.getJsonObject("counts").getInt("orders"));
        for (String table : ORDER_TABLES) {
            String name = table.substring(0, table.indexOf(':'));
            String columns = table.substring(table.indexOf(':') + 1);
            List<String> expected = snapshot(name, columns, cleanStore);
            assertTrue(!expected.isEmpty(), name);
            assertTrue(expected.equals(snapshot(name, columns, crashedStore)), name + " after the restart differs from the clean import");
        }
        assertTrue(ordersAtKill > 0);
        String log = SignalOpsSystem.server().messages().toLowerCase(Locale.ROOT);
        assertFalse(log.contains("customer1@example.com") || log.matches("(?s).*customer[0-9]+@example\\.com.*"),
                "no customer email reaches the server's log");
        assertEquals(List.of("0"), SignalOpsSystem.database().rows("SELECT COUNT(*) FROM audit_record WHERE LOWER(CONCAT_WS(' ', before_json, after_json, actor_name)) "
                + "LIKE '%customer%@example.com%'"), "no customer email reaches an audit record");
    }

    private static byte[] sample(String resource) throws IOException {
        try (InputStream in = StoreImportIT.class.getResourceAsStream("/shopify/bulk/" + resource + ".jsonl")) {
            return in.readAllBytes();
        }
    }

    private static JsonObject upload(long store, String resource, byte[] body) {
        HttpResponse<String> response = send(store, resource, body, token);
        assertEquals(202, response.statusCode(), response.body());
        JsonObject accepted = ApiClient.json(response);
        assertEquals("/api/v1/jobs/" + accepted.getJsonNumber("executionId").longValue(),
                java.net.URI.create(response.headers().firstValue("Location").orElseThrow()).getPath());
        return accepted;
    }

    private static HttpResponse<String> send(long store, String resource, byte[] body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Https.uri("/api/v1/stores/" + store + "/imports?resource=" + resource))
                .version(java.net.http.HttpClient.Version.HTTP_1_1).timeout(Duration.ofSeconds(120)).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Https.send(request.build());
    }

    /** The job report once the import completed; fails after 5 minutes or when it fails. */
    private static JsonObject awaitCompleted(JsonObject accepted) throws InterruptedException {
        String path = "/api/v1/jobs/" + accepted.getJsonNumber("executionId").longValue();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        JsonObject report = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = ApiClient.get(path, token);
            if (response.statusCode() == 200) {
                report = ApiClient.json(response);
                if ("COMPLETED".equals(report.getString("status"))) {
                    return report;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("import not completed in 5 minutes: " + report);
    }

    private static List<String> skipped(JsonObject report) {
        List<String> lines = new ArrayList<>();
        for (JsonValue value : report.getJsonArray("skippedLines")) {
            JsonObject line = value.asJsonObject();
            lines.add(line.getString("resource") + ":" + line.getInt("line") + ":" + line.getString("reason"));
        }
        return lines;
    }

    private static long awaitOrders(long store) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            long orders = count(store);
            if (orders > 0) {
                return orders;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the import wrote no order in 60 s");
    }

    private static long count(long store) throws SQLException {
        return Long.parseLong(SignalOpsSystem.database().rows("SELECT COUNT(*) FROM commerce_order WHERE store_id = " + store).get(0));
    }

    private static List<String> snapshot(String table, String columns, long store) throws SQLException {
        return SignalOpsSystem.database().rows("SELECT CONCAT_WS('|', " + columns.replaceAll("(\\w+(\\(\\w+\\))?)", "IFNULL($1, 'null')") + ") FROM " + table
                + " WHERE store_id = " + store + " ORDER BY 1");
    }
}
