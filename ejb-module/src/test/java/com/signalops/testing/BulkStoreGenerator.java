package com.signalops.testing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a made-up store in the import format (Shopify bulk-operation JSONL): products with two
 * variants each, customers, and orders of 1 to 4 line items (2.5 on average), some refunded, some
 * with a discount code; a few gids repeated later in a file, as a bulk export's updates are. The
 * same seed gives the same files. For the import tests and bench/import.
 */
public final class BulkStoreGenerator {

    private final int orders;
    private final int products;
    private final int customers;
    private final Random random;

    public BulkStoreGenerator(int orders, long seed) {
        this.orders = orders;
        this.products = Math.max(10, orders / 100);
        this.customers = Math.max(10, orders / 4);
        this.random = new Random(seed);
    }

    /** Writes products.jsonl, customers.jsonl and orders.jsonl into {@code folder}; answers the line items written. */
    public long writeTo(Path folder) throws IOException {
        Files.createDirectories(folder);
        writeProducts(folder.resolve("products.jsonl"));
        writeCustomers(folder.resolve("customers.jsonl"));
        return writeOrders(folder.resolve("orders.jsonl"));
    }

    private void writeProducts(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int p = 1; p <= products; p++) {
                out.write("{\"id\":\"gid://shopify/Product/" + p + "\",\"title\":\"Product " + p + "\",\"status\":\"ACTIVE\","
                        + "\"updatedAt\":\"2026-10-01T10:00:00Z\"}\n");
                for (int v = 0; v < 2; v++) {
                    long variant = p * 10L + v;
                    int cents = 500 + random.nextInt(5000);
                    out.write("{\"id\":\"gid://shopify/ProductVariant/" + variant + "\",\"sku\":\"SKU-" + variant + "\",\"price\":\""
                            + money(cents) + "\",\"inventoryQuantity\":" + (random.nextInt(40) - 5) + ",\"inventoryItem\":{\"id\":"
                            + "\"gid://shopify/InventoryItem/" + variant + "\",\"tracked\":true,\"unitCost\":{\"amount\":\""
                            + money(cents * (40 + random.nextInt(70)) / 100) + "\",\"currencyCode\":\"USD\"}},"
                            + "\"__parentId\":\"gid://shopify/Product/" + p + "\"}\n");
                }
            }
        }
    }

    private void writeCustomers(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int c = 1; c <= customers; c++) {
                out.write("{\"id\":\"gid://shopify/Customer/" + c + "\",\"email\":\"customer" + c + "@example.com\",\"firstName\":\"C\","
                        + "\"createdAt\":\"2026-01-02T08:00:00Z\",\"emailMarketingConsent\":{\"marketingState\":\""
                        + (c % 3 == 0 ? "NOT_SUBSCRIBED" : "SUBSCRIBED") + "\",\"marketingOptInLevel\":\"SINGLE_OPT_IN\","
                        + "\"consentUpdatedAt\":\"2026-01-02T08:00:00Z\"}}\n");
            }
        }
    }

    private long writeOrders(Path file) throws IOException {
        long lineItem = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int o = 1; o <= orders; o++) {
                int items = 1 + random.nextInt(2) + random.nextInt(2) + (random.nextInt(2) == 0 ? 1 : 0);
                long firstItem = lineItem + 1;
                String order = order(o, firstItem, random.nextInt(10) == 0);
                out.write(order);
                for (int i = 0; i < items; i++) {
                    lineItem++;
                    out.write(lineItem(o, lineItem, 1 + random.nextInt(3)));
                }
                if (o % 97 == 0) {
                    // a later version of the order and of its first line item
                    out.write(order(o, firstItem, true));
                    out.write(lineItem(o, firstItem, 5));
                }
            }
        }
        return lineItem;
    }

    private String order(int o, long firstItem, boolean refunded) {
        int day = 1 + (o % 28);
        String code = o % 5 == 0 ? "\"WELCOME10\"" : o % 7 == 0 ? "\"VIP\",\"vip\"" : "";
        String refunds = refunded ? "{\"id\":\"gid://shopify/Refund/" + o + "\",\"createdAt\":\"2026-10-" + two(day) + "T12:00:00Z\","
                + "\"totalRefundedSet\":{\"shopMoney\":{\"amount\":\"10.00\",\"currencyCode\":\"USD\"}},\"refundLineItems\":{\"nodes\":"
                + "[{\"quantity\":1,\"lineItem\":{\"id\":\"gid://shopify/LineItem/" + firstItem + "\"}}]}}" : "";
        return "{\"id\":\"gid://shopify/Order/" + o + "\",\"name\":\"#" + (1000 + o) + "\",\"createdAt\":\"2026-10-" + two(day)
                + "T" + two(o % 24) + ":00:00Z\",\"cancelledAt\":" + (o % 50 == 0 ? "\"2026-10-28T00:00:00Z\"" : "null")
                + ",\"test\":" + (o % 200 == 0) + ",\"email\":\"Customer" + (1 + o % customers) + "@Example.com\",\"customer\":{\"id\":"
                + "\"gid://shopify/Customer/" + (1 + o % customers) + "\"},\"displayFinancialStatus\":\"" + (refunded ? "PARTIALLY_REFUNDED"
                : o % 9 == 0 ? "PENDING" : "PAID") + "\",\"displayFulfillmentStatus\":\"" + (o % 4 == 0 ? "UNFULFILLED" : "FULFILLED")
                + "\",\"currencyCode\":\"USD\",\"subtotalPriceSet\":" + set(4500) + ",\"totalPriceSet\":" + set(5099)
                + ",\"totalDiscountsSet\":" + set(code.isEmpty() ? 0 : 500) + ",\"totalShippingPriceSet\":" + set(o % 3 == 0 ? 0 : 599)
                + ",\"totalRefundedSet\":" + set(refunded ? 1000 : 0) + ",\"discountCodes\":[" + code + "],\"refunds\":[" + refunds
                + "]}\n";
    }

    private String lineItem(int o, long id, int quantity) {
        long variant = (1 + random.nextInt(products)) * 10L + random.nextInt(2);
        int cents = 500 + random.nextInt(5000);
        return "{\"id\":\"gid://shopify/LineItem/" + id + "\",\"sku\":\"SKU-" + variant + "\",\"quantity\":" + quantity
                + ",\"requiresShipping\":" + (id % 10 != 0) + ",\"variant\":" + (id % 50 == 0 ? "null"
                : "{\"id\":\"gid://shopify/ProductVariant/" + variant + "\"}") + ",\"originalUnitPriceSet\":" + set(cents)
                + ",\"discountedUnitPriceSet\":" + set(cents * 9 / 10) + ",\"__parentId\":\"gid://shopify/Order/" + o + "\"}\n";
    }

    private static String set(int cents) {
        return "{\"shopMoney\":{\"amount\":\"" + money(cents) + "\",\"currencyCode\":\"USD\"},\"presentmentMoney\":{\"amount\":\""
                + money(cents) + "\",\"currencyCode\":\"USD\"}}";
    }

    private static String money(int cents) {
        return cents / 100 + "." + two(cents % 100);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
