package com.signalops.leaks.domain;

/**
 * The eight rules as SQL: each a query of one store's matches with their subject, exact amount (or, for STOCKOUT,
 * the figures of its one rational amount) and evidence, for {@link LeakAnalysis} to upsert. Placeholders are
 * {@code {name}}s bound by the analysis.
 */
final class RuleQueries {

    /** An order of the store in scope: created in the window, not a test, not cancelled. */
    private static final String IN_SCOPE = "o.workspace_id = {workspaceId} AND o.store_id = {storeId} AND o.created_at >= {from} "
            + "AND o.created_at <= {asOf} AND o.test = FALSE AND o.cancelled_at IS NULL";
    private static final String LINE_ITEMS = " JOIN commerce_line_item li ON li.workspace_id = o.workspace_id "
            + "AND li.store_id = o.store_id AND li.order_id = o.order_id";

    private RuleQueries() {
    }

    static String matches(LeakRule rule) {
        return switch (rule) {
            case UNFULFILLED_PAID -> "SELECT CONCAT('order:', o.order_id) AS subject, o.total_price - o.total_refunded AS exact, "
                    + "JSON_OBJECT('orders', JSON_ARRAY(o.order_id), 'createdAt', " + instant("o.created_at") + ", "
                    + "'financialStatus', o.financial_status, 'fulfillmentStatus', o.fulfillment_status, "
                    + "'totalPrice', " + money("o.total_price") + ", 'totalRefunded', " + money("o.total_refunded") + ", "
                    + "'unfulfilledHours', {unfulfilledHours}) AS evidence "
                    + "FROM commerce_order o WHERE " + IN_SCOPE + " AND o.financial_status = 'PAID' "
                    + "AND o.fulfillment_status IN ('UNFULFILLED', 'PARTIALLY_FULFILLED') AND o.created_at <= {unfulfilledBefore}";
            case STALE_PAYMENT -> "SELECT CONCAT('order:', o.order_id) AS subject, o.total_price AS exact, "
                    + "JSON_OBJECT('orders', JSON_ARRAY(o.order_id), 'createdAt', " + instant("o.created_at") + ", "
                    + "'financialStatus', o.financial_status, 'totalPrice', " + money("o.total_price") + ", "
                    + "'stalePaymentDays', {stalePaymentDays}) AS evidence "
                    + "FROM commerce_order o WHERE " + IN_SCOPE + " AND o.financial_status IN ('PENDING', 'AUTHORIZED') "
                    + "AND o.created_at <= {staleBefore}";
            case BELOW_COST -> "SELECT CONCAT('variant:', li.variant_id) AS subject, "
                    + "SUM((v.unit_cost - li.discounted_unit_price) * li.quantity) AS exact, "
                    + "JSON_OBJECT('variants', JSON_ARRAY(li.variant_id), 'unitCost', " + money("v.unit_cost") + ", "
                    + "'lineItemCount', " + number("COUNT(*)") + ", 'unitsBelowCost', " + number("SUM(li.quantity)") + ", 'lineItems', "
                    + list("JSON_OBJECT('lineItem', li.line_item_id, 'order', li.order_id, 'quantity', li.quantity, "
                            + "'discountedUnitPrice', " + money("li.discounted_unit_price") + ")", "li.line_item_id") + ") AS evidence "
                    + "FROM commerce_order o" + LINE_ITEMS + " JOIN commerce_variant v ON v.workspace_id = li.workspace_id "
                    + "AND v.store_id = li.store_id AND v.variant_id = li.variant_id "
                    + "WHERE " + IN_SCOPE + " AND v.unit_cost IS NOT NULL AND li.discounted_unit_price < v.unit_cost "
                    + "GROUP BY li.variant_id, v.unit_cost";
            // each (upper-cased code, email hash) group's orders, once each, numbered from the earliest (ties: smaller id)
            case DISCOUNT_CODE_REUSE -> "SELECT CONCAT('code:', LOWER(HEX(c.email_hash)), ':', c.code) AS subject, "
                    + "SUM(IF(c.seq > 1, c.total_discounts, 0)) AS exact, "
                    + "JSON_OBJECT('code', c.code, 'orderCount', " + number("COUNT(*)") + ", 'earliestOrder', MIN(IF(c.seq = 1, c.order_id, NULL)), "
                    + "'orders', " + list("JSON_OBJECT('order', c.order_id, 'createdAt', " + instant("c.created_at") + ", "
                            + "'totalDiscounts', " + money("c.total_discounts") + ")", "c.seq") + ") AS evidence "
                    + "FROM (SELECT d.*, ROW_NUMBER() OVER (PARTITION BY d.code, d.email_hash ORDER BY d.created_at, d.order_id) "
                    + "AS seq, COUNT(*) OVER (PARTITION BY d.code, d.email_hash) AS orders "
                    + "FROM (SELECT DISTINCT UPPER(dc.code) AS code, o.email_hash, o.order_id, o.created_at, o.total_discounts "
                    + "FROM commerce_order o JOIN commerce_order_discount_code dc ON dc.workspace_id = o.workspace_id "
                    + "AND dc.store_id = o.store_id AND dc.order_id = o.order_id "
                    + "WHERE " + IN_SCOPE + " AND o.email_hash IS NOT NULL) d) c "
                    + "WHERE c.orders >= 2 GROUP BY c.code, c.email_hash";
            case REFUND_HEAVY_VARIANT -> "SELECT CONCAT('variant:', li.variant_id) AS subject, "
                    + "SUM(IFNULL(r.quantity, 0) * li.discounted_unit_price) AS exact, "
                    + "JSON_OBJECT('variants', JSON_ARRAY(li.variant_id), 'unitsSold', " + number("SUM(li.quantity)") + ", "
                    + "'refundedUnits', " + number("SUM(IFNULL(r.quantity, 0))") + ", 'refundRate', {refundRate}, 'minUnitsSold', {minUnitsSold}, "
                    + "'refundedLineItems', " + list("IF(r.quantity > 0, JSON_OBJECT('lineItem', li.line_item_id, 'order', li.order_id, "
                            + "'refundedQuantity', r.quantity, 'discountedUnitPrice', " + money("li.discounted_unit_price") + "), NULL)",
                            "li.line_item_id") + ") AS evidence "
                    + "FROM commerce_order o" + LINE_ITEMS + " LEFT JOIN (SELECT rl.line_item_id, SUM(rl.quantity) AS quantity "
                    + "FROM commerce_refund_line rl WHERE rl.workspace_id = {workspaceId} AND rl.store_id = {storeId} "
                    + "GROUP BY rl.line_item_id) r ON r.line_item_id = li.line_item_id "
                    + "WHERE " + IN_SCOPE + " AND li.variant_id IS NOT NULL GROUP BY li.variant_id "
                    + "HAVING SUM(li.quantity) >= {minUnitsSold} AND SUM(IFNULL(r.quantity, 0)) >= {refundRate} * SUM(li.quantity)";
            case STOCKOUT -> "SELECT CONCAT('variant:', v.variant_id) AS subject, SUM(li.quantity) AS units, v.price AS price, "
                    + "JSON_OBJECT('variants', JSON_ARRAY(v.variant_id), 'inventoryQuantity', v.inventory_quantity, "
                    + "'price', " + money("v.price") + ", 'unitsSold', " + number("SUM(li.quantity)") + ", 'velocityDays', {velocityDays}, "
                    + "'velocity', CAST(SUM(li.quantity) / {velocityDays} AS CHAR), 'minVelocity', {minVelocity}, "
                    + "'lostDays', {lostDays}) AS evidence "
                    + "FROM commerce_order o" + LINE_ITEMS + " JOIN commerce_variant v ON v.workspace_id = li.workspace_id "
                    + "AND v.store_id = li.store_id AND v.variant_id = li.variant_id "
                    + "WHERE " + IN_SCOPE + " AND o.created_at >= {velocityFrom} AND v.inventory_quantity <= 0 "
                    + "GROUP BY v.variant_id, v.price, v.inventory_quantity "
                    + "HAVING SUM(li.quantity) >= {minVelocity} * {velocityDays}";
            case SHIPPING_UNDERCHARGED -> "SELECT CONCAT('order:', o.order_id) AS subject, {flatShippingRate} AS exact, "
                    + "JSON_OBJECT('orders', JSON_ARRAY(o.order_id), 'gross', " + money("SUM(li.original_unit_price * li.quantity)") + ", "
                    + "'totalDiscounts', " + money("o.total_discounts") + ", 'totalShipping', " + money("o.total_shipping") + ", "
                    + "'freeShippingThreshold', {freeShippingThreshold}, 'flatShippingRate', {flatShippingRate}) AS evidence "
                    + "FROM commerce_order o" + LINE_ITEMS + " WHERE " + IN_SCOPE + " AND o.total_shipping = 0 "
                    + "GROUP BY o.order_id, o.total_discounts, o.total_shipping "
                    + "HAVING MAX(li.requires_shipping) = 1 AND SUM(li.original_unit_price * li.quantity) - o.total_discounts "
                    + "< {freeShippingThreshold}";
            case OVER_REFUND -> "SELECT CONCAT('order:', o.order_id) AS subject, o.total_refunded - o.total_price AS exact, "
                    + "JSON_OBJECT('orders', JSON_ARRAY(o.order_id), 'totalPrice', " + money("o.total_price") + ", "
                    + "'totalRefunded', " + money("o.total_refunded") + ") AS evidence "
                    + "FROM commerce_order o WHERE " + IN_SCOPE + " AND o.total_refunded > o.total_price";
        };
    }

    /** A UTC timestamp as ISO-8601 text. */
    private static String instant(String column) {
        return "CONCAT(REPLACE(CAST(" + column + " AS CHAR), ' ', 'T'), 'Z')";
    }

    /** An exact decimal as text (JSON numbers would pass through floating point in many readers). */
    private static String money(String expression) {
        return "CAST(" + expression + " AS CHAR)";
    }

    /** A count as a JSON number (an aggregate's type is lost on its way through the grouping's temporary table). */
    private static String number(String expression) {
        return "JSON_EXTRACT(" + expression + ", '$')";
    }

    /** A JSON array of the first {@code evidenceItems} non-null {@code element}s of a group by {@code order}. */
    private static String list(String element, String order) {
        return "JSON_EXTRACT(CONCAT('[', IFNULL(GROUP_CONCAT(" + element + " ORDER BY " + order + " SEPARATOR ',' LIMIT "
                + LeakAnalysis.EVIDENCE_ITEMS + "), ''), ']'), '$')";
    }
}
