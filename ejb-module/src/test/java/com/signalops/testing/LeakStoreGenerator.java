package com.signalops.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A store for the revenue-leak bench and system tests, written set-based straight into the commerce tables with
 * MariaDB's sequence tables ({@code seq_1_to_N}): every row a function of its number, so two stores written alike hold
 * the same rows.
 */
public final class LeakStoreGenerator {

    private LeakStoreGenerator() {
    }

    /**
     * Writes {@code orders} orders of {@code store} over the 100 days before {@code asOf} ({@code yyyy-MM-dd HH:mm:ss},
     * UTC), with leaks of every rule at rates of a store that leaks: 8 % of orders unfulfilled, 7 % unpaid, a ninth of the lines sold 3.00
     * under price (under cost for some variants), a quarter of orders with a code (repeat buyers reuse theirs), a tenth
     * with a refunded unit, one variant in 25 out of stock, a seventh of the orders small (some without shipping), one in
     * 97 over-refunded; and cancelled, test and out-of-window orders. Answers the number of line items.
     */
    public static long write(Connection connection, long workspace, long store, int orders, String asOf) throws SQLException {
        String ws = workspace + ", " + store;
        // buyers repeat every multiple of 20 orders: the same code (seq % 4, seq % 5) on each of a buyer's orders
        int buyers = Math.max(20, orders / 3 / 20 * 20);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO commerce_variant (workspace_id, store_id, variant_id, product_id, price, inventory_quantity, "
                    + "unit_cost) SELECT " + ws + ", seq, 1 + seq DIV 2, 5 + seq % 40, IF(seq % 25 = 0, 0, 50), "
                    + "IF(seq % 3 = 0, NULL, 4 + seq % 20) FROM seq_1_to_2000");
            statement.executeUpdate("INSERT INTO commerce_order (workspace_id, store_id, order_id, created_at, cancelled_at, test, email_hash, "
                    + "financial_status, fulfillment_status, currency, subtotal_price, total_price, total_discounts, total_shipping, "
                    + "total_refunded) SELECT " + ws + ", seq, TIMESTAMP'" + asOf + "' - INTERVAL (seq * 7919) % 144000 MINUTE, "
                    + "IF(seq % 40 = 0, TIMESTAMP'" + asOf + "', NULL), seq % 50 = 0, "
                    + "IF(seq % 5 = 0, NULL, UNHEX(SHA2(CONCAT('buyer', seq % " + buyers + "), 256))), "
                    + "CASE seq % 30 WHEN 2 THEN 'PENDING' WHEN 3 THEN 'AUTHORIZED' WHEN 4 THEN 'PARTIALLY_REFUNDED' WHEN 5 THEN 'REFUNDED' "
                    + "ELSE 'PAID' END, CASE seq % 25 WHEN 0 THEN 'UNFULFILLED' WHEN 1 THEN 'PARTIALLY_FULFILLED' ELSE 'FULFILLED' END, 'USD', "
                    + "20 + seq % 80, 20 + seq % 80, IF(seq % 4 = 0, 5, 0), IF(seq % 3 = 0, 0, 6.99), "
                    + "IF(seq % 97 = 0, 21 + seq % 80, IF(seq % 10 = 0, 10, 0)) FROM seq_1_to_" + orders);
            statement.executeUpdate("INSERT INTO commerce_order_discount_code (workspace_id, store_id, order_id, code) SELECT " + ws
                    + ", seq, ELT(1 + seq % 5, 'SAVE10', 'save10', 'WELCOME', 'VIP', 'BF') FROM seq_1_to_" + orders + " WHERE seq % 4 = 0");
            long lines = 0;
            for (int k = 1; k <= 3; k++) {
                lines += statement.executeUpdate("INSERT INTO commerce_line_item (workspace_id, store_id, line_item_id, order_id, quantity, "
                        + "requires_shipping, variant_id, original_unit_price, discounted_unit_price) SELECT " + ws + ", seq * 3 + " + k
                        + ", seq, 1 + (seq + " + k + ") % 3, (seq + " + k + ") % 4 <> 0, IF(seq % 20 = 0 AND " + k + " = 1, NULL, "
                        + "1 + (seq * 7 + " + k + ") % 2000), @price := IF(seq % 7 = 0, 5, 10 + (seq + " + k + ") % 30), "
                        + "@price - IF(seq % 9 = 0, 3, 0) "
                        + "FROM seq_1_to_" + orders + (k == 3 ? " WHERE seq % 2 = 0" : ""));
            }
            statement.executeUpdate("INSERT INTO commerce_refund (workspace_id, store_id, refund_id, order_id, created_at, total_refunded) "
                    + "SELECT " + ws + ", seq, seq, TIMESTAMP'" + asOf + "', 10 FROM seq_1_to_" + orders + " WHERE seq % 10 = 0");
            statement.executeUpdate("INSERT INTO commerce_refund_line (workspace_id, store_id, refund_id, position, line_item_id, quantity) "
                    + "SELECT " + ws + ", seq, 0, seq * 3 + 1, 1 FROM seq_1_to_" + orders + " WHERE seq % 10 = 0");
            return lines;
        }
    }
}
