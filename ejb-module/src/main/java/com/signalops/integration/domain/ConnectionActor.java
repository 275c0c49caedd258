package com.signalops.integration.domain;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditSource;
import java.util.Objects;

/**
 * Who acts on a store's connection or imports its data, and through which door: a console user, an API
 * key, or Shopify itself (the app/uninstalled webhook). It becomes the actor and source of the audit record.
 */
public record ConnectionActor(ActorType type, String id, AuditSource source) {

    public ConnectionActor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
    }

    /** A signed-in user in the console. */
    public static ConnectionActor user(long userId) {
        return new ConnectionActor(ActorType.USER, Long.toString(userId), AuditSource.UI);
    }

    /** An API key through the REST API. */
    public static ConnectionActor apiKey(long keyId) {
        return new ConnectionActor(ActorType.API_KEY, Long.toString(keyId), AuditSource.API);
    }

    /** Shopify, by a webhook about the shop {@code shopDomain}. */
    public static ConnectionActor shopifyWebhook(String shopDomain) {
        return new ConnectionActor(ActorType.SHOPIFY, shopDomain, AuditSource.WEBHOOK);
    }
}
