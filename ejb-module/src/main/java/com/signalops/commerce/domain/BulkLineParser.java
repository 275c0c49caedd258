package com.signalops.commerce.domain;

import com.signalops.commerce.domain.ImportLine.CustomerLine;
import com.signalops.commerce.domain.ImportLine.LineItemLine;
import com.signalops.commerce.domain.ImportLine.OrderLine;
import com.signalops.commerce.domain.ImportLine.ProductLine;
import com.signalops.commerce.domain.ImportLine.Refund;
import com.signalops.commerce.domain.ImportLine.RefundedItem;
import com.signalops.commerce.domain.ImportLine.VariantLine;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Reads one line of a Shopify bulk-operation JSONL file of one resource (the import format of
 * issue 6 and docs/import-format clarifications 9-14): a parent object, or a child carrying
 * {@code __parentId}, which must name a parent accepted on an earlier line. Unknown fields are
 * ignored, a missing optional field is null, a null or missing money field is 0, a missing
 * discounted price is the original one, timestamps without an offset are UTC. Anything else that
 * does not read is a {@link SkippedLine} with its reason; the message never quotes the line.
 */
public final class BulkLineParser {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String PARENT_ID = "__parentId";
    /** What the tables' DECIMAL(19, 4) columns hold exactly: an amount outside is refused, never rounded. */
    private static final BigDecimal LARGEST_AMOUNT = new BigDecimal("1000000000000000");
    private static final int AMOUNT_SCALE = 4;

    private final ImportResource resource;

    public BulkLineParser(ImportResource resource) {
        this.resource = resource;
    }

    /**
     * The line {@code text} (not blank) as an accepted line.
     *
     * @param acceptedParent whether a parent of this file's parent type with that id was accepted on an earlier line
     * @throws SkippedLine when the line is to be skipped, with its reason
     */
    public ImportLine parse(String text, LongPredicate acceptedParent) throws SkippedLine {
        JsonObject object = object(text);
        JsonValue idValue = object.get("id");
        if (idValue == null || idValue.getValueType() == JsonValue.ValueType.NULL
                || idValue instanceof JsonString s && s.getString().isEmpty()) {
            throw new SkippedLine(SkipReason.MISSING_ID, "the line has no id");
        }
        ShopifyGid gid = idValue instanceof JsonString s ? ShopifyGid.parse(s.getString())
                .orElseThrow(() -> new SkippedLine(SkipReason.UNKNOWN_GID_TYPE, "the id is not a Shopify gid"))
                : reject(SkipReason.UNKNOWN_GID_TYPE, "the id is not a Shopify gid");
        if (gid.type().equals(resource.parentType())) {
            return parent(gid.id(), object);
        }
        if (resource.childType().filter(gid.type()::equals).isPresent()) {
            long parentId = parentOf(object, acceptedParent);
            return child(gid.id(), parentId, object);
        }
        throw new SkippedLine(SkipReason.UNKNOWN_GID_TYPE, "type " + gid.type() + " does not belong in " + resource.fileName());
    }

    private static JsonObject object(String text) throws SkippedLine {
        JsonValue value;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw new SkippedLine(SkipReason.INVALID_JSON, "the line is not valid JSON");
        }
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new SkippedLine(SkipReason.INVALID_JSON, "the line is a JSON " + value.getValueType().name().toLowerCase() + ", not an object");
    }

    private long parentOf(JsonObject object, LongPredicate acceptedParent) throws SkippedLine {
        Optional<ShopifyGid> parent = string(object, PARENT_ID).flatMap(ShopifyGid::parse);
        if (parent.isEmpty() || !parent.get().type().equals(resource.parentType()) || !acceptedParent.test(parent.get().id())) {
            throw new SkippedLine(SkipReason.ORPHAN, "__parentId names no " + resource.parentType() + " accepted on an earlier line");
        }
        return parent.get().id();
    }

    private ImportLine parent(long id, JsonObject o) throws SkippedLine {
        return switch (resource) {
            case PRODUCTS -> new ProductLine(id, string(o, "title").orElse(null), string(o, "status").orElse(null), instant(o, "updatedAt"));
            case CUSTOMERS -> customer(id, o);
            case ORDERS -> order(id, o);
        };
    }

    private ImportLine child(long id, long parentId, JsonObject o) throws SkippedLine {
        return switch (resource) {
            case PRODUCTS -> variant(id, parentId, o);
            case ORDERS -> lineItem(id, parentId, o);
            case CUSTOMERS -> throw new IllegalStateException("customers have no child lines");
        };
    }

    private static CustomerLine customer(long id, JsonObject o) throws SkippedLine {
        JsonObject consent = object(o, "emailMarketingConsent");
        return new CustomerLine(id, string(o, "email").orElse(null), instant(o, "createdAt"),
                consent == null ? null : string(consent, "marketingState").orElse(null),
                consent == null ? null : string(consent, "marketingOptInLevel").orElse(null),
                consent == null ? null : instant(consent, "consentUpdatedAt"));
    }

    private static VariantLine variant(long id, long productId, JsonObject o) throws SkippedLine {
        JsonObject item = object(o, "inventoryItem");
        Long itemId = null;
        Boolean tracked = null;
        BigDecimal cost = null;
        String costCurrency = null;
        if (item != null) {
            itemId = string(item, "id").flatMap(ShopifyGid::parse).map(ShopifyGid::id).orElse(null);
            tracked = bool(item, "tracked");
            JsonObject unitCost = object(item, "unitCost");
            if (unitCost != null) {
                cost = decimal(unitCost, "amount");
                costCurrency = string(unitCost, "currencyCode").orElse(null);
            }
        }
        BigDecimal price = decimal(o, "price");
        return new VariantLine(id, productId, string(o, "sku").orElse(null), price == null ? BigDecimal.ZERO : price,
                integer(o, "inventoryQuantity"), itemId, tracked, cost, costCurrency);
    }

    private static OrderLine order(long id, JsonObject o) throws SkippedLine {
        Instant createdAt = instant(o, "createdAt");
        if (createdAt == null) {
            throw new SkippedLine(SkipReason.INVALID_FIELD, "createdAt is missing");
        }
        Boolean test = bool(o, "test");
        JsonObject customer = object(o, "customer");
        Long customerId = customer == null ? null : string(customer, "id").flatMap(ShopifyGid::parse).map(ShopifyGid::id).orElse(null);
        Set<String> codes = new LinkedHashSet<>();
        for (JsonValue code : array(o, "discountCodes")) {
            if (code instanceof JsonString s) {
                codes.add(s.getString());
            }
        }
        List<Refund> refunds = new ArrayList<>();
        for (JsonValue value : array(o, "refunds")) {
            if (value instanceof JsonObject refund) {
                refunds.add(refund(refund));
            }
        }
        return new OrderLine(id, string(o, "name").orElse(null), createdAt, instant(o, "cancelledAt"), Boolean.TRUE.equals(test),
                string(o, "email").orElse(null), customerId, string(o, "displayFinancialStatus").orElse(null),
                string(o, "displayFulfillmentStatus").orElse(null), string(o, "currencyCode").orElse(null), money(o, "subtotalPriceSet"),
                money(o, "totalPriceSet"), money(o, "totalDiscountsSet"), money(o, "totalShippingPriceSet"), money(o, "totalRefundedSet"),
                codes, refunds);
    }

    private static Refund refund(JsonObject r) throws SkippedLine {
        long refundId = string(r, "id").flatMap(ShopifyGid::parse).filter(g -> g.type().equals("Refund")).map(ShopifyGid::id)
                .orElseThrow(() -> new SkippedLine(SkipReason.INVALID_FIELD, "a refund has no Refund gid"));
        List<RefundedItem> items = new ArrayList<>();
        for (JsonObject node : nodes(object(r, "refundLineItems"))) {
            JsonObject lineItem = object(node, "lineItem");
            Optional<ShopifyGid> lineItemId = lineItem == null ? Optional.empty() : string(lineItem, "id").flatMap(ShopifyGid::parse);
            if (lineItemId.isEmpty()) {
                throw new SkippedLine(SkipReason.INVALID_FIELD, "a refund line item names no line item");
            }
            Integer quantity = integer(node, "quantity");
            items.add(new RefundedItem(lineItemId.get().id(), quantity == null ? 0 : quantity));
        }
        return new Refund(refundId, instant(r, "createdAt"), money(r, "totalRefundedSet"), items);
    }

    private static LineItemLine lineItem(long id, long orderId, JsonObject o) throws SkippedLine {
        JsonObject variant = object(o, "variant");
        Long variantId = variant == null ? null : string(variant, "id").flatMap(ShopifyGid::parse).map(ShopifyGid::id).orElse(null);
        Integer quantity = integer(o, "quantity");
        Boolean requiresShipping = bool(o, "requiresShipping");
        BigDecimal original = money(o, "originalUnitPriceSet");
        BigDecimal discounted = isMissing(o, "discountedUnitPriceSet") ? original : money(o, "discountedUnitPriceSet");
        return new LineItemLine(id, orderId, string(o, "sku").orElse(null), quantity == null ? 0 : quantity,
                Boolean.TRUE.equals(requiresShipping), variantId, original, discounted);
    }

    private static List<JsonObject> nodes(JsonObject connection) {
        List<JsonObject> nodes = new ArrayList<>();
        if (connection == null) {
            return nodes;
        }
        for (JsonValue node : array(connection, "nodes")) {
            if (node instanceof JsonObject n) {
                nodes.add(n);
            }
        }
        for (JsonValue edge : array(connection, "edges")) {
            if (edge instanceof JsonObject e && object(e, "node") != null) {
                nodes.add(object(e, "node"));
            }
        }
        return nodes;
    }

    private static boolean isMissing(JsonObject o, String name) {
        JsonValue value = o.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }

    private static Optional<String> string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    private static JsonObject object(JsonObject o, String name) {
        return o.get(name) instanceof JsonObject object ? object : null;
    }

    private static List<JsonValue> array(JsonObject o, String name) {
        return o.get(name) instanceof JsonArray array ? array : List.of();
    }

    private static Boolean bool(JsonObject o, String name) {
        JsonValue value = o.get(name);
        return value == JsonValue.TRUE ? Boolean.TRUE : value == JsonValue.FALSE ? Boolean.FALSE : null;
    }

    private static Integer integer(JsonObject o, String name) throws SkippedLine {
        JsonValue value = o.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        try {
            if (value instanceof JsonNumber number) {
                return number.bigDecimalValue().intValueExact();
            }
            if (value instanceof JsonString s) {
                return Integer.parseInt(s.getString().trim());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // falls through to the skip below
        }
        throw new SkippedLine(SkipReason.INVALID_FIELD, name + " is not a whole number");
    }

    /** A shopMoney amount of a money set; null or missing reads as 0. */
    private static BigDecimal money(JsonObject o, String name) throws SkippedLine {
        JsonObject set = object(o, name);
        JsonObject shopMoney = set == null ? null : object(set, "shopMoney");
        BigDecimal amount = shopMoney == null ? null : decimal(shopMoney, "amount");
        return amount == null ? BigDecimal.ZERO : amount;
    }

    private static BigDecimal decimal(JsonObject o, String name) throws SkippedLine {
        JsonValue value = o.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        try {
            BigDecimal amount = value instanceof JsonString s ? new BigDecimal(s.getString().trim())
                    : value instanceof JsonNumber number ? number.bigDecimalValue() : null;
            if (amount != null && amount.abs().compareTo(LARGEST_AMOUNT) < 0 && amount.stripTrailingZeros().scale() <= AMOUNT_SCALE) {
                return amount;
            }
        } catch (NumberFormatException e) {
            // falls through to the skip below
        }
        throw new SkippedLine(SkipReason.INVALID_FIELD, name + " is not a decimal amount of at most 15 digits and 4 decimals");
    }

    private static Instant instant(JsonObject o, String name) throws SkippedLine {
        Optional<String> text = string(o, name);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.get()).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text.get()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new SkippedLine(SkipReason.INVALID_FIELD, name + " is not an ISO-8601 timestamp");
            }
        }
    }

    private static <T> T reject(SkipReason reason, String detail) throws SkippedLine {
        throw new SkippedLine(reason, detail);
    }
}
