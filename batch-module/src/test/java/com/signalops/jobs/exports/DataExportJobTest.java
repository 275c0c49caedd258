package com.signalops.jobs.exports;

import static com.signalops.jobs.JobRuns.await;
import static com.signalops.jobs.JobRuns.operator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.domain.SealedSecret;
import com.signalops.jobs.history.TestApplicationDatabase;
import com.signalops.privacy.domain.ExportFiles;
import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.CommerceRows;
import com.signalops.testing.EmbeddedMariaDb;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer-data-export and workspace-export jobs run by jberet-se against the application's
 * schema in a real MariaDB: a customer's export holds their email, consent, orders (by customer
 * id, by their email's keyed hash, or named by the request) with lines and refunds, and the
 * findings that mention them, and nothing of another customer, store or workspace; it is sealed at
 * rest. A workspace's zip holds its own tables with emails opened and no secret, and nothing of
 * another workspace. A failed run restarts to the clean run's result.
 */
class DataExportJobTest {

    private static final String DATABASE = "signalops_batch_exports";
    private static final String PASSWORD = "batch-exports-test-only";
    private static final String THEIR_EMAIL = "Ada.Lovelace@example.com";
    private static final String OTHER_EMAIL = "grace.hopper@example.com";
    private static final String FOREIGN_EMAIL = "other-workspace@example.com";
    private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");
    private static EmbeddedMariaDb mariaDb;
    private static CredentialVault vault;
    private static CustomerEmails emails;
    private static Path exportFolder;

    private CommerceRows store;
    private CommerceRows otherStore;
    private CommerceRows foreignStore;

    @BeforeAll
    static void startDatabase() throws SQLException {
        mariaDb = EmbeddedMariaDb.start("test", Integer.getInteger("signalops.test.db.port", 3316));
        mariaDb.recreateDatabase(DATABASE, DATABASE, PASSWORD);
        Flyway.configure().dataSource(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD).locations("classpath:db/migration")
                .placeholders(SchemaMigrator.placeholders(EmbeddedMariaDb.retentionUser(DATABASE))).load().migrate();
        vault = CredentialVault.of(ConfigProvider.getConfig().getValue("signalops.vault.keys", String.class));
        emails = new CustomerEmails(vault, Base64.getDecoder().decode(ConfigProvider.getConfig().getValue("SIGNALOPS_EMAIL_HASH_KEY",
                String.class)));
        exportFolder = Path.of(ConfigProvider.getConfig().getValue("SIGNALOPS_EXPORT_DIR", String.class));
    }

    @AfterAll
    static void stopDatabase() {
        mariaDb.stop();
    }

    @BeforeEach
    void twoWorkspaces() throws SQLException {
        TestApplicationDatabase.use(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
        TestApplicationDatabase.healthy();
        try (Connection connection = connect()) {
            long workspace = CommerceRows.newWorkspace(connection, "Exported");
            store = CommerceRows.newStore(connection, workspace);
            otherStore = CommerceRows.newStore(connection, workspace);
            foreignStore = CommerceRows.newStore(connection, CommerceRows.newWorkspace(connection, "Foreign"));
            customer(connection, store, 501, THEIR_EMAIL);
            customer(connection, store, 502, OTHER_EMAIL);
            // the same customer and order ids in another store and another workspace: never theirs
            customer(connection, otherStore, 501, "same-id-other-store@example.com");
            customer(connection, foreignStore, 501, FOREIGN_EMAIL);
            store.order(7001, CREATED).customer(501).code("WELCOME").line(80011, 9L, 2, "25.00", "20.00").refundLine(90011, 80011, 1)
                    .insert();
            store.order(7002, CREATED.plusSeconds(60)).line(80021, 10L, 1, "50.00", "50.00").insert();
            store.order(7003, CREATED.plusSeconds(120)).customer(502).line(80031, 9L, 1, "25.00", "25.00").insert();
            store.order(7004, CREATED.plusSeconds(180)).line(80041, 10L, 1, "50.00", "50.00").insert();
            otherStore.order(7001, CREATED).customer(501).insert();
            foreignStore.order(7001, CREATED).customer(501).insert();
            // a guest checkout with their address: the email's keyed hash links it
            hashOf(connection, store, 7002, THEIR_EMAIL);
            hashOf(connection, store, 7003, OTHER_EMAIL);
            finding(connection, store, "UNFULFILLED_PAID", "order:7001", "{\"orders\": [7001]}");
            finding(connection, store, "UNFULFILLED_PAID", "order:7003", "{\"orders\": [7003]}");
            finding(connection, store, "DISCOUNT_CODE_REUSE", "code:" + hex(THEIR_EMAIL) + ":WELCOME",
                    "{\"code\": \"WELCOME\", \"orders\": [{\"order\": 7001}, {\"order\": 7002}]}");
            finding(connection, store, "DISCOUNT_CODE_REUSE", "code:" + hex(OTHER_EMAIL) + ":WELCOME",
                    "{\"code\": \"WELCOME\", \"orders\": [{\"order\": 7003}]}");
            finding(connection, store, "BELOW_COST", "variant:10", "{\"variants\": [10], \"lineItems\": [{\"lineItem\": 80021, \"order\": 7002}]}");
            finding(connection, store, "BELOW_COST", "variant:11", "{\"variants\": [11], \"lineItems\": [{\"lineItem\": 80041, \"order\": 7004}]}");
            finding(connection, otherStore, "UNFULFILLED_PAID", "order:7001", "{\"orders\": [7001]}");
        }
    }

    @Test
    void aCustomerExportHoldsTheirDataAndNobodyElses() throws Exception {
        long exportId = customerExport(store, 501, "7001,7004");

        JobExecution run = await(operator().start("customer-data-export", parameters(store.workspaceId(), exportId)));

        assertEquals(BatchStatus.COMPLETED, run.getBatchStatus());
        assertEquals("READY", column("SELECT status FROM data_export WHERE id = " + exportId));
        assertEquals("READY", column("SELECT r.status FROM privacy_request r JOIN data_export e ON e.privacy_request_id = r.id WHERE e.id = "
                + exportId));
        LocalDateTime ready = LocalDateTime.parse(column("SELECT ready_at FROM data_export WHERE id = " + exportId).replace(' ', 'T'));
        LocalDateTime expires = LocalDateTime.parse(column("SELECT expires_at FROM data_export WHERE id = " + exportId).replace(' ', 'T'));
        assertEquals(Duration.ofDays(7), Duration.between(ready, expires));
        Path file = exportFolder.resolve(Long.toString(store.workspaceId())).resolve("customer-data-" + exportId + ".json.sealed");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(Long.toString(Files.size(file)), column("SELECT bytes FROM data_export WHERE id = " + exportId));
        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("Lovelace") || raw.contains("WELCOME"), "sealed at rest");

        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = ExportFiles.open(vault, in, store.workspaceId(), store.storeId());
        }
        JsonObject export = Json.createReader(new StringReader(text)).readObject();
        assertEquals("signalops-customer-data/1", export.getString("format"));
        JsonObject customer = export.getJsonObject("customer");
        assertEquals(501, customer.getJsonNumber("customer_id").longValue());
        assertEquals(THEIR_EMAIL, customer.getString("email"));
        assertEquals("SUBSCRIBED", customer.getString("marketing_state"));
        assertEquals(store.storeId(), export.getJsonObject("store").getJsonNumber("id").longValue());
        // by customer id, by the email's hash, and named by the request
        assertEquals(List.of(7001L, 7002L, 7004L), export.getJsonArray("orders").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getJsonNumber("order_id").longValue()).toList());
        JsonObject first = export.getJsonArray("orders").getJsonObject(0);
        assertEquals(List.of("WELCOME"), first.getJsonArray("discount_codes").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList());
        assertEquals(80011, first.getJsonArray("line_items").getJsonObject(0).getJsonNumber("line_item_id").longValue());
        assertEquals("20.0000", first.getJsonArray("line_items").getJsonObject(0).getJsonNumber("discounted_unit_price").toString());
        assertEquals(90011, first.getJsonArray("refunds").getJsonObject(0).getJsonNumber("refund_id").longValue());
        assertEquals("2026-11-01T10:00:00Z", first.getString("created_at"));
        Set<String> subjects = export.getJsonArray("findings").getValuesAs(JsonObject.class).stream().map(f -> f.getString("subject"))
                .collect(Collectors.toCollection(TreeSet::new));
        // order 7004 is named by the request, so variant 11's finding, whose evidence names it, is theirs too
        assertEquals(new TreeSet<>(Set.of("order:7001", "code:" + hex(THEIR_EMAIL) + ":WELCOME", "variant:10", "variant:11")), subjects);
        assertFalse(text.contains(OTHER_EMAIL) || text.contains(FOREIGN_EMAIL) || text.contains("same-id-other-store"), text);
        assertFalse(text.contains(hex(OTHER_EMAIL)) || text.contains("80031"), "nothing of the other customer or their order: " + text);
    }

    @Test
    void aCustomerUnknownToTheStoreGetsAnExportThatSaysSo() throws Exception {
        long exportId = customerExport(store, 999, null);

        assertEquals(BatchStatus.COMPLETED, await(operator().start("customer-data-export", parameters(store.workspaceId(), exportId)))
                .getBatchStatus());

        Path file = exportFolder.resolve(Long.toString(store.workspaceId())).resolve("customer-data-" + exportId + ".json.sealed");
        JsonObject export;
        try (InputStream in = Files.newInputStream(file)) {
            export = Json.createReader(new StringReader(ExportFiles.open(vault, in, store.workspaceId(), store.storeId()))).readObject();
        }
        assertEquals(JsonValue.NULL, export.get("customer"));
        assertEquals(0, export.getJsonArray("orders").size());
        assertEquals(0, export.getJsonArray("findings").size());
    }

    @Test
    void aFailedExportRestartsToTheCleanResult() throws Exception {
        long exportId = customerExport(store, 501, null);
        TestApplicationDatabase.failAfter(0);
        JobExecution failed = await(operator().start("customer-data-export", parameters(store.workspaceId(), exportId)));
        assertEquals(BatchStatus.FAILED, failed.getBatchStatus());
        assertEquals("RUNNING", column("SELECT status FROM data_export WHERE id = " + exportId));

        TestApplicationDatabase.healthy();
        JobExecution restarted = await(operator().restart(failed.getExecutionId(), parameters(store.workspaceId(), exportId)));

        assertEquals(BatchStatus.COMPLETED, restarted.getBatchStatus());
        assertEquals("READY", column("SELECT status FROM data_export WHERE id = " + exportId));
        JsonObject export;
        Path file = exportFolder.resolve(Long.toString(store.workspaceId())).resolve("customer-data-" + exportId + ".json.sealed");
        try (InputStream in = Files.newInputStream(file)) {
            export = Json.createReader(new StringReader(ExportFiles.open(vault, in, store.workspaceId(), store.storeId()))).readObject();
        }
        assertEquals(2, export.getJsonArray("orders").size());
    }

    @Test
    void aDownloadedExportIsNotWrittenAgainByAReplay() throws Exception {
        long exportId = customerExport(store, 501, null);
        update("UPDATE data_export SET status = 'DOWNLOADED' WHERE id = " + exportId);

        JobExecution run = await(operator().start("customer-data-export", parameters(store.workspaceId(), exportId)));

        assertEquals(BatchStatus.COMPLETED, run.getBatchStatus());
        assertEquals("SKIPPED DOWNLOADED", operator().getStepExecutions(run.getExecutionId()).get(0).getExitStatus());
        assertEquals("DOWNLOADED", column("SELECT status FROM data_export WHERE id = " + exportId));
        assertFalse(Files.exists(exportFolder.resolve(Long.toString(store.workspaceId())).resolve("customer-data-" + exportId + ".json.sealed")));
    }

    @Test
    void aWorkspaceExportHoldsItsOwnTablesWithEmailsOpenedAndNoSecret() throws Exception {
        long userId;
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO app_user (email, display_name, password_hash, status, created_at) VALUES "
                    + "('owner@merchant.example', 'Owner', '$argon2id$secret-hash', 'ACTIVE', UTC_TIMESTAMP(3))", Statement.RETURN_GENERATED_KEYS);
            try (ResultSet key = statement.getGeneratedKeys()) {
                key.next();
                userId = key.getLong(1);
            }
            statement.executeUpdate("INSERT INTO role (workspace_id, code, name, built_in) VALUES (" + store.workspaceId()
                    + ", 'admin', 'Admin', TRUE)", Statement.RETURN_GENERATED_KEYS);
            long roleId;
            try (ResultSet key = statement.getGeneratedKeys()) {
                key.next();
                roleId = key.getLong(1);
            }
            statement.executeUpdate("INSERT INTO role_permission (role_id, permission) VALUES (" + roleId + ", 'workspace.delete')");
            statement.executeUpdate("INSERT INTO membership (workspace_id, user_id, role_id, scope_type, created_at) VALUES ("
                    + store.workspaceId() + ", " + userId + ", " + roleId + ", 'WORKSPACE', UTC_TIMESTAMP(3))");
        }
        long exportId = workspaceExport(store.workspaceId());

        JobExecution run = await(operator().start("workspace-export", parameters(store.workspaceId(), exportId)));

        assertEquals(BatchStatus.COMPLETED, run.getBatchStatus());
        assertEquals("READY", column("SELECT status FROM data_export WHERE id = " + exportId));
        Path file = exportFolder.resolve(Long.toString(store.workspaceId())).resolve("workspace-" + exportId + ".zip");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Map<String, String> entries = unzip(file);
        assertTrue(entries.keySet().containsAll(Set.of("workspace.json", "stores.json", "users.json", "memberships.json", "roles.json",
                "customers.json", "orders.json", "line_items.json", "leak_findings.json", "privacy_requests.json", "manifest.json")),
                entries.keySet().toString());
        JsonArray customers = Json.createReader(new StringReader(entries.get("customers.json"))).readArray();
        assertEquals(Set.of(THEIR_EMAIL, OTHER_EMAIL, "same-id-other-store@example.com"), customers.getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("email")).collect(Collectors.toSet()));
        JsonObject user = Json.createReader(new StringReader(entries.get("users.json"))).readArray().getJsonObject(0);
        assertEquals(userId, user.getJsonNumber("id").longValue());
        assertFalse(user.containsKey("password_hash"));
        String all = String.join("\n", entries.values());
        assertFalse(all.contains("argon2id") || all.contains("email_hash") || all.contains("token"), "no secret");
        String foreignDomain = column("SELECT shop_domain FROM store WHERE id = " + foreignStore.storeId());
        assertFalse(all.contains(FOREIGN_EMAIL) || all.contains(foreignDomain), "nothing of another workspace");
        JsonObject manifest = Json.createReader(new StringReader(entries.get("manifest.json"))).readObject();
        assertEquals(5, manifest.getJsonObject("files").getInt("orders.json"));
        assertEquals(4, manifest.getJsonObject("files").getInt("line_items.json"));
        assertEquals(Json.createReader(new StringReader(entries.get("leak_findings.json"))).readArray().size(),
                manifest.getJsonObject("files").getInt("leak_findings.json"));
    }

    private long customerExport(CommerceRows in, long customerId, String orderIds) throws SQLException {
        try (Connection connection = connect()) {
            long requestId;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO privacy_request (workspace_id, store_id, kind, "
                    + "shopify_customer_id, shopify_order_ids, webhook_id, received_at, due_at, status) VALUES (?, ?, 'CUSTOMER_DATA_REQUEST', "
                    + "?, ?, UUID(), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 30 DAY, 'OPEN')", Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, in.workspaceId());
                insert.setLong(2, in.storeId());
                insert.setLong(3, customerId);
                insert.setString(4, orderIds);
                insert.executeUpdate();
                try (ResultSet key = insert.getGeneratedKeys()) {
                    key.next();
                    requestId = key.getLong(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO data_export (workspace_id, kind, privacy_request_id, "
                    + "store_id, status, requested_by, requested_at) VALUES (?, 'CUSTOMER_DATA', ?, ?, 'RUNNING', 'shopify', UTC_TIMESTAMP(3))",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, in.workspaceId());
                insert.setLong(2, requestId);
                insert.setLong(3, in.storeId());
                insert.executeUpdate();
                try (ResultSet key = insert.getGeneratedKeys()) {
                    key.next();
                    return key.getLong(1);
                }
            }
        }
    }

    private static long workspaceExport(long workspaceId) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO data_export (workspace_id, kind, status, requested_by, requested_at) VALUES (" + workspaceId
                    + ", 'WORKSPACE', 'RUNNING', '1', UTC_TIMESTAMP(3))", Statement.RETURN_GENERATED_KEYS);
            try (ResultSet key = statement.getGeneratedKeys()) {
                key.next();
                return key.getLong(1);
            }
        }
    }

    private static void customer(Connection connection, CommerceRows in, long customerId, String email) throws SQLException {
        SealedSecret sealed = emails.seal(email, in.workspaceId(), in.storeId()).orElseThrow();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO commerce_customer (workspace_id, store_id, customer_id, "
                + "email_key_version, email_nonce, email_ciphertext, email_hash, marketing_state, marketing_opt_in_level, consent_updated_at, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'SUBSCRIBED', 'SINGLE_OPT_IN', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))")) {
            insert.setLong(1, in.workspaceId());
            insert.setLong(2, in.storeId());
            insert.setLong(3, customerId);
            insert.setInt(4, sealed.keyVersion());
            insert.setBytes(5, sealed.nonce());
            insert.setBytes(6, sealed.ciphertext());
            insert.setBytes(7, emails.hash(email).orElseThrow());
            insert.executeUpdate();
        }
    }

    private static void hashOf(Connection connection, CommerceRows in, long orderId, String email) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE commerce_order SET email_hash = ? WHERE workspace_id = ? "
                + "AND store_id = ? AND order_id = ?")) {
            update.setBytes(1, emails.hash(email).orElseThrow());
            update.setLong(2, in.workspaceId());
            update.setLong(3, in.storeId());
            update.setLong(4, orderId);
            update.executeUpdate();
        }
    }

    private static void finding(Connection connection, CommerceRows in, String rule, String subject, String evidence) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO leak_finding (workspace_id, store_id, rule_code, subject, "
                + "amount, currency, evidence, first_seen_at, last_seen_at, status, run_token) VALUES (?, ?, ?, ?, 10.00, 'USD', ?, "
                + "UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 'OPEN', RANDOM_BYTES(16))")) {
            insert.setLong(1, in.workspaceId());
            insert.setLong(2, in.storeId());
            insert.setString(3, rule);
            insert.setString(4, subject);
            insert.setString(5, evidence);
            insert.executeUpdate();
        }
    }

    private static String hex(String email) {
        return HexFormat.of().formatHex(emails.hash(email).orElseThrow());
    }

    private static Map<String, String> unzip(Path file) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                zip.transferTo(bytes);
                entries.put(entry.getName(), bytes.toString(StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    private static Properties parameters(long workspaceId, long exportId) {
        Properties parameters = new Properties();
        parameters.setProperty("workspaceId", Long.toString(workspaceId));
        parameters.setProperty("exportId", Long.toString(exportId));
        return parameters;
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
