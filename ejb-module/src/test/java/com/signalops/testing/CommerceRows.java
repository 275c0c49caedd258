package com.signalops.testing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Rows of one store's commerce tables written straight into them, for the revenue-leak tests: an order that
 * matches no rule unless told otherwise (paid, fulfilled, shipping charged, nothing refunded), its line items,
 * codes and refunds; variants. An order's email is stored as a SHA-256 of the text given, standing in for the
 * import's keyed hash of the normalised address (the rules only compare hashes).
 */
public final class CommerceRows {

    private final Connection connection;
    private final long workspaceId;
    private final long storeId;

    public CommerceRows(Connection connection, long workspaceId, long storeId) {
        this.connection = connection;
        this.workspaceId = workspaceId;
        this.storeId = storeId;
    }

    /** A new store of {@code workspaceId} (currency USD) and its rows. */
    public static CommerceRows newStore(Connection connection, long workspaceId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO store (workspace_id, store_code, shop_domain, currency, "
                + "timezone, created_at) VALUES (?, ?, ?, 'USD', 'UTC', UTC_TIMESTAMP(3))", Statement.RETURN_GENERATED_KEYS)) {
            String code = UUID.randomUUID().toString().substring(0, 8);
            insert.setLong(1, workspaceId);
            insert.setString(2, "L-" + code.toUpperCase());
            insert.setString(3, "l-" + code + ".myshopify.com");
            insert.executeUpdate();
            try (var keys = insert.getGeneratedKeys()) {
                keys.next();
                return new CommerceRows(connection, workspaceId, keys.getLong(1));
            }
        }
    }

    /** A new workspace; answers its id. */
    public static long newWorkspace(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO workspace (name, status, created_at) VALUES ('" + name + "', 'ACTIVE', UTC_TIMESTAMP(3))",
                    Statement.RETURN_GENERATED_KEYS);
            try (var keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public long workspaceId() {
        return workspaceId;
    }

    public long storeId() {
        return storeId;
    }

    public Order order(long orderId, Instant createdAt) {
        return new Order(orderId, createdAt);
    }

    public Variant variant(long variantId) {
        return new Variant(variantId);
    }

    /** Runs {@code sql} with {@code ?} for the workspace and then the store (e.g. to change a row between two runs). */
    public int update(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, workspaceId);
            statement.setLong(2, storeId);
            return statement.executeUpdate();
        }
    }

    /** A variant: price 10.00, 5 in stock, cost unknown. */
    public final class Variant {

        private final long id;
        private BigDecimal price = new BigDecimal("10.00");
        private Integer inventory = 5;
        private BigDecimal unitCost;

        private Variant(long id) {
            this.id = id;
        }

        public Variant price(String value) {
            price = new BigDecimal(value);
            return this;
        }

        public Variant inventory(Integer quantity) {
            inventory = quantity;
            return this;
        }

        public Variant cost(String value) {
            unitCost = value == null ? null : new BigDecimal(value);
            return this;
        }

        public long insert() throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO commerce_variant (workspace_id, store_id, variant_id, "
                    + "product_id, price, inventory_quantity, unit_cost) VALUES (?, ?, ?, 1, ?, ?, ?)")) {
                insert.setLong(1, workspaceId);
                insert.setLong(2, storeId);
                insert.setLong(3, id);
                insert.setBigDecimal(4, price);
                insert.setObject(5, inventory);
                insert.setBigDecimal(6, unitCost);
                insert.executeUpdate();
            }
            return id;
        }
    }

    /** An order: PAID, FULFILLED, total 100.00, shipping 10.00, no discount, nothing refunded, no email. */
    public final class Order {

        private final long id;
        private final Instant createdAt;
        private Instant cancelledAt;
        private boolean test;
        private String email;
        private Long customerId;
        private String financialStatus = "PAID";
        private String fulfillmentStatus = "FULFILLED";
        private BigDecimal totalPrice = new BigDecimal("100.00");
        private BigDecimal totalDiscounts = BigDecimal.ZERO;
        private BigDecimal totalShipping = new BigDecimal("10.00");
        private BigDecimal totalRefunded = BigDecimal.ZERO;
        private final List<Object[]> lineItems = new ArrayList<>();
        private final List<String> codes = new ArrayList<>();
        private final List<long[]> refundLines = new ArrayList<>();

        private Order(long id, Instant createdAt) {
            this.id = id;
            this.createdAt = createdAt;
        }

        public Order status(String financial, String fulfillment) {
            financialStatus = financial;
            fulfillmentStatus = fulfillment;
            return this;
        }

        public Order cancelledAt(Instant instant) {
            cancelledAt = instant;
            return this;
        }

        public Order test() {
            test = true;
            return this;
        }

        public Order email(String address) {
            email = address;
            return this;
        }

        /** The order is customer {@code id}'s. */
        public Order customer(long id) {
            customerId = id;
            return this;
        }

        public Order total(String price) {
            totalPrice = new BigDecimal(price);
            return this;
        }

        public Order discounts(String amount) {
            totalDiscounts = new BigDecimal(amount);
            return this;
        }

        public Order shipping(String amount) {
            totalShipping = new BigDecimal(amount);
            return this;
        }

        public Order refunded(String amount) {
            totalRefunded = new BigDecimal(amount);
            return this;
        }

        public Order code(String code) {
            codes.add(code);
            return this;
        }

        /** A line item of {@code variantId} (null: none), needing no shipping. */
        public Order line(long lineItemId, Long variantId, int quantity, String originalUnitPrice, String discountedUnitPrice) {
            return line(lineItemId, variantId, quantity, originalUnitPrice, discountedUnitPrice, false);
        }

        public Order line(long lineItemId, Long variantId, int quantity, String originalUnitPrice, String discountedUnitPrice,
                boolean requiresShipping) {
            lineItems.add(new Object[] {lineItemId, variantId, quantity, new BigDecimal(originalUnitPrice),
                    new BigDecimal(discountedUnitPrice), requiresShipping});
            return this;
        }

        /** A refund {@code refundId} of {@code quantity} of line item {@code lineItemId}. */
        public Order refundLine(long refundId, long lineItemId, int quantity) {
            refundLines.add(new long[] {refundId, lineItemId, quantity});
            return this;
        }

        public long insert() throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO commerce_order (workspace_id, store_id, order_id, "
                    + "created_at, cancelled_at, test, email_hash, financial_status, fulfillment_status, currency, subtotal_price, "
                    + "total_price, total_discounts, total_shipping, total_refunded, customer_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, workspaceId);
                insert.setLong(2, storeId);
                insert.setLong(3, id);
                insert.setObject(4, utc(createdAt));
                insert.setObject(5, cancelledAt == null ? null : utc(cancelledAt));
                insert.setBoolean(6, test);
                insert.setBytes(7, email == null ? null : sha256(email));
                insert.setString(8, financialStatus);
                insert.setString(9, fulfillmentStatus);
                insert.setBigDecimal(10, totalPrice);
                insert.setBigDecimal(11, totalPrice);
                insert.setBigDecimal(12, totalDiscounts);
                insert.setBigDecimal(13, totalShipping);
                insert.setBigDecimal(14, totalRefunded);
                insert.setObject(15, customerId);
                insert.executeUpdate();
            }
            for (Object[] line : lineItems) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO commerce_line_item (workspace_id, store_id, "
                        + "line_item_id, order_id, quantity, requires_shipping, variant_id, original_unit_price, discounted_unit_price) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setLong(1, workspaceId);
                    insert.setLong(2, storeId);
                    insert.setLong(3, (Long) line[0]);
                    insert.setLong(4, id);
                    insert.setInt(5, (Integer) line[2]);
                    insert.setBoolean(6, (Boolean) line[5]);
                    insert.setObject(7, line[1]);
                    insert.setBigDecimal(8, (BigDecimal) line[3]);
                    insert.setBigDecimal(9, (BigDecimal) line[4]);
                    insert.executeUpdate();
                }
            }
            for (String code : codes) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO commerce_order_discount_code (workspace_id, "
                        + "store_id, order_id, code) VALUES (?, ?, ?, ?)")) {
                    insert.setLong(1, workspaceId);
                    insert.setLong(2, storeId);
                    insert.setLong(3, id);
                    insert.setString(4, code);
                    insert.executeUpdate();
                }
            }
            short position = 0;
            for (long[] refund : refundLines) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT IGNORE INTO commerce_refund (workspace_id, store_id, "
                        + "refund_id, order_id, created_at, total_refunded) VALUES (?, ?, ?, ?, ?, 0)")) {
                    insert.setLong(1, workspaceId);
                    insert.setLong(2, storeId);
                    insert.setLong(3, refund[0]);
                    insert.setLong(4, id);
                    insert.setObject(5, utc(createdAt));
                    insert.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO commerce_refund_line (workspace_id, store_id, "
                        + "refund_id, position, line_item_id, quantity) VALUES (?, ?, ?, ?, ?, ?)")) {
                    insert.setLong(1, workspaceId);
                    insert.setLong(2, storeId);
                    insert.setLong(3, refund[0]);
                    insert.setShort(4, position++);
                    insert.setLong(5, refund[1]);
                    insert.setLong(6, refund[2]);
                    insert.executeUpdate();
                }
            }
            return id;
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
