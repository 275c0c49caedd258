package com.signalops.commerce.domain;

import com.signalops.commerce.domain.ImportLine.VariantLine;
import com.signalops.commerce.domain.WebhookChange.InventoryChange;
import com.signalops.commerce.domain.WebhookChange.OrderChange;
import com.signalops.commerce.domain.WebhookChange.ProductChange;
import com.signalops.commerce.domain.WebhookChange.ProductDeletion;
import com.signalops.commerce.domain.WebhookChange.RefundChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Applies webhook changes to one store's commerce tables on the caller's connection and
 * transaction, through {@link CommerceTables} (rows marked with no import). Shopify may deliver a
 * resource's webhooks out of order: a change older than the stored version (by the payload's
 * {@code updated_at}) is not applied, and the row it would have touched stays locked until the
 * transaction ends, so two deliveries of one resource are applied one after the other.
 */
public final class CommerceWebhookChanges {

    /** What became of a change. */
    public enum Outcome {
        APPLIED,
        /** The stored version is newer than the change; nothing was written. */
        STALE,
        /** The change names nothing the store's tables hold; nothing was written. */
        NOTHING_KNOWN
    }

    /** An order the store's tables hold, and its shop currency (null when not known). */
    public record KnownOrder(long orderId, String currency) {
    }

    private final long workspaceId;
    private final long storeId;
    private final CommerceTables tables;

    public CommerceWebhookChanges(long workspaceId, long storeId, CustomerEmails emails) {
        this.workspaceId = workspaceId;
        this.storeId = storeId;
        this.tables = new CommerceTables(workspaceId, storeId, null, emails);
    }

    /** An order's new version with its line items, unless a newer version is stored. */
    public Outcome applyOrder(Connection connection, OrderChange change) throws SQLException {
        long orderId = change.order().id();
        Optional<Optional<Instant>> stored = lockedInstant(connection,
                "SELECT source_updated_at FROM commerce_order WHERE workspace_id = ? AND store_id = ? AND order_id = ? FOR UPDATE", orderId);
        if (stored.flatMap(at -> at).filter(at -> at.isAfter(millis(change.updatedAt()))).isPresent()) {
            return Outcome.STALE;
        }
        List<ImportLine> lines = new ArrayList<>();
        lines.add(change.order());
        lines.addAll(change.lineItems());
        tables.write(connection, lines);
        update(connection, "UPDATE commerce_order SET source_updated_at = ? WHERE workspace_id = ? AND store_id = ? AND order_id = ?",
                time(change.updatedAt()), orderId);
        return Outcome.APPLIED;
    }

    /** Locks order {@code orderId} of the store, if its tables hold it, and answers its currency. */
    public Optional<KnownOrder> lockOrder(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT currency FROM commerce_order WHERE workspace_id = ? AND store_id = ? AND order_id = ? FOR UPDATE")) {
            bindStore(query, orderId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new KnownOrder(orderId, row.getString(1))) : Optional.empty();
            }
        }
    }

    /**
     * One more refund of a stored order (refunds/create): the order's refunded total becomes the
     * sum of its refunds, and its version is at least the refund's time, so that an orders/updated
     * from before the refund no longer replaces the order's refunds with fewer.
     */
    public Outcome applyRefund(Connection connection, RefundChange change) throws SQLException {
        if (lockOrder(connection, change.orderId()).isEmpty()) {
            return Outcome.NOTHING_KNOWN;
        }
        tables.writeRefund(connection, change.orderId(), change.refund());
        if (change.refund().createdAt() != null) {
            LocalDateTime at = time(change.refund().createdAt());
            update(connection, "UPDATE commerce_order SET source_updated_at = GREATEST(COALESCE(source_updated_at, ?), ?) "
                    + "WHERE workspace_id = ? AND store_id = ? AND order_id = ?", at, at, change.orderId());
        }
        return Outcome.APPLIED;
    }

    /**
     * A product's new version and its variants, unless a newer version is stored. A variant keeps
     * its known unit cost and tracked flag (the payload has neither); a new one has none.
     */
    public Outcome applyProduct(Connection connection, ProductChange change) throws SQLException {
        long productId = change.product().id();
        Optional<Optional<Instant>> stored = lockedInstant(connection,
                "SELECT updated_at FROM commerce_product WHERE workspace_id = ? AND store_id = ? AND product_id = ? FOR UPDATE", productId);
        if (stored.flatMap(at -> at).filter(at -> at.isAfter(millis(change.product().updatedAt()))).isPresent()) {
            return Outcome.STALE;
        }
        Map<Long, VariantLine> known = knownVariants(connection, change.variants());
        List<ImportLine> lines = new ArrayList<>();
        lines.add(change.product());
        for (VariantLine v : change.variants()) {
            VariantLine was = known.get(v.id());
            lines.add(was == null ? v : new VariantLine(v.id(), v.productId(), v.sku(), v.price(), v.inventoryQuantity(),
                    v.inventoryItemId() == null ? was.inventoryItemId() : v.inventoryItemId(), was.tracked(), was.unitCost(),
                    was.costCurrency()));
        }
        tables.write(connection, lines);
        return Outcome.APPLIED;
    }

    /** Deletes a product and its variants; the line items that sold them keep their variant's id. */
    public Outcome deleteProduct(Connection connection, ProductDeletion deletion) throws SQLException {
        update(connection, "DELETE FROM commerce_variant WHERE workspace_id = ? AND store_id = ? AND product_id = ?", deletion.productId());
        int products = update(connection, "DELETE FROM commerce_product WHERE workspace_id = ? AND store_id = ? AND product_id = ?",
                deletion.productId());
        return products == 0 ? Outcome.NOTHING_KNOWN : Outcome.APPLIED;
    }

    /**
     * The units available of an inventory item become the inventory quantity of the variant that
     * has the item, unless a later level was applied. One location per store is assumed: a shop
     * stocking several locations sees the last location reported (docs/architecture.md).
     */
    public Outcome applyInventory(Connection connection, InventoryChange change) throws SQLException {
        LocalDateTime at = time(change.updatedAt());
        int changed = update(connection, "UPDATE commerce_variant SET inventory_quantity = ?, inventory_updated_at = ? "
                + "WHERE workspace_id = ? AND store_id = ? AND inventory_item_id = ? "
                + "AND (inventory_updated_at IS NULL OR inventory_updated_at <= ?)", change.available(), at, change.inventoryItemId(), at);
        if (changed > 0) {
            return Outcome.APPLIED;
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM commerce_variant WHERE workspace_id = ? AND store_id = ? AND inventory_item_id = ? LIMIT 1")) {
            bindStore(query, change.inventoryItemId());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Outcome.STALE : Outcome.NOTHING_KNOWN;
            }
        }
    }

    private Map<Long, VariantLine> knownVariants(Connection connection, List<VariantLine> variants) throws SQLException {
        Map<Long, VariantLine> known = new HashMap<>();
        if (variants.isEmpty()) {
            return known;
        }
        StringJoiner marks = new StringJoiner(",", "(", ")");
        variants.forEach(v -> marks.add("?"));
        try (PreparedStatement query = connection.prepareStatement("SELECT variant_id, product_id, inventory_item_id, inventory_tracked, "
                + "unit_cost, cost_currency FROM commerce_variant WHERE workspace_id = ? AND store_id = ? AND variant_id IN " + marks
                + " FOR UPDATE")) {
            query.setLong(1, workspaceId);
            query.setLong(2, storeId);
            for (int i = 0; i < variants.size(); i++) {
                query.setLong(i + 3, variants.get(i).id());
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    long itemId = row.getLong(3);
                    Long inventoryItemId = row.wasNull() ? null : itemId;
                    boolean tracked = row.getBoolean(4);
                    Boolean trackedOrNull = row.wasNull() ? null : tracked;
                    known.put(row.getLong(1), new VariantLine(row.getLong(1), row.getLong(2), null, null, null, inventoryItemId,
                            trackedOrNull, row.getBigDecimal(5), row.getString(6)));
                }
            }
        }
        return known;
    }

    /** Empty when no row; else the row's (nullable) instant. */
    private Optional<Optional<Instant>> lockedInstant(Connection connection, String sql, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            bindStore(query, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                LocalDateTime at = row.getObject(1, LocalDateTime.class);
                return Optional.of(Optional.ofNullable(at).map(t -> t.toInstant(ZoneOffset.UTC)));
            }
        }
    }

    private void bindStore(PreparedStatement statement, long id) throws SQLException {
        statement.setLong(1, workspaceId);
        statement.setLong(2, storeId);
        statement.setLong(3, id);
    }

    /** Runs {@code sql}: the leading values, then the workspace and store, then the trailing values (split at the first store mark). */
    private int update(Connection connection, String sql, Object... values) throws SQLException {
        int leading = countMarks(sql.substring(0, sql.indexOf("workspace_id = ?")));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (int i = 0; i < leading; i++) {
                statement.setObject(index++, values[i]);
            }
            statement.setLong(index++, workspaceId);
            statement.setLong(index++, storeId);
            for (int i = leading; i < values.length; i++) {
                statement.setObject(index++, values[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static int countMarks(String sql) {
        return (int) sql.chars().filter(c -> c == '?').count();
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static LocalDateTime time(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(millis(instant), ZoneOffset.UTC);
    }
}
