package com.signalops.privacy.domain;

import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.domain.SealedSecret;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything SignalOps holds about one customer of one store, answering a customer data request,
 * as one JSON document ({@value #FORMAT}): the request, the customer's row with the email opened
 * by the vault and the marketing consent, every order that is theirs (by customer id, by the
 * email's keyed hash, or named by the request) with its discount codes, lines and refunds, and
 * every revenue-leak finding that mentions them (an order of theirs as subject or in its evidence,
 * or their email's hash in a discount-code subject). Nothing of another customer or store: every
 * query is bound to the workspace, the store and the customer. Runs on the caller's connection.
 */
public final class CustomerDataExport {

    public static final String FORMAT = "signalops-customer-data/1";

    private static final String ORDER_COLUMNS = "order_id, name, created_at, cancelled_at, test, customer_id, financial_status, "
            + "fulfillment_status, currency, subtotal_price, total_price, total_discounts, total_shipping, total_refunded";

    private final long workspaceId;
    private final CredentialVault vault;

    public CustomerDataExport(long workspaceId, CredentialVault vault) {
        this.workspaceId = workspaceId;
        this.vault = vault;
    }

    /** The document answering the request of export {@code exportId}, written at {@code now}. */
    public String write(Connection connection, long exportId, Instant now) throws SQLException {
        Request request = request(connection, exportId);
        StringWriter text = new StringWriter();
        try (JsonGenerator json = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createGenerator(text)) {
            json.writeStartObject().write("format", FORMAT).write("generatedAt", now.toString());
            json.writeStartObject("request").write("id", request.id()).write("kind", PrivacyRequestKind.CUSTOMER_DATA_REQUEST.name());
            json.write("receivedAt", request.receivedAt()).write("dueAt", request.dueAt());
            if (request.customerId() == null) {
                json.writeNull("shopifyCustomerId");
            } else {
                json.write("shopifyCustomerId", request.customerId());
            }
            json.writeStartArray("ordersRequested");
            request.orderIds().forEach(json::write);
            json.writeEnd().writeEnd();
            json.writeStartObject("store");
            single(json, connection, "SELECT id, store_code, shop_domain FROM store WHERE workspace_id = ? AND id = ?", request.storeId());
            json.writeEnd();
            byte[] emailHash = customer(json, connection, request);
            Set<Long> orders = orderIds(connection, request, emailHash);
            json.writeStartArray("orders");
            for (long orderId : orders) {
                order(json, connection, request.storeId(), orderId);
            }
            json.writeEnd();
            json.writeStartArray("findings");
            findings(json, connection, request.storeId(), orders, emailHash);
            json.writeEnd();
            json.writeEnd();
        }
        return text.toString();
    }

    private record Request(long id, long storeId, Long customerId, List<Long> orderIds, String receivedAt, String dueAt) {
    }

    private Request request(Connection connection, long exportId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT r.id, r.store_id, r.shopify_customer_id, r.shopify_order_ids, "
                + "r.received_at, r.due_at FROM data_export e JOIN privacy_request r ON r.workspace_id = e.workspace_id "
                + "AND r.id = e.privacy_request_id WHERE e.workspace_id = ? AND e.id = ?")) {
            statement.setLong(1, workspaceId);
            statement.setLong(2, exportId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("export " + exportId + " answers no customer data request of its workspace");
                }
                long customer = row.getLong(3);
                Long customerId = row.wasNull() ? null : customer;
                String ids = row.getString(4);
                List<Long> orderIds = new ArrayList<>();
                if (ids != null && !ids.isBlank()) {
                    for (String id : ids.split(",")) {
                        orderIds.add(Long.valueOf(id.trim()));
                    }
                }
                return new Request(row.getLong(1), row.getLong(2), customerId, orderIds, JsonRows.instant(row, 5), JsonRows.instant(row, 6));
            }
        }
    }

    /** Writes the customer (null when the store holds no row of theirs); answers their email's keyed hash, if any. */
    private byte[] customer(JsonGenerator json, Connection connection, Request request) throws SQLException {
        if (request.customerId() == null) {
            json.writeNull("customer");
            return null;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT customer_id, email_key_version, email_nonce, email_ciphertext, "
                + "email_hash, marketing_state, marketing_opt_in_level, consent_updated_at, created_at FROM commerce_customer "
                + "WHERE workspace_id = ? AND store_id = ? AND customer_id = ?")) {
            statement.setLong(1, workspaceId);
            statement.setLong(2, request.storeId());
            statement.setLong(3, request.customerId());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    json.writeNull("customer");
                    return null;
                }
                json.writeStartObject("customer").write("customer_id", row.getLong(1));
                byte[] ciphertext = row.getBytes(4);
                if (ciphertext == null) {
                    json.writeNull("email");
                } else {
                    json.write("email", CustomerEmails.open(vault, new SealedSecret(row.getInt(2), row.getBytes(3), ciphertext),
                            workspaceId, request.storeId()));
                }
                JsonRows.text(json, "marketing_state", row.getString(6));
                JsonRows.text(json, "marketing_opt_in_level", row.getString(7));
                JsonRows.text(json, "consent_updated_at", JsonRows.instant(row, 8));
                JsonRows.text(json, "created_at", JsonRows.instant(row, 9));
                json.writeEnd();
                return row.getBytes(5);
            }
        }
    }

    private Set<Long> orderIds(Connection connection, Request request, byte[] emailHash) throws SQLException {
        Set<Long> ids = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT order_id FROM commerce_order WHERE workspace_id = ? "
                + "AND store_id = ? AND (customer_id = ? OR email_hash = ?)")) {
            statement.setLong(1, workspaceId);
            statement.setLong(2, request.storeId());
            statement.setObject(3, request.customerId());
            statement.setBytes(4, emailHash);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        if (request.orderIds().isEmpty()) {
            // a statement prepared and never executed fails to close in the pool's wrapper (the driver has no results to skip)
            return ids;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM commerce_order WHERE workspace_id = ? AND store_id = ? "
                + "AND order_id = ?")) {
            for (long requested : request.orderIds()) {
                statement.setLong(1, workspaceId);
                statement.setLong(2, request.storeId());
                statement.setLong(3, requested);
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next()) {
                        ids.add(requested);
                    }
                }
            }
        }
        return ids;
    }

    private void order(JsonGenerator json, Connection connection, long storeId, long orderId) throws SQLException {
        json.writeStartObject();
        single(json, connection, "SELECT " + ORDER_COLUMNS + " FROM commerce_order WHERE workspace_id = ? AND store_id = ? AND order_id = ?",
                storeId, orderId);
        json.writeStartArray("discount_codes");
        try (PreparedStatement statement = connection.prepareStatement("SELECT code FROM commerce_order_discount_code WHERE workspace_id = ? "
                + "AND store_id = ? AND order_id = ? ORDER BY code")) {
            statement.setLong(1, workspaceId);
            statement.setLong(2, storeId);
            statement.setLong(3, orderId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    json.write(rows.getString(1));
                }
            }
        }
        json.writeEnd();
        json.writeStartArray("line_items");
        JsonRows.write(json, connection, "SELECT line_item_id, sku, quantity, requires_shipping, variant_id, original_unit_price, "
                + "discounted_unit_price FROM commerce_line_item WHERE workspace_id = ? AND store_id = ? AND order_id = ? ORDER BY line_item_id",
                workspaceId, storeId, orderId);
        json.writeEnd();
        json.writeStartArray("refunds");
        JsonRows.write(json, connection, "SELECT r.refund_id, r.created_at, r.total_refunded, l.position, l.line_item_id, l.quantity "
                + "FROM commerce_refund r LEFT JOIN commerce_refund_line l ON l.workspace_id = r.workspace_id AND l.store_id = r.store_id "
                + "AND l.refund_id = r.refund_id WHERE r.workspace_id = ? AND r.store_id = ? AND r.order_id = ? ORDER BY r.refund_id, l.position",
                workspaceId, storeId, orderId);
        json.writeEnd();
        json.writeEnd();
    }

    private void findings(JsonGenerator json, Connection connection, long storeId, Set<Long> orders, byte[] emailHash) throws SQLException {
        String codePrefix = emailHash == null ? null : "code:" + HexFormat.of().formatHex(emailHash) + ":";
        try (PreparedStatement statement = connection.prepareStatement("SELECT id, rule_code, subject, amount, currency, evidence, "
                + "first_seen_at, last_seen_at, status, status_changed_at, status_reason FROM leak_finding WHERE workspace_id = ? "
                + "AND store_id = ? ORDER BY id")) {
            statement.setLong(1, workspaceId);
            statement.setLong(2, storeId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String subject = rows.getString(3);
                    boolean theirs = (codePrefix != null && subject.startsWith(codePrefix))
                            || (subject.startsWith("order:") && orders.contains(Long.valueOf(subject.substring("order:".length()))))
                            || mentionsAny(rows.getString(6), orders);
                    if (theirs) {
                        json.writeStartObject();
                        JsonRows.fields(json, rows);
                        json.writeEnd();
                    }
                }
            }
        }
    }

    /** Whether the evidence names one of {@code orders} under an {@code order} or {@code orders} key, at any depth. */
    static boolean mentionsAny(String evidence, Set<Long> orders) {
        if (orders.isEmpty() || evidence == null) {
            return false;
        }
        return mentions(Json.createReader(new StringReader(evidence)).readValue(), null, orders);
    }

    private static boolean mentions(JsonValue value, String key, Set<Long> orders) {
        switch (value.getValueType()) {
            case OBJECT -> {
                for (Map.Entry<String, JsonValue> field : ((JsonObject) value).entrySet()) {
                    if (mentions(field.getValue(), field.getKey(), orders)) {
                        return true;
                    }
                }
                return false;
            }
            case ARRAY -> {
                for (JsonValue element : (JsonArray) value) {
                    if (mentions(element, key, orders)) {
                        return true;
                    }
                }
                return false;
            }
            case NUMBER -> {
                return ("order".equals(key) || "orders".equals(key) || "earliestOrder".equals(key))
                        && orders.contains(((JsonNumber) value).longValue());
            }
            default -> {
                return false;
            }
        }
    }

    private void single(JsonGenerator json, Connection connection, String query, Object... keys) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setLong(1, workspaceId);
            for (int i = 0; i < keys.length; i++) {
                statement.setObject(i + 2, keys[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    JsonRows.fields(json, row);
                }
            }
        }
    }

}
