package com.signalops.jobs.deletion;

import com.signalops.testing.CommerceRows;
import com.signalops.testing.LeakStoreGenerator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A store with rows in every table that holds a store's data: generated orders with their lines, codes and refunds,
 * variants, products, customers (sealed email stand-ins and hashes), findings of its customers' discount codes,
 * settings, nightly claims, an import with a skipped line, a past connection, webhook deliveries naming a customer, a
 * store-scoped member, key and invitation, and a customers/redact privacy request.
 */
final class DeletableStore {

    /** The customer of every store whose records a customer deletion removes; customer 2 is another one. */
    static final long CUSTOMER = 1;

    final long workspaceId;
    final long storeId;
    final String shopDomain;

    private DeletableStore(long workspaceId, long storeId, String shopDomain) {
        this.workspaceId = workspaceId;
        this.storeId = storeId;
        this.shopDomain = shopDomain;
    }

    /** Store {@code storeId} of workspace {@code workspaceId}, as made by {@link #in}. */
    static DeletableStore of(long workspaceId, long storeId) {
        return new DeletableStore(workspaceId, storeId, null);
    }

    /** A new workspace with a role and a user, for {@link #in}. */
    static long workspace(Connection connection, String name) throws SQLException {
        long workspaceId = CommerceRows.newWorkspace(connection, name);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO role (workspace_id, code, name, built_in) VALUES (" + workspaceId + ", 'ADMIN', 'Admin', TRUE)");
            statement.executeUpdate("INSERT INTO app_user (email, display_name, status, created_at) VALUES ('owner-" + UUID.randomUUID()
                    + "@example.test', 'Owner', 'ACTIVE', UTC_TIMESTAMP(3))");
        }
        return workspaceId;
    }

    /** A store of {@code workspaceId} (made by {@link #workspace}) with {@code orders} generated orders and a row in every other table. */
    static DeletableStore in(Connection connection, long workspaceId, int orders) throws SQLException {
        CommerceRows rows = CommerceRows.newStore(connection, workspaceId);
        long store = rows.storeId();
        LeakStoreGenerator.write(connection, workspaceId, store, orders, "2026-11-25 03:30:00");
        String ws = workspaceId + ", " + store;
        String shop;
        try (Statement statement = connection.createStatement()) {
            try (var found = statement.executeQuery("SELECT shop_domain FROM store WHERE id = " + store)) {
                found.next();
                shop = found.getString(1);
            }
            String role = "(SELECT MAX(id) FROM role WHERE workspace_id = " + workspaceId + ")";
            String user = "(SELECT MAX(id) FROM app_user)";
            statement.executeUpdate("INSERT INTO commerce_product (workspace_id, store_id, product_id, title) SELECT " + ws
                    + ", seq, CONCAT('Product ', seq) FROM seq_1_to_20");
            // customer 1's email hash is the one the generated orders of 'buyer1' carry
            statement.executeUpdate("INSERT INTO commerce_customer (workspace_id, store_id, customer_id, email_key_version, email_nonce, "
                    + "email_ciphertext, email_hash, marketing_state) SELECT " + ws + ", seq, 1, RANDOM_BYTES(12), RANDOM_BYTES(40), "
                    + "UNHEX(SHA2(CONCAT('buyer', seq), 256)), 'SUBSCRIBED' FROM seq_1_to_5");
            statement.executeUpdate("UPDATE commerce_order SET customer_id = 1 WHERE workspace_id = " + workspaceId + " AND store_id = "
                    + store + " AND order_id IN (1, 2, 3)");
            statement.executeUpdate("UPDATE commerce_order SET customer_id = 2 WHERE workspace_id = " + workspaceId + " AND store_id = "
                    + store + " AND order_id IN (4, 5)");
            statement.executeUpdate("INSERT INTO leak_finding (workspace_id, store_id, rule_code, subject, amount, currency, evidence, "
                    + "first_seen_at, last_seen_at, status, run_token) SELECT " + ws + ", 'DISCOUNT_CODE_REUSE', CONCAT('code:', "
                    + "LOWER(HEX(UNHEX(SHA2(CONCAT('buyer', seq), 256)))), ':SAVE'), 5, 'USD', '{}', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), "
                    + "'OPEN', RANDOM_BYTES(16) FROM seq_1_to_3");
            statement.executeUpdate("INSERT INTO leak_finding (workspace_id, store_id, rule_code, subject, amount, currency, evidence, "
                    + "first_seen_at, last_seen_at, status, run_token) VALUES (" + ws + ", 'UNFULFILLED_PAID', 'order:7', 5, 'USD', '{}', "
                    + "UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 'OPEN', RANDOM_BYTES(16))");
            statement.executeUpdate("INSERT INTO leak_rule_setting (workspace_id, store_id, updated_by, updated_at) VALUES (" + ws
                    + ", 'test', UTC_TIMESTAMP(3))");
            statement.executeUpdate("INSERT INTO leak_nightly_run (workspace_id, store_id, local_date, job_instance_id, claimed_at) VALUES ("
                    + ws + ", '2026-11-25', 1, UTC_TIMESTAMP(3))");
            statement.executeUpdate("INSERT INTO leak_daily_total (workspace_id, store_id, day, rule_code, currency, open_count, open_amount) "
                    + "VALUES (" + ws + ", '2026-11-25', 'UNFULFILLED_PAID', 'USD', 1, 5.00)");
            statement.executeUpdate("INSERT INTO leak_analysis_progress (job_instance_id, workspace_id, store_id, as_of, rules_done, rules_total, "
                    + "started_at, updated_at) VALUES (" + store + ", " + ws + ", UTC_TIMESTAMP(3), 8, 8, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
            statement.executeUpdate("INSERT INTO store_import (workspace_id, store_id, source, resources, status, requested_by, requested_at) "
                    + "VALUES (" + ws + ", 'UPLOAD', 'orders', 'COMPLETED', '1', UTC_TIMESTAMP(3))");
            statement.executeUpdate("INSERT INTO store_import_skip (workspace_id, import_id, resource, line_number, reason) SELECT "
                    + workspaceId + ", MAX(id), 'orders', 7, 'INVALID_JSON' FROM store_import WHERE store_id = " + store);
            statement.executeUpdate("INSERT INTO store_connection (workspace_id, store_id, status, granted_scopes, connected_at, "
                    + "disconnected_at, deletion_requested_at, deletion_due_at) VALUES (" + ws + ", 'DISCONNECTED', 'read_orders', "
                    + "UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 2 DAY)");
            inbox(statement, ws, shop, "orders/create", "{\"id\": 1, \"customer\": {\"id\": 1, \"email\": \"buyer1@example.com\"}}");
            inbox(statement, ws, shop, "orders/create", "{\"id\": 4, \"customer\": {\"id\": 2}}");
            inbox(statement, ws, shop, "customers/redact", "{\"customer\": {\"id\": 1, \"email\": \"buyer1@example.com\"}, "
                    + "\"orders_to_redact\": [1, 2]}");
            statement.executeUpdate("INSERT INTO membership (workspace_id, user_id, role_id, scope_type, store_id, created_at) VALUES ("
                    + workspaceId + ", " + user + ", " + role + ", 'STORE', " + store + ", UTC_TIMESTAMP(3))");
            statement.executeUpdate("INSERT INTO api_key (workspace_id, name, prefix, secret_digest, scope_type, store_id, created_by, "
                    + "created_at, expires_at) VALUES (" + workspaceId + ", 'Store key', '" + UUID.randomUUID().toString().substring(0, 12)
                    + "', REPEAT('a', 64), 'STORE', " + store + ", " + user + ", UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 90 DAY)");
            statement.executeUpdate("INSERT INTO api_key_permission (api_key_id, permission) SELECT MAX(id), 'leaks.view' FROM api_key");
            statement.executeUpdate("INSERT INTO invitation (workspace_id, email, role_id, scope_type, store_id, token_digest, invited_by, "
                    + "created_at, expires_at) VALUES (" + workspaceId + ", 'invitee@example.test', " + role + ", 'STORE', " + store + ", SHA2(UUID(), 256), "
                    + user + ", UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 7 DAY)");
            statement.executeUpdate("INSERT INTO privacy_request (workspace_id, store_id, kind, shopify_customer_id, shopify_order_ids, "
                    + "webhook_id, received_at, due_at, status) VALUES (" + ws + ", 'CUSTOMER_REDACT', 1, '1,2', UUID(), UTC_TIMESTAMP(3), "
                    + "UTC_TIMESTAMP(3) + INTERVAL 30 DAY, 'OPEN')");
        }
        return new DeletableStore(workspaceId, store, shop);
    }

    private static void inbox(Statement statement, String ws, String shop, String topic, String body) throws SQLException {
        statement.executeUpdate("INSERT INTO webhook_inbox (webhook_id, topic, shop_domain, workspace_id, store_id, received_at, body, status, "
                + "next_attempt_at) VALUES (UUID(), '" + topic + "', '" + shop + "', " + ws + ", UTC_TIMESTAMP(3), '" + body
                + "', 'PROCESSED', UTC_TIMESTAMP(3))");
    }
}
