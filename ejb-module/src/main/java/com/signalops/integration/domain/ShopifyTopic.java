package com.signalops.integration.domain;

import com.signalops.privacy.domain.PrivacyRequestKind;
import java.util.Arrays;
import java.util.Optional;

/**
 * The webhook topics SignalOps subscribes to, as Shopify names them in {@code X-Shopify-Topic}.
 * The three compliance topics become privacy requests, app/uninstalled disconnects the store, the
 * others change the store's commerce tables (WebhookHandling).
 */
public enum ShopifyTopic {

    ORDERS_CREATE("orders/create", null),
    ORDERS_UPDATED("orders/updated", null),
    ORDERS_CANCELLED("orders/cancelled", null),
    REFUNDS_CREATE("refunds/create", null),
    PRODUCTS_UPDATE("products/update", null),
    PRODUCTS_DELETE("products/delete", null),
    INVENTORY_LEVELS_UPDATE("inventory_levels/update", null),
    APP_UNINSTALLED("app/uninstalled", null),
    CUSTOMERS_DATA_REQUEST("customers/data_request", PrivacyRequestKind.CUSTOMER_DATA_REQUEST),
    CUSTOMERS_REDACT("customers/redact", PrivacyRequestKind.CUSTOMER_REDACT),
    SHOP_REDACT("shop/redact", PrivacyRequestKind.SHOP_REDACT);

    /** The longest topic name, the width of {@code webhook_inbox.topic}. */
    public static final int NAME_LENGTH = 60;

    private final String topicName;
    private final PrivacyRequestKind privacyKind;

    ShopifyTopic(String topicName, PrivacyRequestKind privacyKind) {
        this.topicName = topicName;
        this.privacyKind = privacyKind;
    }

    /** The name in {@code X-Shopify-Topic}, e.g. {@code orders/create}. */
    public String topicName() {
        return topicName;
    }

    /** The privacy request a compliance topic asks for; empty for the other topics. */
    public Optional<PrivacyRequestKind> privacyKind() {
        return Optional.ofNullable(privacyKind);
    }

    /**
     * The name of the topic in the Admin GraphQL API ({@code WebhookSubscriptionTopic}), e.g.
     * {@code ORDERS_CREATE}, with which SignalOps subscribes it.
     */
    public String graphqlName() {
        return name();
    }

    public boolean isCompliance() {
        return privacyKind != null;
    }

    /** The topic named {@code name} (as sent, case-sensitive), if SignalOps subscribes to it. */
    public static Optional<ShopifyTopic> named(String name) {
        return Arrays.stream(values()).filter(topic -> topic.topicName.equals(name)).findFirst();
    }
}
