package com.signalops.jobs.deletion;

import static com.signalops.jobs.JobRuns.await;
import static com.signalops.jobs.JobRuns.operator;
import static com.signalops.jobs.JobRuns.parameter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditAppend;
import com.signalops.jobs.history.TestApplicationDatabase;
import com.signalops.privacy.domain.DeletionPlan;
import com.signalops.testing.DeletionProof;
import com.signalops.testing.EmbeddedMariaDb;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data-deletion job run by jberet-se against the application's schema in a real MariaDB: a store's deletion proven
 * by information_schema with every other store whole, a run killed part-way and restarted, a customer's deletion, and
 * the 48-hour deadline's HIGH and CRITICAL events.
 */
class DataDeletionJobTest {

    private static final String DATABASE = "signalops_batch_deletion";
    private static final String PASSWORD = "batch-deletion-test-only";
    private static EmbeddedMariaDb mariaDb;

    @BeforeAll
    static void startDatabase() throws SQLException {
        mariaDb = EmbeddedMariaDb.start("test", Integer.getInteger("signalops.test.db.port", 3316));
        mariaDb.recreateMigrated(DATABASE, PASSWORD);
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
    void aStoresDeletionLeavesNoRowOfItInAnyTableAndEveryOtherStoreWhole() throws Exception {
        DeletableStore deleted;
        List<Long> others = new ArrayList<>();
        try (Connection connection = connect()) {
            long workspace = DeletableStore.workspace(connection, "Deleted store");
            deleted = DeletableStore.in(connection, workspace, 300);
            others.add(DeletableStore.in(connection, workspace, 300).storeId);
            others.add(DeletableStore.in(connection, DeletableStore.workspace(connection, "Other"), 300).storeId);
        }
        java.nio.file.Path importFile = importFile(deleted);
        java.nio.file.Path otherImportFile = importFile(DeletableStore.of(deleted.workspaceId, others.get(0)));
        java.nio.file.Path exportFile = customerExportFile(deleted);
        java.nio.file.Path otherExportFile = customerExportFile(DeletableStore.of(deleted.workspaceId, others.get(0)));
        Map<String, Long> before = rowsPerTable(deleted.storeId);
        Map<String, String> othersBefore = rowsOfOthers(deleted.storeId);
        long request = request(deleted, "SHOP", "APP_UNINSTALLED", Instant.now().minus(Duration.ofHours(1)), Duration.ofHours(48));

        JobExecution run = await(operator().start("data-deletion", parameter("chunkSize", "100")));

        assertEquals(BatchStatus.COMPLETED, run.getBatchStatus());
        try (Connection connection = connect()) {
            assertEquals(Map.of(), DeletionProof.rowsOfStore(connection, deleted.workspaceId, deleted.storeId, deleted.shopDomain));
            // every table that can hold a store's rows is in the plan, or is the deletion's own ledger
            Set<String> uncovered = new TreeSet<>(DeletionProof.storeTables(connection));
            uncovered.removeAll(DeletionPlan.ofStore(deleted.workspaceId, deleted.storeId).tables());
            uncovered.removeAll(DeletionProof.LEDGER.keySet());
            assertEquals(Set.of(), uncovered, "tables with a store's rows that its deletion does not empty");
        }
        assertEquals(othersBefore, rowsOfOthers(deleted.storeId), "no other store lost a row");
        Map<String, Long> receipt = receipt(request);
        for (Map.Entry<String, Long> table : before.entrySet()) {
            assertEquals(table.getValue(), receipt.get(table.getKey()), "receipt count of " + table.getKey());
        }
        assertEquals(1L, receipt.get("store"));
        assertEquals(1L, receipt.get("import_file"), "the import's file, which may hold customers' data, is deleted");
        assertFalse(java.nio.file.Files.exists(importFile.getParent()));
        assertTrue(java.nio.file.Files.exists(otherImportFile), "the other store's import file stays");
        assertEquals(1L, receipt.get("export_file"), "the export of a customer's data, waiting for its download, is deleted");
        assertFalse(java.nio.file.Files.exists(exportFile));
        assertTrue(java.nio.file.Files.exists(otherExportFile), "the other store's export file stays");
        assertEquals(List.of("COMPLETED"), rows("SELECT status FROM deletion_request WHERE id = " + request));
        assertEquals(List.of("COMPLETED"), rows("SELECT status FROM privacy_request WHERE kind = 'CUSTOMER_REDACT' AND store_id = "
                + deleted.storeId));
        assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM audit_record WHERE action = 'deletion-request.complete' AND entity_id = '"
                + request + "' AND workspace_id = " + deleted.workspaceId));
    }

    @Test
    void theProofFindsATableAddedWithoutDeletionSupport() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE later_feature (workspace_id BIGINT NOT NULL, store_id BIGINT NOT NULL, shopify_customer_id BIGINT)");
            try {
                Set<String> uncovered = new TreeSet<>(DeletionProof.storeTables(connection));
                uncovered.removeAll(DeletionPlan.ofStore(1, 1).tables());
                uncovered.removeAll(DeletionProof.LEDGER.keySet());
                assertEquals(Set.of("later_feature"), uncovered);
                statement.execute("INSERT INTO later_feature VALUES (1, 1, 5)");
                assertEquals(Map.of("later_feature", 1L), DeletionProof.rowsOfStore(connection, 1, 1, "-"));
            } finally {
                statement.execute("DROP TABLE later_feature");
            }
        }
    }

    @Test
    void aRunKilledPartWayContinuesOnRestartWithExactCountsAndOtherStoresWhole() throws Exception {
        DeletableStore deleted;
        long other;
        try (Connection connection = connect()) {
            long workspace = DeletableStore.workspace(connection, "Killed");
            deleted = DeletableStore.in(connection, workspace, 3000);
            other = DeletableStore.in(connection, workspace, 300).storeId;
        }
        Map<String, Long> before = rowsPerTable(deleted.storeId);
        Map<String, String> othersBefore = rowsOfOthers(deleted.storeId);
        long request = request(deleted, "SHOP", "SHOP_REDACT", Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(30));

        long executionId = operator().start("data-deletion", parameter("chunkSize", "20"));
        killDeletionConnectionOnce("commerce_line_item");
        JobExecution failed = await(executionId);

        assertEquals(BatchStatus.FAILED, failed.getBatchStatus());
        assertEquals(List.of("RUNNING"), rows("SELECT status FROM deletion_request WHERE id = " + request));
        Map<String, Long> left = rowsPerTable(deleted.storeId);
        assertTrue(left.getOrDefault("commerce_line_item", 0L) > 0 && left.get("store") == 1, "killed part-way: " + left);
        Map<String, Long> progress = progress(request);
        for (Map.Entry<String, Long> table : before.entrySet()) {
            // what the progress says was removed is exactly what is gone: a chunk and its count commit together
            assertEquals(table.getValue() - left.getOrDefault(table.getKey(), 0L), progress.getOrDefault(table.getKey(), 0L),
                    "progress of " + table.getKey());
        }

        JobExecution restarted = await(operator().restart(executionId, parameter("chunkSize", "20")));

        assertEquals(BatchStatus.COMPLETED, restarted.getBatchStatus());
        try (Connection connection = connect()) {
            assertEquals(Map.of(), DeletionProof.rowsOfStore(connection, deleted.workspaceId, deleted.storeId, deleted.shopDomain));
        }
        Map<String, Long> receipt = receipt(request);
        for (Map.Entry<String, Long> table : before.entrySet()) {
            assertEquals(table.getValue(), receipt.get(table.getKey()), "receipt count of " + table.getKey());
        }
        assertEquals(othersBefore, rowsOfOthers(deleted.storeId), "no other store lost a row");
        assertFalse(rowsPerTable(other).isEmpty());
    }

    @Test
    void aCustomersDeletionRemovesEveryRecordOfThemAndNothingElse() throws Exception {
        DeletableStore store;
        try (Connection connection = connect()) {
            store = DeletableStore.in(connection, DeletableStore.workspace(connection, "Customer"), 300);
            campaignTo(connection, store);
        }
        Map<String, Long> before = rowsPerTable(store.storeId);
        long buyer1Orders = Long.parseLong(rows("SELECT COUNT(*) FROM commerce_order WHERE store_id = " + store.storeId
                + " AND (customer_id = 1 OR email_hash = UNHEX(SHA2('buyer1', 256)))").get(0));
        long request = request(store, "CUSTOMER", "CUSTOMERS_REDACT", Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(30));

        assertEquals(BatchStatus.COMPLETED, await(operator().start("data-deletion", parameter("chunkSize", "7"))).getBatchStatus());

        try (Connection connection = connect()) {
            assertEquals(Map.of(), DeletionProof.rowsOfCustomer(connection, store.storeId, DeletableStore.CUSTOMER));
        }
        assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM commerce_order WHERE store_id = " + store.storeId
                + " AND email_hash = UNHEX(SHA2('buyer1', 256))"));
        assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM leak_finding WHERE store_id = " + store.storeId
                + " AND subject LIKE CONCAT('code:', LOWER(SHA2('buyer1', 256)), ':%')"));
        assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM webhook_inbox WHERE store_id = " + store.storeId
                + " AND CONVERT(body USING utf8mb4) LIKE '%buyer1@%'"));
        assertEquals(List.of("2", "2"), rows("SELECT customer_id FROM commerce_order WHERE store_id = " + store.storeId
                + " AND customer_id IS NOT NULL ORDER BY order_id"), "the other customer's orders keep their link");
        Map<String, Long> after = rowsPerTable(store.storeId);
        assertEquals(before.get("commerce_order"), after.get("commerce_order"), "the orders stay, unlinked");
        assertEquals(before.get("commerce_customer") - 1, after.get("commerce_customer"));
        assertEquals(before.get("leak_finding") - 1, after.get("leak_finding"));
        assertEquals(before.get("webhook_inbox") - 2, after.get("webhook_inbox"));
        assertEquals(List.of("2"), rows("SELECT customer_id FROM campaign_delivery WHERE store_id = " + store.storeId),
                "the other customer's delivery stays");
        assertEquals(List.of("2"), rows("SELECT customer_id FROM email_suppression WHERE store_id = " + store.storeId),
                "their suppression goes (matched by the email's keyed hash), the other customer's stays");
        assertEquals(Map.of("campaign_delivery", 1L, "commerce_customer", 1L, "commerce_order:unlinked", buyer1Orders, "email_suppression", 1L,
                "leak_finding", 1L, "webhook_inbox", 2L), receipt(request));
        assertEquals(List.of("COMPLETED|null"), rows("SELECT CONCAT_WS('|', status, COALESCE(shopify_customer_id, 'null')) "
                + "FROM privacy_request WHERE store_id = " + store.storeId));
    }

    @Test
    void theFortyEightHourDeadlineRaisesHighTwelveHoursBeforeAndCriticalWhenMissedOnce() throws Exception {
        Instant now = Instant.now();
        DeletableStore inTime;
        DeletableStore near;
        DeletableStore late;
        try (Connection connection = connect()) {
            long workspace = DeletableStore.workspace(connection, "Deadlines");
            inTime = DeletableStore.in(connection, workspace, 20);
            near = DeletableStore.in(connection, workspace, 20);
            late = DeletableStore.in(connection, workspace, 20);
        }
        // uninstalled 35h59m, 36h01m and 48h01m ago: 12h01m, 11h59m and -1m before the deadline
        long inTimeRequest = request(inTime, "SHOP", "APP_UNINSTALLED", now.minus(Duration.ofMinutes(35 * 60 + 59)), Duration.ofHours(48));
        long nearRequest = request(near, "SHOP", "APP_UNINSTALLED", now.minus(Duration.ofMinutes(36 * 60 + 1)), Duration.ofHours(48));
        long lateRequest = request(late, "SHOP", "APP_UNINSTALLED", now.minus(Duration.ofMinutes(48 * 60 + 1)), Duration.ofHours(48));

        assertEquals(BatchStatus.COMPLETED, await(operator().start("data-deletion", parameter("asOf", now.toString()))).getBatchStatus());
        assertEquals(BatchStatus.COMPLETED, await(operator().start("data-deletion", parameter("asOf", now.toString()))).getBatchStatus());

        assertEquals(List.of(), events(inTime.workspaceId, inTimeRequest));
        assertEquals(List.of("deletion.deadline-near|HIGH"), events(near.workspaceId, nearRequest));
        assertEquals(List.of("deletion.deadline-missed|CRITICAL"), events(late.workspaceId, lateRequest));
        assertEquals(List.of("1|1|1"), rows("SELECT CONCAT_WS('|', r.completed_at <= r.due_at, d.deadline_warned_at IS NOT NULL, "
                + "d.deadline_missed_at IS NULL) FROM deletion_receipt r JOIN deletion_request d ON d.id = r.request_id WHERE d.id = " + nearRequest));
        assertEquals(List.of("0"), rows("SELECT completed_at <= due_at FROM deletion_receipt WHERE request_id = " + lateRequest),
                "the receipt shows the deadline missed");
    }

    @Test
    void aWorkspacesDeletionAfterItsGracePeriodLeavesOnlyItsAuditTrailAndItsLedger() throws Exception {
        long workspace;
        List<Long> stores = new ArrayList<>();
        DeletableStore other;
        try (Connection connection = connect()) {
            workspace = DeletableStore.workspace(connection, "Leaving");
            stores.add(DeletableStore.in(connection, workspace, 200).storeId);
            stores.add(DeletableStore.in(connection, workspace, 200).storeId);
            other = DeletableStore.in(connection, DeletableStore.workspace(connection, "Staying"), 200);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO district (workspace_id, name, created_at) VALUES (" + workspace + ", 'North', UTC_TIMESTAMP(3))");
                statement.executeUpdate("INSERT INTO membership (workspace_id, user_id, role_id, scope_type, created_at) SELECT " + workspace
                        + ", MAX(u.id), (SELECT MAX(id) FROM role WHERE workspace_id = " + workspace + "), 'WORKSPACE', UTC_TIMESTAMP(3) FROM app_user u");
                statement.executeUpdate("INSERT INTO staff_access (workspace_id, staff_user_id, reason, started_at, expires_at) SELECT "
                        + workspace + ", MAX(id), 'support', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 1 HOUR FROM app_user");
            }
        }
        Map<String, Long> otherBefore = rowsPerTable(other.storeId);
        Instant confirmed = Instant.now().minus(Duration.ofDays(7)).minusSeconds(60);
        long request;
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            LocalDateTime at = LocalDateTime.ofInstant(confirmed.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
            statement.executeUpdate("INSERT INTO deletion_request (workspace_id, kind, origin, requested_by, received_at, act_after, due_at, "
                    + "status) VALUES (" + workspace + ", 'WORKSPACE', 'CONSOLE', '1', '" + at + "', '" + at.plusDays(7) + "', '"
                    + at.plusDays(37) + "', 'PENDING')", Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                request = keys.getLong(1);
            }
        }

        assertEquals(BatchStatus.COMPLETED, await(operator().start("data-deletion", parameter("chunkSize", "500"))).getBatchStatus());

        try (Connection connection = connect()) {
            Map<String, Long> left = DeletionProof.rowsOfWorkspace(connection, workspace);
            left.keySet().removeAll(DeletionProof.WORKSPACE_LEDGER.keySet());
            assertEquals(Map.of(), left, "rows of the deleted workspace outside its audit trail and ledger");
            for (long store : stores) {
                assertEquals(Map.of(), DeletionProof.rowsOfStore(connection, workspace, store, "-"));
            }
        }
        assertEquals(List.of("Deleted workspace " + workspace + "|DELETED"), rows("SELECT CONCAT_WS('|', name, status) FROM workspace WHERE id = "
                + workspace));
        assertEquals(2L, receipt(request).get("store"));
        assertEquals(otherBefore, rowsPerTable(other.storeId), "the other workspace's store lost no row");
    }

    @Test
    void aUsersErasureLeavesTheirAuditRecordsUnderAPseudonymWithTheirDigestsAndNothingElseOfThem() throws Exception {
        long workspace;
        long erased;
        long kept;
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            workspace = DeletableStore.workspace(connection, "Erasure");
            erased = user(statement, "jane.doe@example.test", "Jane Doe");
            kept = user(statement, "kept@example.test", "Kept");
            for (long user : new long[] {erased, kept}) {
                statement.executeUpdate("INSERT INTO membership (workspace_id, user_id, role_id, scope_type, created_at) VALUES (" + workspace
                        + ", " + user + ", (SELECT MAX(id) FROM role WHERE workspace_id = " + workspace + "), 'WORKSPACE', UTC_TIMESTAMP(3))");
                for (int i = 0; i < 3; i++) {
                    AuditAppend.of(AuditEntry.of(AuditAction.SESSION_SIGN_IN, AuditOutcome.SUCCESS).in(workspace).by(ActorType.USER, user)
                            .named(user == erased ? "Jane Doe" : "Kept").via(AuditSource.UI).on(user).build(), Instant.now(), null)
                            .appendTo(connection);
                }
            }
            statement.executeUpdate("INSERT INTO invitation (workspace_id, email, role_id, token_digest, invited_by, created_at, expires_at) "
                    + "VALUES (" + workspace + ", 'jane.doe@example.test', (SELECT MAX(id) FROM role WHERE workspace_id = " + workspace
                    + "), SHA2(UUID(), 256), " + kept + ", UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 7 DAY)");
            statement.executeUpdate("INSERT INTO deletion_request (kind, user_id, origin, requested_by, received_at, act_after, due_at, status) "
                    + "VALUES ('USER', " + erased + ", 'CONSOLE', '" + erased + "', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), "
                    + "UTC_TIMESTAMP(3) + INTERVAL 30 DAY, 'PENDING')");
        }
        List<String> digests = rows("SELECT content_digest FROM audit_record WHERE actor_id = '" + erased + "' ORDER BY id");
        List<String> keptBefore = rows("SELECT CONCAT_WS('|', actor_name, content_digest) FROM audit_record WHERE actor_id = '" + kept + "'");

        assertEquals(BatchStatus.COMPLETED, await(operator().start("data-deletion", new java.util.Properties())).getBatchStatus());

        assertEquals(List.of("erased user " + erased), rows("SELECT DISTINCT actor_name FROM audit_record WHERE actor_type = 'USER' "
                + "AND actor_id = '" + erased + "'"));
        assertEquals(digests, rows("SELECT content_digest FROM audit_record WHERE actor_id = '" + erased + "' ORDER BY id"),
                "the records' content, and so their chain, is unchanged");
        assertEquals(keptBefore, rows("SELECT CONCAT_WS('|', actor_name, content_digest) FROM audit_record WHERE actor_id = '" + kept + "'"));
        assertEquals(List.of("erased-" + erased + "@erased.invalid|Erased user " + erased + "|null|ERASED"), rows("SELECT CONCAT_WS('|', "
                + "email, display_name, COALESCE(password_hash, 'null'), status) FROM app_user WHERE id = " + erased));
        assertEquals(List.of("0|0|1"), rows("SELECT CONCAT_WS('|', (SELECT COUNT(*) FROM membership WHERE user_id = " + erased + "), "
                + "(SELECT COUNT(*) FROM invitation WHERE email = 'jane.doe@example.test'), (SELECT COUNT(*) FROM membership WHERE user_id = "
                + kept + "))"));
        assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM audit_record WHERE actor_name LIKE '%Jane%' OR after_json LIKE '%jane.doe%'"));
        String request = rows("SELECT id FROM deletion_request WHERE user_id = " + erased).get(0);
        assertEquals(Map.of("audit_record:pseudonymised", 3L, "invitation", 1L, "membership", 1L, "app_user:anonymised", 1L),
                receipt(Long.parseLong(request)));
        // nothing else about a record can be changed, by this account or any other
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String update : List.of("UPDATE audit_record SET actor_name = 'someone else' WHERE actor_id = '" + kept + "'",
                    "UPDATE audit_record SET action = 'session.sign-out' WHERE actor_id = '" + erased + "'",
                    "UPDATE audit_record SET actor_name = CONCAT('erased user ', actor_id), outcome = 'FAILED' WHERE actor_id = '" + kept + "'")) {
                SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> statement.executeUpdate(update));
                assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
            }
        }
    }

    private static long user(Statement statement, String email, String name) throws SQLException {
        statement.executeUpdate("INSERT INTO app_user (email, display_name, password_hash, status, created_at) VALUES ('" + email + "', '"
                + name + "', 'hash', 'ACTIVE', UTC_TIMESTAMP(3))", Statement.RETURN_GENERATED_KEYS);
        try (ResultSet keys = statement.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    /** A file of the store's import where the import folder keeps it (the batch tests' folder, target/imports). */
    private static java.nio.file.Path importFile(DeletableStore store) throws Exception {
        String importId = rows("SELECT MAX(id) FROM store_import WHERE store_id = " + store.storeId).get(0);
        java.nio.file.Path file = new com.signalops.commerce.service.ImportFolder(java.nio.file.Path.of("target", "imports"))
                .file(store.workspaceId, Long.parseLong(importId), com.signalops.commerce.domain.ImportResource.ORDERS);
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, "{\"id\":\"gid://shopify/Order/1\",\"email\":\"buyer1@example.com\"}\n");
        return file;
    }

    /** A campaign of {@code store} delivered to customers 1 and 2, both of whose addresses unsubscribed (1 by hash only). */
    private static void campaignTo(Connection connection, DeletableStore store) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            String ws = store.workspaceId + ", " + store.storeId;
            statement.executeUpdate("INSERT INTO segment (workspace_id, store_id, name, kind, hours, source, created_at, updated_at, version) "
                    + "VALUES (" + ws + ", 'Late', 'UNFULFILLED_PAID', 48, 'PERSON', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 1)");
            statement.executeUpdate("INSERT INTO campaign (workspace_id, store_id, segment_id, name, subject, body, source, created_at, "
                    + "updated_at, version, status) VALUES (" + ws + ", LAST_INSERT_ID(), 'Sorry', 'Sorry', 'Body', 'PERSON', "
                    + "UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 1, 'SENT')");
            statement.executeUpdate("INSERT INTO campaign_delivery (workspace_id, store_id, campaign_id, customer_id, status, sent_at) "
                    + "SELECT " + ws + ", LAST_INSERT_ID(), seq, 'SENT', UTC_TIMESTAMP(3) FROM seq_1_to_2");
            statement.executeUpdate("INSERT INTO email_suppression (workspace_id, store_id, email_hash, customer_id, created_at) VALUES ("
                    + ws + ", UNHEX(SHA2('buyer1', 256)), NULL, UTC_TIMESTAMP(3)), (" + ws + ", UNHEX(SHA2('buyer2', 256)), 2, "
                    + "UTC_TIMESTAMP(3))");
        }
    }

    /** A customer data request of {@code store} answered by a ready export whose (sealed) file waits in the export folder. */
    private static java.nio.file.Path customerExportFile(DeletableStore store) throws Exception {
        long export;
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO privacy_request (workspace_id, store_id, kind, shopify_customer_id, webhook_id, received_at, "
                    + "due_at, status) VALUES (" + store.workspaceId + ", " + store.storeId + ", 'CUSTOMER_DATA_REQUEST', 3, UUID(), "
                    + "UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 30 DAY, 'READY')");
            statement.executeUpdate("INSERT INTO data_export (workspace_id, kind, privacy_request_id, store_id, status, requested_by, "
                    + "requested_at, ready_at, expires_at) SELECT workspace_id, 'CUSTOMER_DATA', MAX(id), store_id, 'READY', 'shopify', "
                    + "UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 7 DAY FROM privacy_request WHERE store_id = "
                    + store.storeId + " AND kind = 'CUSTOMER_DATA_REQUEST' GROUP BY workspace_id, store_id");
            export = Long.parseLong(rows("SELECT MAX(id) FROM data_export WHERE store_id = " + store.storeId).get(0));
        }
        java.nio.file.Path file = new com.signalops.privacy.domain.ExportFiles(java.nio.file.Path.of(org.eclipse.microprofile.config
                .ConfigProvider.getConfig().getValue("SIGNALOPS_EXPORT_DIR", String.class))).file(store.workspaceId,
                com.signalops.privacy.domain.DataExportKind.CUSTOMER_DATA.fileName(export));
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, "sealed");
        return file;
    }

    /** Opens a deletion request as the webhook handling does, received at {@code receivedAt} and due {@code deadline} later. */
    private static long request(DeletableStore store, String kind, String origin, Instant receivedAt, Duration deadline) throws SQLException {
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement("INSERT INTO deletion_request "
                + "(workspace_id, kind, store_id, shopify_customer_id, shopify_order_ids, origin, requested_by, received_at, act_after, due_at, "
                + "status) VALUES (?, ?, ?, ?, ?, ?, UUID(), ?, ?, ?, 'PENDING')", Statement.RETURN_GENERATED_KEYS)) {
            boolean customer = kind.equals("CUSTOMER");
            LocalDateTime received = LocalDateTime.ofInstant(receivedAt.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
            insert.setLong(1, store.workspaceId);
            insert.setString(2, kind);
            insert.setLong(3, store.storeId);
            insert.setObject(4, customer ? DeletableStore.CUSTOMER : null);
            insert.setString(5, customer ? "1,2" : null);
            insert.setString(6, origin);
            insert.setObject(7, received);
            insert.setObject(8, received);
            insert.setObject(9, received.plus(deadline));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Waits for the job's connection to run a delete on {@code table}, then kills that connection as a crash would. */
    private static void killDeletionConnectionOnce(String table) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Connection root = connect()) {
            while (System.nanoTime() < deadline) {
                List<String> busy = rows(root, "SELECT id FROM information_schema.processlist WHERE db = '" + DATABASE
                        + "' AND info LIKE 'DELETE FROM " + table + " %'");
                if (!busy.isEmpty()) {
                    try (Statement kill = root.createStatement()) {
                        kill.execute("KILL CONNECTION " + busy.get(0));
                    }
                    return;
                }
                Thread.sleep(2);
            }
        }
        throw new AssertionError("the job never deleted from " + table);
    }

    /** Rows of store {@code storeId} per table of the deletion plan's tables that have a store_id (the store's row as "store"). */
    private static Map<String, Long> rowsPerTable(long storeId) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = connect()) {
            for (String table : DeletionProof.storeTables(connection)) {
                if (DeletionProof.LEDGER.containsKey(table)) {
                    continue;
                }
                String where = table.equals("store") ? "id = " + storeId : DeletionProof.subjectTables(connection).get(table).contains("store_id")
                        ? "store_id = " + storeId : null;
                if (where != null) {
                    long count = Long.parseLong(rows(connection, "SELECT COUNT(*) FROM " + table + " WHERE " + where).get(0));
                    if (count > 0) {
                        counts.put(table, count);
                    }
                }
            }
            counts.put("store_import_skip", Long.parseLong(rows(connection, "SELECT COUNT(*) FROM store_import_skip WHERE import_id IN "
                    + "(SELECT id FROM store_import WHERE store_id = " + storeId + ")").get(0)));
            counts.put("api_key_permission", Long.parseLong(rows(connection, "SELECT COUNT(*) FROM api_key_permission WHERE api_key_id IN "
                    + "(SELECT id FROM api_key WHERE store_id = " + storeId + ")").get(0)));
            counts.values().removeIf(count -> count == 0);
        }
        return counts;
    }

    /** Every row of every other store, per table, as a count and a checksum of its columns. */
    private static Map<String, String> rowsOfOthers(long storeId) throws SQLException {
        Map<String, String> fingerprints = new TreeMap<>();
        try (Connection connection = connect()) {
            for (String table : DeletionProof.storeTables(connection)) {
                String where = table.equals("store") ? "id <> " + storeId
                        : DeletionProof.subjectTables(connection).get(table).contains("store_id") ? "(store_id IS NULL OR store_id <> " + storeId + ")"
                        : "TRUE";
                String columns = rows(connection, "SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position) FROM "
                        + "information_schema.columns WHERE table_schema = DATABASE() AND table_name = '" + table + "'").get(0);
                fingerprints.put(table, rows(connection, "SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT_WS('|', " + columns
                        + "))), 0)) FROM " + table + " WHERE " + where).get(0));
            }
        }
        return fingerprints;
    }

    private static Map<String, Long> receipt(long request) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        String json = rows("SELECT rows_removed FROM deletion_receipt WHERE request_id = " + request).get(0);
        for (String pair : json.replaceAll("[{}\" ]", "").split(",")) {
            String[] parts = pair.split(":(?=[0-9]+$)");
            counts.put(parts[0], Long.parseLong(parts[1]));
        }
        return counts;
    }

    private static Map<String, Long> progress(long request) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        for (String row : rows("SELECT CONCAT(table_name, '=', rows_removed) FROM deletion_progress WHERE request_id = " + request)) {
            counts.put(row.substring(0, row.indexOf('=')), Long.parseLong(row.substring(row.indexOf('=') + 1)));
        }
        return counts;
    }

    private static List<String> events(long workspaceId, long request) throws SQLException {
        return rows("SELECT CONCAT(type, '|', severity) FROM security_event WHERE workspace_id = " + workspaceId
                + " AND details LIKE 'deletion request " + request + " %' ORDER BY id");
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
    }

    private static List<String> rows(String sql) throws SQLException {
        try (Connection connection = connect()) {
            return rows(connection, sql);
        }
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
