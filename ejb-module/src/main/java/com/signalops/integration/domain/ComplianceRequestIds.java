package com.signalops.integration.domain;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The ids a compliance webhook names, and nothing else of it: the customer's Shopify id and the
 * order ids ({@code orders_requested} of customers/data_request, {@code orders_to_redact} of
 * customers/redact). The customer's email and phone in the same payload are deliberately not read.
 */
public record ComplianceRequestIds(Long customerId, List<Long> orderIds) {

    public ComplianceRequestIds {
        orderIds = List.copyOf(orderIds);
    }

    /**
     * The ids in {@code body} of {@code topic}.
     *
     * @throws IllegalArgumentException when the body is not a JSON object, or a customer topic names
     *         no customer id; the message quotes nothing of the body
     */
    public static ComplianceRequestIds of(ShopifyTopic topic, byte[] body) {
        JsonObject payload;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            payload = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("The " + topic.topicName() + " body is not a JSON object");
        }
        return switch (topic) {
            case CUSTOMERS_DATA_REQUEST -> new ComplianceRequestIds(customerId(topic, payload), ids(payload, "orders_requested"));
            case CUSTOMERS_REDACT -> new ComplianceRequestIds(customerId(topic, payload), ids(payload, "orders_to_redact"));
            case SHOP_REDACT -> new ComplianceRequestIds(null, List.of());
            default -> throw new IllegalArgumentException(topic.topicName() + " is not a compliance topic");
        };
    }

    private static Long customerId(ShopifyTopic topic, JsonObject payload) {
        JsonValue customer = payload.get("customer");
        if (customer instanceof JsonObject object && object.get("id") instanceof JsonNumber id && id.isIntegral()) {
            return id.longValueExact();
        }
        throw new IllegalArgumentException("The " + topic.topicName() + " body names no customer id");
    }

    private static List<Long> ids(JsonObject payload, String member) {
        List<Long> ids = new ArrayList<>();
        if (payload.get(member) instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonNumber number && number.isIntegral()) {
                    ids.add(number.longValueExact());
                }
            }
        }
        return ids;
    }
}
