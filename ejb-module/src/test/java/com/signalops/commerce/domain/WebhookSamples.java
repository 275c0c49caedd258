package com.signalops.commerce.domain;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Shopify's example webhook payloads under {@code src/test/resources/shopify/webhooks}, and copies
 * of them with fields changed, for the tests that need other values.
 */
public enum WebhookSamples {

    ORDERS_CREATE("orders-create.json"),
    REFUNDS_CREATE("refunds-create.json"),
    PRODUCTS_UPDATE("products-update.json"),
    PRODUCTS_DELETE("products-delete.json"),
    INVENTORY_LEVELS_UPDATE("inventory_levels-update.json"),
    APP_UNINSTALLED("app-uninstalled.json");

    private static final JsonProvider JSON = JsonProvider.provider();

    private final String file;

    WebhookSamples(String file) {
        this.file = file;
    }

    /** The example as Shopify sends it. */
    public byte[] bytes() {
        try (InputStream in = WebhookSamples.class.getResourceAsStream("/shopify/webhooks/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the sample " + file, e);
        }
    }

    /** The example with the changes {@code change} makes to its top-level fields. */
    public byte[] with(Consumer<JsonObjectBuilder> change) {
        JsonObjectBuilder builder = object(read(bytes()));
        change.accept(builder);
        return builder.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    public static JsonObject read(byte[] body) {
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
            return reader.readObject();
        }
    }

    public static JsonObjectBuilder object(JsonObject object) {
        return JSON.createObjectBuilder(object);
    }

    public static JsonArrayBuilder array(Object... values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Object value : values) {
            if (value instanceof JsonObjectBuilder builder) {
                array.add(builder);
            } else {
                array.add((JsonObject) value);
            }
        }
        return array;
    }

    /** A REST money set of {@code amount} in USD, shop and presentment alike. */
    public static JsonObjectBuilder moneySet(String amount) {
        JsonObjectBuilder money = JSON.createObjectBuilder().add("amount", amount).add("currency_code", "USD");
        return JSON.createObjectBuilder().add("shop_money", money).add("presentment_money",
                JSON.createObjectBuilder().add("amount", amount).add("currency_code", "USD"));
    }

    /** A line item's discount allocation of {@code amount}. */
    public static JsonObjectBuilder allocation(String amount) {
        return JSON.createObjectBuilder().add("amount", amount).add("amount_set", moneySet(amount)).add("discount_application_index", 0);
    }

    /** A refund's transaction. */
    public static JsonObjectBuilder transaction(String kind, String status, String amount, String currency) {
        return JSON.createObjectBuilder().add("kind", kind).add("status", status).add("amount", amount).add("currency", currency);
    }
}
