package com.signalops.jobs.imports;

import static com.signalops.jobs.JobRuns.await;
import static com.signalops.jobs.JobRuns.operator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.domain.SealedSecret;
import com.signalops.integration.domain.StoreConnection;
import com.signalops.jobs.history.TestApplicationDatabase;
import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.EmbeddedMariaDb;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store-import job's first step, fetch-from-shopify, run by jberet-se against a real MariaDB
 * and Shopify's Admin API as {@link ScriptedShopifyAdminApi} plays it: an import from Shopify
 * fetches each resource by a bulk operation and imports the results; a failed operation fails the
 * execution and its restart fetches only the resources not yet complete; an operation still
 * running from before is waited for; stop() ends the polling; an uploaded import fetches nothing.
 */
class ShopifyBulkFetchJobTest {

    private static final String DATABASE = "signalops_batch_fetch";
    private static final String PASSWORD = "batch-fetch-test-only";
    private static final String SAMPLE_SUMMARY = "COMPLETED|2|2|3|2|2|2|9";
    private static EmbeddedMariaDb mariaDb;
    private static long workspaceId;
    private static Path importFolder;
    private static Path served;

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
        served = Files.createDirectories(Path.of("target", "shopify-served").toAbsolutePath());
        for (String resource : List.of("products", "customers", "orders")) {
            try (InputStream in = ShopifyBulkFetchJobTest.class.getResourceAsStream("/shopify/bulk/" + resource + ".jsonl")) {
                Files.copy(in, served.resolve(resource + ".jsonl"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO workspace (name, status, created_at) VALUES ('Fetch', 'ACTIVE', UTC_TIMESTAMP(3))",
                    Statement.RETURN_GENERATED_KEYS);
            workspaceId = generated(statement);
        }
    }

    @AfterAll
    static void stopDatabase() {
        mariaDb.stop();
    }

    @BeforeEach
    void aShopServingTheSampleFiles() throws SQLException {
        TestApplicationDatabase.use(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
        TestApplicationDatabase.healthy();
        ScriptedShopifyAdminApi.reset();
        for (String resource : List.of("products", "customers", "orders")) {
            ScriptedShopifyAdminApi.serve(resource, served.resolve(resource + ".jsonl"));
        }
    }

    @Test
    void fetchesEveryResourceByABulkOperationAndImportsTheResults() throws Exception {
        long store = connectedStore();
        long importId = importRow(store, "SHOPIFY");

        JobExecution execution = run(store, importId);

        assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus());
        assertEquals(List.of("products", "customers", "orders"), ScriptedShopifyAdminApi.runs());
        assertEquals(SAMPLE_SUMMARY, summary(importId));
        for (String resource : List.of("products", "customers", "orders")) {
            assertEquals(-1, Files.mismatch(served.resolve(resource + ".jsonl"), file(importId, resource)), resource + " as served");
        }
    }

    @Test
    void aRestartFetchesOnlyTheResourcesWhoseFileIsNotComplete() throws Exception {
        long store = connectedStore();
        long importId = importRow(store, "SHOPIFY");
        ScriptedShopifyAdminApi.failOnce("orders");

        JobExecution failed = run(store, importId);

        assertEquals(BatchStatus.FAILED, failed.getBatchStatus());
        assertTrue(Files.exists(file(importId, "products")) && Files.exists(file(importId, "customers")));
        assertFalse(Files.exists(file(importId, "orders")), "a failed operation places no file");

        JobExecution restarted = await(operator().restart(failed.getExecutionId(), parameters(store, importId)));

        assertEquals(BatchStatus.COMPLETED, restarted.getBatchStatus());
        assertEquals(List.of("products", "customers", "orders", "orders"), ScriptedShopifyAdminApi.runs(),
                "the restart ran the orders' operation alone");
        assertEquals(SAMPLE_SUMMARY, summary(importId), "the same as a clean import");
    }

    @Test
    void waitsForAnOperationOfAnEarlierExecutionThatStillRuns() throws Exception {
        long store = connectedStore();
        long importId = importRow(store, "SHOPIFY");
        ScriptedShopifyAdminApi.earlierOperationRunning();

        assertEquals(BatchStatus.COMPLETED, run(store, importId).getBatchStatus());

        assertTrue(ScriptedShopifyAdminApi.earlierOperationAwaited(), "the earlier operation was polled to its end first");
        assertEquals(List.of("products", "customers", "orders"), ScriptedShopifyAdminApi.runs());
        assertEquals(SAMPLE_SUMMARY, summary(importId));
    }

    @Test
    void stopEndsTheFetchAtTheNextPoll() throws Exception {
        long store = connectedStore();
        long importId = importRow(store, "SHOPIFY");
        ScriptedShopifyAdminApi.hang("products");

        long execution = operator().start("store-import", parameters(store, importId));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ScriptedShopifyAdminApi.polls() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        operator().stop(execution);

        assertEquals(BatchStatus.STOPPED, await(execution).getBatchStatus());
        assertFalse(Files.exists(file(importId, "products")));
        assertEquals(List.of("products"), ScriptedShopifyAdminApi.runs());
    }

    @Test
    void anUploadedImportFetchesNothing() throws Exception {
        long store = connectedStore();
        long importId = importRow(store, "UPLOAD");
        for (String resource : List.of("products", "customers", "orders")) {
            Files.createDirectories(file(importId, resource).getParent());
            Files.copy(served.resolve(resource + ".jsonl"), file(importId, resource));
        }

        assertEquals(BatchStatus.COMPLETED, run(store, importId).getBatchStatus());
        assertEquals(List.of(), ScriptedShopifyAdminApi.runs());
        assertEquals(SAMPLE_SUMMARY, summary(importId));
    }

    private static JobExecution run(long store, long importId) throws InterruptedException {
        return await(operator().start("store-import", parameters(store, importId)));
    }

    private static Properties parameters(long store, long importId) {
        Properties parameters = new Properties();
        parameters.setProperty("workspaceId", Long.toString(workspaceId));
        parameters.setProperty("storeId", Long.toString(store));
        parameters.setProperty("importId", Long.toString(importId));
        return parameters;
    }

    private static Path file(long importId, String resource) {
        return importFolder.resolve(workspaceId + "/" + importId + "/" + resource + ".jsonl");
    }

    /** A store whose live connection holds the scripted shop's token, sealed as the vault seals it. */
    private static long connectedStore() throws SQLException {
        long store;
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement("INSERT INTO store (workspace_id, "
                + "store_code, shop_domain, currency, timezone, created_at) VALUES (?, ?, ?, 'USD', 'UTC', UTC_TIMESTAMP(3))",
                Statement.RETURN_GENERATED_KEYS)) {
            String code = UUID.randomUUID().toString().substring(0, 8);
            insert.setLong(1, workspaceId);
            insert.setString(2, "F-" + code.toUpperCase());
            insert.setString(3, "f-" + code + ".myshopify.com");
            insert.executeUpdate();
            store = generated(insert);
        }
        CredentialVault vault = CredentialVault.of(ConfigProvider.getConfig().getValue("signalops.vault.keys", String.class));
        SealedSecret sealed = vault.seal(ScriptedShopifyAdminApi.TOKEN, StoreConnection.tokenContext(workspaceId, store));
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement("INSERT INTO store_connection "
                + "(workspace_id, store_id, status, granted_scopes, token_key_version, token_nonce, token_ciphertext, connected_at) "
                + "VALUES (?, ?, 'CONNECTED', 'read_customers,read_inventory,read_orders,read_products', ?, ?, ?, UTC_TIMESTAMP(3))")) {
            insert.setLong(1, workspaceId);
            insert.setLong(2, store);
            insert.setInt(3, sealed.keyVersion());
            insert.setBytes(4, sealed.nonce());
            insert.setBytes(5, sealed.ciphertext());
            insert.executeUpdate();
        }
        return store;
    }

    private static long importRow(long store, String source) throws SQLException {
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement("INSERT INTO store_import "
                + "(workspace_id, store_id, source, resources, status, requested_by, requested_at) VALUES (?, ?, ?, "
                + "'products,customers,orders', 'RUNNING', 'test', UTC_TIMESTAMP(3))", Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, workspaceId);
            insert.setLong(2, store);
            insert.setString(3, source);
            insert.executeUpdate();
            return generated(insert);
        }
    }

    private static String summary(long importId) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT CONCAT_WS('|', status, products, variants, customers, orders, line_items, "
                        + "refunds, skipped_lines) FROM store_import WHERE id = " + importId)) {
            row.next();
            return row.getString(1);
        }
    }

    private static long generated(Statement statement) throws SQLException {
        try (ResultSet key = statement.getGeneratedKeys()) {
            key.next();
            return key.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
    }
}
