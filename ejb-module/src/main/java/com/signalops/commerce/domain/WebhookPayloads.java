package com.signalops.commerce.domain;

import com.signalops.commerce.domain.ImportLine.LineItemLine;
import com.signalops.commerce.domain.ImportLine.OrderLine;
import com.signalops.commerce.domain.ImportLine.ProductLine;
import com.signalops.commerce.domain.ImportLine.Refund;
import com.signalops.commerce.domain.ImportLine.RefundedItem;
import com.signalops.commerce.domain.ImportLine.VariantLine;
import com.signalops.commerce.domain.WebhookChange.InventoryChange;
import com.signalops.commerce.domain.WebhookChange.OrderChange;
import com.signalops.commerce.domain.WebhookChange.ProductChange;
import com.signalops.commerce.domain.WebhookChange.ProductDeletion;
import com.signalops.commerce.domain.WebhookChange.RefundChange;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the REST payloads of Shopify's data webhooks into the rows the import format gives
 * (docs/architecture.md, webhook processing): money is the shop currency's ({@code shop_money} of
 * each {@code *_set}, the order's {@code currency}), statuses are the GraphQL display values the
 * bulk import stores ({@code paid} is {@code PAID}, no fulfillment status is {@code UNFULFILLED},
 * {@code partial} is {@code PARTIALLY_FULFILLED}), a line item's discounted unit price is its
 * price less its discount allocations per unit. A payload that does not read is refused with an
 * {@link IllegalArgumentException} whose message quotes nothing of it.
 */
public final class WebhookPayloads {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final int AMOUNT_SCALE = 4;
    private static final Map<String, String> FULFILLMENT = Map.of("partial", "PARTIALLY_FULFILLED", "fulfilled", "FULFILLED",
            "unfulfilled", "UNFULFILLED", "restocked", "RESTOCKED");

    private WebhookPayloads() {
    }

    /** An orders/create, orders/updated or orders/cancelled payload (a REST order). */
    public static OrderChange order(byte[] body) {
        JsonObject o = read(body);
        long id = id(o, "id");
        Instant createdAt = required(instant(o, "created_at"), "created_at");
        String currency = text(o, "currency");
        Set<String> codes = new LinkedHashSet<>();
        for (JsonObject code : objects(o, "discount_codes")) {
            String value = text(code, "code");
            if (value != null) {
                codes.add(value);
            }
        }
        List<Refund> refunds = new ArrayList<>();
        BigDecimal totalRefunded = BigDecimal.ZERO;
        for (JsonObject refund : objects(o, "refunds")) {
            Refund read = refund(refund, currency);
            refunds.add(read);
            totalRefunded = totalRefunded.add(read.totalRefunded());
        }
        JsonObject customer = object(o, "customer");
        OrderLine order = new OrderLine(id, text(o, "name"), createdAt, instant(o, "cancelled_at"), Boolean.TRUE.equals(bool(o, "test")),
                text(o, "email"), customer == null || isNull(customer, "id") ? null : id(customer, "id"), financialStatus(text(o,
                        "financial_status")), fulfillmentStatus(text(o, "fulfillment_status")), currency, shopMoney(o,
                                "subtotal_price_set"), shopMoney(o, "total_price_set"), shopMoney(o, "total_discounts_set"), shopMoney(o,
                                        "total_shipping_price_set"), totalRefunded, codes, refunds);
        List<LineItemLine> lineItems = new ArrayList<>();
        for (JsonObject item : objects(o, "line_items")) {
            lineItems.add(lineItem(item, id));
        }
        return new OrderChange(order, lineItems, required(instant(o, "updated_at"), "updated_at"));
    }

    /** A refunds/create payload (a REST refund), its amounts in {@code shopCurrency}, the currency of its order's shop. */
    public static RefundChange refund(byte[] body, String shopCurrency) {
        JsonObject r = read(body);
        return new RefundChange(id(r, "order_id"), refund(r, shopCurrency));
    }

    /** The order a refunds/create payload belongs to. */
    public static long refundOrderId(byte[] body) {
        return id(read(body), "order_id");
    }

    /** A products/update payload (a REST product with its variants). */
    public static ProductChange product(byte[] body) {
        JsonObject p = read(body);
        long id = id(p, "id");
        // the REST status is lower-case (active, draft, archived); the import stores GraphQL's ProductStatus
        String status = text(p, "status");
        ProductLine product = new ProductLine(id, text(p, "title"), status == null ? null : status.toUpperCase(Locale.ROOT),
                required(instant(p, "updated_at"), "updated_at"));
        List<VariantLine> variants = new ArrayList<>();
        for (JsonObject v : objects(p, "variants")) {
            BigDecimal price = decimal(v, "price");
            variants.add(new VariantLine(id(v, "id"), id, text(v, "sku"), price == null ? BigDecimal.ZERO : price, integer(v,
                    "inventory_quantity"), isNull(v, "inventory_item_id") ? null : id(v, "inventory_item_id"), null, null, null));
        }
        return new ProductChange(product, variants);
    }

    /** A products/delete payload: the deleted product's id. */
    public static ProductDeletion productDeletion(byte[] body) {
        return new ProductDeletion(id(read(body), "id"));
    }

    /** An inventory_levels/update payload. */
    public static InventoryChange inventoryLevel(byte[] body) {
        JsonObject level = read(body);
        return new InventoryChange(id(level, "inventory_item_id"), integer(level, "available"),
                required(instant(level, "updated_at"), "updated_at"));
    }

    /**
     * A REST refund: its total is what its successful refund transactions in the shop's currency
     * returned; a refund whose transactions are in another (presentment) currency, or that has
     * none, totals the shop-money subtotals and taxes of its refund line items.
     */
    private static Refund refund(JsonObject r, String shopCurrency) {
        List<RefundedItem> items = new ArrayList<>();
        BigDecimal lines = BigDecimal.ZERO;
        for (JsonObject item : objects(r, "refund_line_items")) {
            Integer quantity = integer(item, "quantity");
            items.add(new RefundedItem(id(item, "line_item_id"), quantity == null ? 0 : quantity));
            lines = lines.add(shopMoney(item, "subtotal_set")).add(shopMoney(item, "total_tax_set"));
        }
        BigDecimal transactions = BigDecimal.ZERO;
        boolean inShopCurrency = false;
        for (JsonObject transaction : objects(r, "transactions")) {
            if ("refund".equals(text(transaction, "kind")) && "success".equals(text(transaction, "status"))
                    && shopCurrency != null && shopCurrency.equals(text(transaction, "currency"))) {
                BigDecimal amount = decimal(transaction, "amount");
                transactions = transactions.add(amount == null ? BigDecimal.ZERO : amount);
                inShopCurrency = true;
            }
        }
        return new Refund(id(r, "id"), instant(r, "created_at"), inShopCurrency ? transactions : lines, items);
    }

    private static LineItemLine lineItem(JsonObject item, long orderId) {
        Integer quantity = integer(item, "quantity");
        int units = quantity == null ? 0 : quantity;
        BigDecimal price = shopMoney(item, "price_set");
        BigDecimal allocated = BigDecimal.ZERO;
        for (JsonObject allocation : objects(item, "discount_allocations")) {
            allocated = allocated.add(shopMoney(allocation, "amount_set"));
        }
        BigDecimal discounted = units == 0 || allocated.signum() == 0 ? price
                : price.subtract(allocated.divide(BigDecimal.valueOf(units), AMOUNT_SCALE, RoundingMode.HALF_EVEN));
        return new LineItemLine(id(item, "id"), orderId, text(item, "sku"), units, Boolean.TRUE.equals(bool(item, "requires_shipping")),
                isNull(item, "variant_id") ? null : id(item, "variant_id"), price, discounted);
    }

    /** REST {@code financial_status} (paid, partially_refunded, ...) as GraphQL's displayFinancialStatus. */
    static String financialStatus(String rest) {
        return rest == null ? null : rest.toUpperCase(Locale.ROOT);
    }

    /** REST {@code fulfillment_status} (null, partial, fulfilled, ...) as GraphQL's displayFulfillmentStatus. */
    static String fulfillmentStatus(String rest) {
        return rest == null ? "UNFULFILLED" : FULFILLMENT.getOrDefault(rest, rest.toUpperCase(Locale.ROOT));
    }

    private static JsonObject read(byte[] body) {
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
            if (reader.readValue() instanceof JsonObject object) {
                return object;
            }
        } catch (JsonException e) {
            // refused below, without the body
        }
        throw new IllegalArgumentException("the payload is not a JSON object");
    }

    private static long id(JsonObject o, String name) {
        JsonValue value = o.get(name);
        try {
            if (value instanceof JsonNumber number) {
                return number.bigDecimalValue().longValueExact();
            }
            if (value instanceof JsonString s) {
                return Long.parseLong(s.getString().trim());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(name + " is missing or not a numeric id");
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    private static boolean isNull(JsonObject o, String name) {
        JsonValue value = o.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }

    private static String text(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static JsonObject object(JsonObject o, String name) {
        return o.get(name) instanceof JsonObject object ? object : null;
    }

    private static List<JsonObject> objects(JsonObject o, String name) {
        List<JsonObject> objects = new ArrayList<>();
        if (o.get(name) instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonObject object) {
                    objects.add(object);
                }
            }
        }
        return objects;
    }

    private static Boolean bool(JsonObject o, String name) {
        JsonValue value = o.get(name);
        return value == JsonValue.TRUE ? Boolean.TRUE : value == JsonValue.FALSE ? Boolean.FALSE : null;
    }

    private static Integer integer(JsonObject o, String name) {
        if (isNull(o, name)) {
            return null;
        }
        if (o.get(name) instanceof JsonNumber number) {
            try {
                return number.bigDecimalValue().intValueExact();
            } catch (ArithmeticException e) {
                // refused below
            }
        }
        throw new IllegalArgumentException(name + " is not a whole number");
    }

    /** The shop-currency amount of a REST money set ({@code {"shop_money":{"amount":"…"}}}); missing reads as 0. */
    private static BigDecimal shopMoney(JsonObject o, String name) {
        JsonObject set = object(o, name);
        JsonObject shop = set == null ? null : object(set, "shop_money");
        BigDecimal amount = shop == null ? null : decimal(shop, "amount");
        return amount == null ? BigDecimal.ZERO : amount;
    }

    private static BigDecimal decimal(JsonObject o, String name) {
        JsonValue value = o.get(name);
        try {
            if (value instanceof JsonString s) {
                return new BigDecimal(s.getString().trim());
            }
            if (value instanceof JsonNumber number) {
                return number.bigDecimalValue();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a decimal amount");
        }
        return null;
    }

    /** A REST timestamp (with the shop's offset); one without an offset is UTC. */
    private static Instant instant(JsonObject o, String name) {
        String text = text(o, name);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " is not an ISO-8601 timestamp");
            }
        }
    }
}
