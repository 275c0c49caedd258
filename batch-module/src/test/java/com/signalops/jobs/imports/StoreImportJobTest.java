package com.signalops.jobs.imports;

import static com.signalops.jobs.JobRuns.await;
import static com.signalops.jobs.JobRuns.metric;
import static com.signalops.jobs.JobRuns.operator;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.domain.SealedSecret;
import com.signalops.integration.domain.SecretContext;
import com.signalops.jobs.history.TestApplicationDatabase;
import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.BulkStoreGenerator;
import com.signalops.testing.EmbeddedMariaDb;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store-import job run by jberet-se against the application's schema in a real MariaDB: the
 * contract's sample files with every kind of bad line, and a generated store imported once cleanly
 * and once with the database going away part-way and a restart, which must end with exactly the
 * rows of the clean run.
 */
class StoreImportJobTest {

    private static final String DATABASE = "signalops_batch_import";
    private static final String PASSWORD = "batch-import-test-only";
    /** Every column of the commerce tables but the store and the import (which differ between two stores' imports). */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();
    private static EmbeddedMariaDb mariaDb;
    private static long workspaceId;
    private static Path importFolder;

    static {
        TABLES.put("commerce_product", "product_id, title, status, updated_at");
        TABLES.put("commerce_variant", "variant_id, product_id, sku, price, inventory_quantity, inventory_item_id, inventory_tracked, "
                + "unit_cost, cost_currency");
        TABLES.put("commerce_customer", "customer_id, email_key_version, HEX(email_hash), marketing_state, marketing_opt_in_level, "
                + "consent_updated_at, created_at");
        TABLES.put("commerce_order", "order_id, name, created_at, cancelled_at, test, HEX(email_hash), customer_id, financial_status, "
                + "fulfillment_status, currency, subtotal_price, total_price, total_discounts, total_shipping, total_refunded");
        TABLES.put("commerce_order_discount_code", "order_id, code");
        TABLES.put("commerce_refund", "refund_id, order_id, created_at, total_refunded");
        TABLES.put("commerce_refund_line", "refund_id, position, line_item_id, quantity");
        TABLES.put("commerce_line_item", "line_item_id, order_id, sku, quantity, requires_shipping, variant_id, original_unit_price, "
                + "discounted_unit_price");
    }

    @BeforeAll
    static void startDatabase() throws SQLException, IOException {
        mariaDb = EmbeddedMariaDb.start("test", Integer.getInteger("signalops.test.db.port", 3316));
        mariaDb.recreateDatabase(DATABASE, DATABASE, PASSWORD);
        Flyway.configure().dataSource(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD).locations("classpath:db/migration")
                .placeholders(SchemaMigrator.placeholders(EmbeddedMariaDb.retentionUser(DATABASE))).load().migrate();
        importFolder = Path.of(ConfigProvider.getConfig().getValue("SIGNALOPS_IMPORT_DIR", String.class));
        // the database is new, so import ids start again: so does the folder
        if (Files.exists(importFolder)) {
            try (var paths = Files.walk(importFolder)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO workspace (name, status, created_at) VALUES ('Import', 'ACTIVE', UTC_TIMESTAMP(3))",
                    Statement.RETURN_GENERATED_KEYS);
            workspaceId = generated(statement);
        }
    }

    @AfterAll
    static void stopDatabase() {
        mariaDb.stop();
    }

    @BeforeEach
    void healthyDatabase() throws SQLException {
        TestApplicationDatabase.use(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
        TestApplicationDatabase.healthy();
    }

    @Test
    void importsTheSampleStoreSkippingAndReportingEveryBadLine() throws Exception {
        long store = store();
        long importId = importRow(store);
        for (String resource : List.of("products", "customers", "orders")) {
            try (InputStream in = getClass().getResourceAsStream("/shopify/bulk/" + resource + ".jsonl")) {
                Path file = importFolder.resolve(workspaceId + "/" + importId + "/" + resource + ".jsonl");
                Files.createDirectories(file.getParent());
                Files.write(file, in.readAllBytes());
            }
        }

        JobExecution execution = await(operator().start("store-import", parameters(store, importId, 2)));

        assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus());
        assertEquals("COMPLETED|2|2|3|2|2|2|9", importSummary(importId), "status and counts: products, variants, customers, orders, "
                + "line items, refunds, skipped lines");
        assertEquals(List.of("PRODUCTS:3:INVALID_JSON", "PRODUCTS:4:ORPHAN", "PRODUCTS:5:MISSING_ID", "PRODUCTS:6:UNKNOWN_GID_TYPE",
                "PRODUCTS:11:INVALID_JSON", "CUSTOMERS:4:MISSING_ID", "ORDERS:5:ORPHAN", "ORDERS:6:INVALID_FIELD", "ORDERS:7:ORPHAN"),
                rows("SELECT CONCAT(resource, ':', line_number, ':', reason) FROM store_import_skip WHERE import_id = " + importId
                        + " ORDER BY FIELD(resource, 'PRODUCTS', 'CUSTOMERS', 'ORDERS'), line_number"));
        assertEquals(List.of("2001|26.0000|10|9.7500", "2003|12.5000|0|null"), rows("SELECT CONCAT_WS('|', variant_id, price, "
                + "inventory_quantity, IFNULL(unit_cost, 'null')) FROM commerce_variant WHERE store_id = " + store + " ORDER BY 1"),
                "the last version of a variant wins");
        assertEquals(List.of("7001|FULFILLED|50.9900|25.0000|0", "7002|UNFULFILLED|30.0000|30.0000|1"), rows("SELECT CONCAT_WS('|', "
                + "order_id, fulfillment_status, total_price, total_refunded, cancelled_at IS NOT NULL) FROM commerce_order WHERE store_id = "
                + store + " ORDER BY 1"));
        assertEquals(List.of("7001:VIP", "7001:WELCOME10", "7002:SAVE", "7002:save"), rows("SELECT CONCAT(order_id, ':', code) FROM "
                + "commerce_order_discount_code WHERE store_id = " + store + " ORDER BY order_id, code"), "the last version's codes");
        assertEquals(List.of("8001|3|22.5000|2001", "8002|1|10.0000|null"), rows("SELECT CONCAT_WS('|', line_item_id, quantity, "
                + "discounted_unit_price, IFNULL(variant_id, 'null')) FROM commerce_line_item WHERE store_id = " + store + " ORDER BY 1"));
        assertEquals(List.of("9001:8001:1", "9002:8005:2"), rows("SELECT CONCAT(r.refund_id, ':', l.line_item_id, ':', l.quantity) FROM "
                + "commerce_refund r JOIN commerce_refund_line l USING (workspace_id, store_id, refund_id) WHERE r.store_id = " + store
                + " ORDER BY 1"));

        CustomerEmails emails = emails();
        assertArrayEquals(emails.hash("ann@example.com").orElseThrow(), bytes("SELECT email_hash FROM commerce_order WHERE store_id = "
                + store + " AND order_id = 7001"));
        assertArrayEquals(emails.hash("annlee@gmail.com").orElseThrow(), bytes("SELECT email_hash FROM commerce_order WHERE store_id = "
                + store + " AND order_id = 7002"), "an order's email is kept only as the keyed hash of its normal form");
        assertArrayEquals(emails.hash("bob@gmail.com").orElseThrow(), bytes("SELECT email_hash FROM commerce_customer WHERE store_id = "
                + store + " AND customer_id = 5002"));
        assertEquals("ann@example.com", openedEmail(store, 5001), "a customer's email opens from the vault");
        assertEquals(List.of("5001|SUBSCRIBED", "5002|NOT_SUBSCRIBED", "5003|null"), rows("SELECT CONCAT_WS('|', customer_id, "
                + "IFNULL(marketing_state, 'null')) FROM commerce_customer WHERE store_id = " + store + " ORDER BY 1"));
        for (String table : TABLES.keySet()) {
            for (String value : rows("SELECT * FROM " + table + " WHERE store_id = " + store)) {
                assertFalse(value.contains("example.com") || value.contains("GoogleMail") || value.contains("Ann") || value.contains("Bob")
                        || value.contains("5550100"),
                        table + " holds no email, name or phone in clear: " + value);
            }
        }
    }

    @Test
    void aRestartAfterTheDatabaseWentAwayEndsWithExactlyTheRowsOfACleanImport() throws Exception {
        Path generated = Files.createTempDirectory(Path.of("target"), "generated-store");
        new BulkStoreGenerator(3_000, 7).writeTo(generated);
        Files.writeString(generated.resolve("orders.jsonl"), "not json\n{\"id\":\"gid://shopify/LineItem/999999\",\"quantity\":1,"
                + "\"__parentId\":\"gid://shopify/Order/999999\"}\n", StandardOpenOption.APPEND);
        long cleanStore = store();
        long cleanImport = importFrom(cleanStore, generated);
        JobExecution clean = await(operator().start("store-import", parameters(cleanStore, cleanImport, 200)));
        assertEquals(BatchStatus.COMPLETED, clean.getBatchStatus());

        long crashedStore = store();
        long crashedImport = importFrom(crashedStore, generated);
        TestApplicationDatabase.failAfter(30);
        JobExecution failed = await(operator().start("store-import", parameters(crashedStore, crashedImport, 200)));
        assertEquals(BatchStatus.FAILED, failed.getBatchStatus());
        long ordersBefore = count("SELECT COUNT(*) FROM commerce_order WHERE store_id = " + crashedStore);
        assertTrue(ordersBefore > 0 && ordersBefore < 3_000, "failed part-way, " + ordersBefore + " orders in");

        TestApplicationDatabase.healthy();
        JobExecution restarted = await(operator().restart(failed.getExecutionId(), parameters(crashedStore, crashedImport, 200)));

        assertEquals(BatchStatus.COMPLETED, restarted.getBatchStatus());
        for (Map.Entry<String, String> table : TABLES.entrySet()) {
            List<String> expected = snapshot(table.getKey(), table.getValue(), cleanStore);
            assertEquals(expected, snapshot(table.getKey(), table.getValue(), crashedStore), table.getKey() + " as the clean import has it");
            assertTrue(expected.size() > 0, table.getKey() + " has rows");
        }
        assertEquals(importSummary(cleanImport), importSummary(crashedImport), "same counts");
        assertTrue(importSummary(cleanImport).startsWith("COMPLETED|30|60|750|3000|"), importSummary(cleanImport));
        assertEquals(List.of("ORDERS:INVALID_JSON", "ORDERS:ORPHAN"), rows("SELECT CONCAT(resource, ':', reason) FROM store_import_skip "
                + "WHERE import_id = " + crashedImport + " ORDER BY line_number"), "each skipped line recorded once");
        StepExecution orders = operator().getStepExecutions(restarted.getExecutionId()).stream()
                .filter(step -> step.getStepName().equals("import-orders")).findFirst().orElseThrow();
        long linesInFile = Files.readAllLines(generated.resolve("orders.jsonl")).size();
        assertTrue(metric(orders, Metric.MetricType.READ_COUNT) + metric(orders, Metric.MetricType.READ_SKIP_COUNT) < linesInFile,
                "the restart read on from the checkpoint, not from the start");
    }

    @Test
    void aStoppedImportRestartsFromItsCheckpointAndEndsWithTheRowsOfACleanImport() throws Exception {
        Path generated = Files.createTempDirectory(Path.of("target"), "stopped-store");
        new BulkStoreGenerator(20_000, 5).writeTo(generated);
        long cleanStore = store();
        long cleanImport = importFrom(cleanStore, generated);
        assertEquals(BatchStatus.COMPLETED, await(operator().start("store-import", parameters(cleanStore, cleanImport, 500))).getBatchStatus());

        long stoppedStore = store();
        long stoppedImport = importFrom(stoppedStore, generated);
        long execution = operator().start("store-import", parameters(stoppedStore, stoppedImport, 50));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (count("SELECT COUNT(*) FROM commerce_order WHERE store_id = " + stoppedStore) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        operator().stop(execution);
        JobExecution stopped = await(execution);
        assertEquals(BatchStatus.STOPPED, stopped.getBatchStatus(), "stopped in the middle of the orders");
        long ordersAtStop = count("SELECT COUNT(*) FROM commerce_order WHERE store_id = " + stoppedStore);
        assertTrue(ordersAtStop < 20_000, ordersAtStop + " orders in at the stop");
        assertEquals("FAILED", rows("SELECT status FROM store_import WHERE id = " + stoppedImport).get(0), "a stopped import waits for its restart");

        JobExecution restarted = await(operator().restart(execution, parameters(stoppedStore, stoppedImport, 50)));

        assertEquals(BatchStatus.COMPLETED, restarted.getBatchStatus());
        for (Map.Entry<String, String> table : TABLES.entrySet()) {
            assertEquals(snapshot(table.getKey(), table.getValue(), cleanStore), snapshot(table.getKey(), table.getValue(), stoppedStore),
                    table.getKey() + " as the clean import has it");
        }
        assertEquals(importSummary(cleanImport), importSummary(stoppedImport));
    }

    private static Properties parameters(long store, long importId, int chunkSize) {
        Properties parameters = new Properties();
        parameters.setProperty("workspaceId", Long.toString(workspaceId));
        parameters.setProperty("storeId", Long.toString(store));
        parameters.setProperty("importId", Long.toString(importId));
        parameters.setProperty("chunkSize", Integer.toString(chunkSize));
        return parameters;
    }

    private static long importFrom(long store, Path generated) throws SQLException, IOException {
        long importId = importRow(store);
        Path folder = importFolder.resolve(workspaceId + "/" + importId);
        Files.createDirectories(folder);
        for (String resource : List.of("products", "customers", "orders")) {
            Files.copy(generated.resolve(resource + ".jsonl"), folder.resolve(resource + ".jsonl"));
        }
        return importId;
    }

    private static long importRow(long store) throws SQLException {
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement("INSERT INTO store_import "
                + "(workspace_id, store_id, source, resources, status, requested_by, requested_at) VALUES (?, ?, 'UPLOAD', "
                + "'products,customers,orders', 'RUNNING', 'test', UTC_TIMESTAMP(3))", Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, workspaceId);
            insert.setLong(2, store);
            insert.executeUpdate();
            return generated(insert);
        }
    }

    private static long store() throws SQLException {
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement("INSERT INTO store (workspace_id, "
                + "store_code, shop_domain, currency, timezone, created_at) VALUES (?, ?, ?, 'USD', 'UTC', UTC_TIMESTAMP(3))",
                Statement.RETURN_GENERATED_KEYS)) {
            String code = java.util.UUID.randomUUID().toString().substring(0, 8);
            insert.setLong(1, workspaceId);
            insert.setString(2, "I-" + code.toUpperCase());
            insert.setString(3, "i-" + code + ".myshopify.com");
            insert.executeUpdate();
            return generated(insert);
        }
    }

    private static String importSummary(long importId) throws SQLException {
        return rows("SELECT CONCAT_WS('|', status, products, variants, customers, orders, line_items, refunds, skipped_lines) FROM "
                + "store_import WHERE id = " + importId).get(0);
    }

    private static List<String> snapshot(String table, String columns, long store) throws SQLException {
        return rows("SELECT CONCAT_WS('|', " + columns.replaceAll("(\\w+(\\(\\w+\\))?)", "IFNULL($1, 'null')") + ") FROM " + table
                + " WHERE store_id = " + store + " ORDER BY 1");
    }

    private static CustomerEmails emails() {
        Config config = ConfigProvider.getConfig();
        return new CustomerEmails(CredentialVault.of(config.getValue("signalops.vault.keys", String.class)),
                Base64.getDecoder().decode(config.getValue("SIGNALOPS_EMAIL_HASH_KEY", String.class)));
    }

    private static String openedEmail(long store, long customer) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT email_key_version, email_nonce, email_ciphertext FROM commerce_customer "
                        + "WHERE store_id = " + store + " AND customer_id = " + customer)) {
            row.next();
            CredentialVault vault = CredentialVault.of(ConfigProvider.getConfig().getValue("signalops.vault.keys", String.class));
            return vault.open(new SealedSecret(row.getInt(1), row.getBytes(2), row.getBytes(3)),
                    new SecretContext(CustomerEmails.PURPOSE, workspaceId, store));
        } catch (com.signalops.integration.domain.SecretNotOpened e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            ResultSetMetaData meta = row.getMetaData();
            while (row.next()) {
                StringBuilder value = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    value.append(i > 1 ? "|" : "").append(row.getString(i));
                }
                rows.add(value.toString());
            }
        }
        return rows;
    }

    private static byte[] bytes(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getBytes(1);
        }
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(rows(sql).get(0));
    }

    private static long generated(Statement statement) throws SQLException {
        try (ResultSet key = statement.getGeneratedKeys()) {
            key.next();
            return key.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return java.sql.DriverManager.getConnection(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
    }
}
