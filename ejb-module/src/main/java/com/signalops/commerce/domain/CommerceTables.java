package com.signalops.commerce.domain;

import com.signalops.commerce.domain.ImportLine.CustomerLine;
import com.signalops.commerce.domain.ImportLine.LineItemLine;
import com.signalops.commerce.domain.ImportLine.OrderLine;
import com.signalops.commerce.domain.ImportLine.ProductLine;
import com.signalops.commerce.domain.ImportLine.Refund;
import com.signalops.commerce.domain.ImportLine.RefundedItem;
import com.signalops.commerce.domain.ImportLine.VariantLine;
import com.signalops.integration.domain.SealedSecret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes accepted import lines into one store's commerce tables (V18) on the caller's connection
 * and transaction, by upsert on the store and the gid's number: the last version of a gid wins. An
 * order's version replaces its own fields, discount codes and refunds; its line items are lines of
 * their own and stay. Parents are written before children, so a chunk may hold both. Each table
 * takes one multi-row statement per call.
 */
public final class CommerceTables {

    private static final Table PRODUCT = new Table("commerce_product", 3, "workspace_id", "store_id", "product_id", "title", "status",
            "updated_at", "import_id");
    private static final Table VARIANT = new Table("commerce_variant", 3, "workspace_id", "store_id", "variant_id", "product_id", "sku",
            "price", "inventory_quantity", "inventory_item_id", "inventory_tracked", "unit_cost", "cost_currency", "import_id");
    private static final Table CUSTOMER = new Table("commerce_customer", 3, "workspace_id", "store_id", "customer_id",
            "email_key_version", "email_nonce", "email_ciphertext", "email_hash", "marketing_state", "marketing_opt_in_level",
            "consent_updated_at", "created_at", "import_id");
    private static final Table ORDER = new Table("commerce_order", 3, "workspace_id", "store_id", "order_id", "name", "created_at",
            "cancelled_at", "test", "email_hash", "customer_id", "financial_status", "fulfillment_status", "currency", "subtotal_price",
            "total_price", "total_discounts", "total_shipping", "total_refunded", "import_id");
    private static final Table DISCOUNT_CODE = new Table("commerce_order_discount_code", 4, "workspace_id", "store_id", "order_id", "code");
    private static final Table REFUND = new Table("commerce_refund", 3, "workspace_id", "store_id", "refund_id", "order_id", "created_at",
            "total_refunded", "import_id");
    private static final Table REFUND_LINE = new Table("commerce_refund_line", 4, "workspace_id", "store_id", "refund_id", "position",
            "line_item_id", "quantity");
    private static final Table LINE_ITEM = new Table("commerce_line_item", 3, "workspace_id", "store_id", "line_item_id", "order_id",
            "sku", "quantity", "requires_shipping", "variant_id", "original_unit_price", "discounted_unit_price", "import_id");

    private final long workspaceId;
    private final long storeId;
    private final Long importId;
    private final CustomerEmails emails;

    /**
     * The tables of store {@code storeId} of workspace {@code workspaceId}; rows written are marked
     * with {@code importId} (null for a webhook's change).
     */
    public CommerceTables(long workspaceId, long storeId, Long importId, CustomerEmails emails) {
        this.workspaceId = workspaceId;
        this.storeId = storeId;
        this.importId = importId;
        this.emails = emails;
    }

    /** Upserts {@code lines}, in any mix of types, as one batch. */
    public void write(Connection connection, Collection<? extends ImportLine> lines) throws SQLException {
        Map<Long, ProductLine> products = new LinkedHashMap<>();
        Map<Long, VariantLine> variants = new LinkedHashMap<>();
        Map<Long, CustomerLine> customers = new LinkedHashMap<>();
        Map<Long, OrderLine> orders = new LinkedHashMap<>();
        Map<Long, LineItemLine> lineItems = new LinkedHashMap<>();
        for (ImportLine line : lines) {
            if (line instanceof ProductLine p) {
                products.put(p.id(), p);
            } else if (line instanceof VariantLine v) {
                variants.put(v.id(), v);
            } else if (line instanceof CustomerLine c) {
                customers.put(c.id(), c);
            } else if (line instanceof OrderLine o) {
                orders.put(o.id(), o);
            } else if (line instanceof LineItemLine l) {
                lineItems.put(l.id(), l);
            }
        }
        upsert(connection, PRODUCT, products.values().stream().map(p -> row(p.id(), cut(p.title(), 255), cut(p.status(), 20),
                time(p.updatedAt()), importId)).toList());
        upsert(connection, VARIANT, variants.values().stream().map(v -> row(v.id(), v.productId(), cut(v.sku(), 255), v.price(),
                v.inventoryQuantity(), v.inventoryItemId(), v.tracked(), v.unitCost(), cut(v.costCurrency(), 3), importId)).toList());
        upsert(connection, CUSTOMER, customers.values().stream().map(this::customerRow).toList());
        writeOrders(connection, orders.values());
        upsert(connection, LINE_ITEM, lineItems.values().stream().map(l -> row(l.id(), l.orderId(), cut(l.sku(), 255), l.quantity(),
                l.requiresShipping(), l.variantId(), l.originalUnitPrice(), l.discountedUnitPrice(), importId)).toList());
    }

    private void writeOrders(Connection connection, Collection<OrderLine> orders) throws SQLException {
        if (orders.isEmpty()) {
            return;
        }
        upsert(connection, ORDER, orders.stream().map(o -> row(o.id(), cut(o.name(), 64), time(o.createdAt()), time(o.cancelledAt()),
                o.test(), emails.hash(o.email()).orElse(null), o.customerId(), cut(o.financialStatus(), 40), cut(o.fulfillmentStatus(), 40),
                cut(o.currency(), 3), o.subtotalPrice(), o.totalPrice(), o.totalDiscounts(), o.totalShipping(), o.totalRefunded(),
                importId)).toList());
        List<Long> orderIds = orders.stream().map(OrderLine::id).toList();
        deleteByOrder(connection, DISCOUNT_CODE.name, orderIds);
        deleteByOrder(connection, REFUND.name, orderIds);
        List<Object[]> codes = new ArrayList<>();
        List<Object[]> refunds = new ArrayList<>();
        List<Object[]> refundLines = new ArrayList<>();
        for (OrderLine order : orders) {
            order.discountCodes().stream().map(code -> cut(code, 255)).distinct().forEach(code -> codes.add(row(order.id(), code)));
            for (Refund refund : order.refunds()) {
                refunds.add(row(refund.id(), order.id(), time(refund.createdAt()), refund.totalRefunded(), importId));
                int position = 0;
                for (RefundedItem item : refund.items()) {
                    refundLines.add(row(refund.id(), position++, item.lineItemId(), item.quantity()));
                }
            }
        }
        upsert(connection, DISCOUNT_CODE, codes);
        upsert(connection, REFUND, refunds);
        upsert(connection, REFUND_LINE, refundLines);
    }

    /**
     * Adds refund {@code refund} to order {@code orderId}, or replaces its earlier version with its
     * refunded line items, and sets the order's refunded total to the sum of its refunds.
     */
    public void writeRefund(Connection connection, long orderId, Refund refund) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + REFUND_LINE.name + " WHERE workspace_id = ? AND store_id = ? AND refund_id = ?")) {
            delete.setLong(1, workspaceId);
            delete.setLong(2, storeId);
            delete.setLong(3, refund.id());
            delete.executeUpdate();
        }
        upsert(connection, REFUND, List.<Object[]>of(row(refund.id(), orderId, time(refund.createdAt()), refund.totalRefunded(), importId)));
        List<Object[]> lines = new ArrayList<>();
        int position = 0;
        for (RefundedItem item : refund.items()) {
            lines.add(row(refund.id(), position++, item.lineItemId(), item.quantity()));
        }
        upsert(connection, REFUND_LINE, lines);
        try (PreparedStatement total = connection.prepareStatement("UPDATE commerce_order o SET total_refunded = (SELECT COALESCE(SUM("
                + "r.total_refunded), 0) FROM commerce_refund r WHERE r.workspace_id = o.workspace_id AND r.store_id = o.store_id "
                + "AND r.order_id = o.order_id) WHERE o.workspace_id = ? AND o.store_id = ? AND o.order_id = ?")) {
            total.setLong(1, workspaceId);
            total.setLong(2, storeId);
            total.setLong(3, orderId);
            total.executeUpdate();
        }
    }

    private Object[] customerRow(CustomerLine c) {
        SealedSecret sealed = emails.seal(c.email(), workspaceId, storeId).orElse(null);
        byte[] hash = sealed == null ? null : emails.hash(c.email()).orElse(null);
        return row(c.id(), sealed == null ? null : sealed.keyVersion(), sealed == null ? null : sealed.nonce(),
                sealed == null ? null : sealed.ciphertext(), hash, cut(c.marketingState(), 40), cut(c.marketingOptInLevel(), 40),
                time(c.consentUpdatedAt()), time(c.createdAt()), importId);
    }

    private void deleteByOrder(Connection connection, String table, List<Long> orderIds) throws SQLException {
        StringJoiner marks = new StringJoiner(",", "(", ")");
        orderIds.forEach(id -> marks.add("?"));
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + table + " WHERE workspace_id = ? AND store_id = ? AND order_id IN " + marks)) {
            delete.setLong(1, workspaceId);
            delete.setLong(2, storeId);
            for (int i = 0; i < orderIds.size(); i++) {
                delete.setLong(i + 3, orderIds.get(i));
            }
            delete.executeUpdate();
        }
    }

    /** The row's values after the workspace and store. */
    private static Object[] row(Object... values) {
        return values;
    }

    private void upsert(Connection connection, Table table, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(table.upsert(rows.size()))) {
            int index = 1;
            for (Object[] row : rows) {
                statement.setLong(index++, workspaceId);
                statement.setLong(index++, storeId);
                for (Object value : row) {
                    statement.setObject(index++, value);
                }
            }
            statement.executeUpdate();
        }
    }

    private static LocalDateTime time(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    /** A table's columns (workspace and store first) and how many of them form its key. */
    private record Table(String name, int keyColumns, String... columns) {

        String upsert(int rows) {
            String marks = "(" + String.join(",", java.util.Collections.nCopies(columns.length, "?")) + ")";
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(name).append(" (").append(String.join(",", columns))
                    .append(") VALUES ").append(String.join(",", java.util.Collections.nCopies(rows, marks)));
            List<String> updates = Arrays.stream(columns).skip(keyColumns).map(c -> c + " = VALUES(" + c + ")").toList();
            if (updates.isEmpty()) {
                return sql.toString().replaceFirst("^INSERT ", "INSERT IGNORE ");
            }
            return sql.append(" ON DUPLICATE KEY UPDATE ").append(String.join(", ", updates)).toString();
        }
    }
}
