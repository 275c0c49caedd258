package com.signalops.privacy.domain;

import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.domain.SealedSecret;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The whole workspace as JSON files in a zip, for the merchant to take elsewhere (portability):
 * one file per table of the merchant's own data, each an array of rows keyed by column name, and a
 * {@code manifest.json} with the row counts. Customers' emails are opened by the vault: they are the
 * merchant's data. Never exported: secrets and what only serves them (password hashes, API keys,
 * invitation tokens, Shopify access tokens, the emails' keyed hashes), and the audit log, which has
 * its own export. Every query is bound to the workspace. Rows are streamed, never all held.
 */
public final class WorkspaceExport {

    public static final String FORMAT = "signalops-workspace/1";
    private static final int FETCH_SIZE = 1000;

    /** One file of the zip: its name and the query of its rows (the workspace id its only parameter). */
    record Table(String file, String query) {
    }

    static final List<Table> TABLES = List.of(
            new Table("workspace.json", "SELECT id, name, status, created_at FROM workspace WHERE id = ?"),
            new Table("districts.json", "SELECT id, name, created_at FROM district WHERE workspace_id = ? ORDER BY id"),
            new Table("stores.json", "SELECT id, district_id, store_code, shop_domain, currency, timezone, created_at FROM store "
                    + "WHERE workspace_id = ? ORDER BY id"),
            new Table("store_connections.json", "SELECT id, store_id, status, granted_scopes, connected_at, disconnected_at, "
                    + "deletion_requested_at, deletion_due_at, webhooks_subscribed_at FROM store_connection WHERE workspace_id = ? ORDER BY id"),
            new Table("roles.json", "SELECT r.id, r.code, r.name, r.built_in, GROUP_CONCAT(p.permission ORDER BY p.permission) AS permissions "
                    + "FROM role r LEFT JOIN role_permission p ON p.role_id = r.id WHERE r.workspace_id = ? GROUP BY r.id, r.code, r.name, "
                    + "r.built_in ORDER BY r.id"),
            new Table("users.json", "SELECT u.id, u.email, u.display_name, u.status, u.created_at FROM app_user u WHERE u.id IN "
                    + "(SELECT m.user_id FROM membership m WHERE m.workspace_id = ?) ORDER BY u.id"),
            new Table("memberships.json", "SELECT id, user_id, role_id, scope_type, district_id, store_id, created_at, suspended_at "
                    + "FROM membership WHERE workspace_id = ? ORDER BY id"),
            new Table("products.json", "SELECT store_id, product_id, title, status, updated_at FROM commerce_product WHERE workspace_id = ? "
                    + "ORDER BY store_id, product_id"),
            new Table("variants.json", "SELECT store_id, variant_id, product_id, sku, price, inventory_quantity, inventory_item_id, "
                    + "inventory_tracked, unit_cost, cost_currency FROM commerce_variant WHERE workspace_id = ? ORDER BY store_id, variant_id"),
            new Table("orders.json", "SELECT store_id, order_id, name, created_at, cancelled_at, test, customer_id, financial_status, "
                    + "fulfillment_status, currency, subtotal_price, total_price, total_discounts, total_shipping, total_refunded "
                    + "FROM commerce_order WHERE workspace_id = ? ORDER BY store_id, order_id"),
            new Table("order_discount_codes.json", "SELECT store_id, order_id, code FROM commerce_order_discount_code WHERE workspace_id = ? "
                    + "ORDER BY store_id, order_id, code"),
            new Table("line_items.json", "SELECT store_id, line_item_id, order_id, sku, quantity, requires_shipping, variant_id, "
                    + "original_unit_price, discounted_unit_price FROM commerce_line_item WHERE workspace_id = ? ORDER BY store_id, line_item_id"),
            new Table("refunds.json", "SELECT store_id, refund_id, order_id, created_at, total_refunded FROM commerce_refund "
                    + "WHERE workspace_id = ? ORDER BY store_id, refund_id"),
            new Table("refund_lines.json", "SELECT store_id, refund_id, position, line_item_id, quantity FROM commerce_refund_line "
                    + "WHERE workspace_id = ? ORDER BY store_id, refund_id, position"),
            new Table("leak_findings.json", "SELECT id, store_id, rule_code, subject, amount, currency, evidence, first_seen_at, last_seen_at, "
                    + "status, status_changed_by, status_changed_at, status_reason FROM leak_finding WHERE workspace_id = ? ORDER BY id"),
            new Table("leak_rule_settings.json", "SELECT store_id, lookback_days, unfulfilled_hours, stale_payment_days, min_units_sold, "
                    + "refund_rate, velocity_days, min_velocity, lost_days, free_shipping_threshold, flat_shipping_rate, updated_by, updated_at "
                    + "FROM leak_rule_setting WHERE workspace_id = ? ORDER BY store_id"),
            new Table("store_imports.json", "SELECT id, store_id, source, resources, status, requested_by, requested_at, finished_at, "
                    + "products, variants, customers, orders, line_items, refunds, skipped_lines, failure FROM store_import "
                    + "WHERE workspace_id = ? ORDER BY id"),
            new Table("privacy_requests.json", "SELECT id, store_id, kind, shopify_customer_id, shopify_order_ids, received_at, due_at, status "
                    + "FROM privacy_request WHERE workspace_id = ? ORDER BY id"));

    /** The file of customers, whose emails are opened one by one. */
    static final String CUSTOMERS = "customers.json";

    private final long workspaceId;
    private final CredentialVault vault;

    public WorkspaceExport(long workspaceId, CredentialVault vault) {
        this.workspaceId = workspaceId;
        this.vault = vault;
    }

    /** Writes the zip to {@code out} (left open); answers the row count of each file. */
    public Map<String, Integer> write(Connection connection, OutputStream out, Instant now) throws SQLException, IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        for (Table table : TABLES) {
            zip.putNextEntry(new ZipEntry(table.file()));
            try (JsonGenerator json = generator(zip)) {
                json.writeStartArray();
                counts.put(table.file(), rows(json, connection, table.query()));
                json.writeEnd();
            }
            zip.closeEntry();
        }
        zip.putNextEntry(new ZipEntry(CUSTOMERS));
        try (JsonGenerator json = generator(zip)) {
            json.writeStartArray();
            counts.put(CUSTOMERS, customers(json, connection));
            json.writeEnd();
        }
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry("manifest.json"));
        try (JsonGenerator json = generator(zip)) {
            json.writeStartObject().write("format", FORMAT).write("workspaceId", workspaceId).write("generatedAt", now.toString());
            json.writeStartObject("files");
            counts.forEach(json::write);
            json.writeEnd().writeEnd();
        }
        zip.closeEntry();
        zip.finish();
        return counts;
    }

    private int rows(JsonGenerator json, Connection connection, String query) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setFetchSize(FETCH_SIZE);
            statement.setLong(1, workspaceId);
            try (ResultSet rows = statement.executeQuery()) {
                int count = 0;
                while (rows.next()) {
                    json.writeStartObject();
                    JsonRows.fields(json, rows);
                    json.writeEnd();
                    count++;
                }
                return count;
            }
        }
    }

    private int customers(JsonGenerator json, Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT store_id, customer_id, email_key_version, email_nonce, "
                + "email_ciphertext, marketing_state, marketing_opt_in_level, consent_updated_at, created_at FROM commerce_customer "
                + "WHERE workspace_id = ? ORDER BY store_id, customer_id")) {
            statement.setFetchSize(FETCH_SIZE);
            statement.setLong(1, workspaceId);
            try (ResultSet rows = statement.executeQuery()) {
                int count = 0;
                while (rows.next()) {
                    long storeId = rows.getLong(1);
                    json.writeStartObject().write("store_id", storeId).write("customer_id", rows.getLong(2));
                    byte[] ciphertext = rows.getBytes(5);
                    if (ciphertext == null) {
                        json.writeNull("email");
                    } else {
                        json.write("email", CustomerEmails.open(vault, new SealedSecret(rows.getInt(3), rows.getBytes(4), ciphertext),
                                workspaceId, storeId));
                    }
                    JsonRows.text(json, "marketing_state", rows.getString(6));
                    JsonRows.text(json, "marketing_opt_in_level", rows.getString(7));
                    JsonRows.text(json, "consent_updated_at", JsonRows.instant(rows, 8));
                    JsonRows.text(json, "created_at", JsonRows.instant(rows, 9));
                    json.writeEnd();
                    count++;
                }
                return count;
            }
        }
    }

    private static JsonGenerator generator(OutputStream zip) {
        // the generator must not close the zip when it closes: each file is one entry
        OutputStream entry = new java.io.FilterOutputStream(zip) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        return Json.createGenerator(entry);
    }
}
