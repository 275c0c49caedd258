package com.signalops.integration.domain;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditSource;
import java.util.Objects;

/**
 * Who connects or disconnects a store, and through which door: a console user, or Shopify itself
 * (the app/uninstalled webhook). It becomes the actor and source of the audit record.
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

    /** Shopify, by a webhook about the shop {@code shopDomain}. */
    public static ConnectionActor shopifyWebhook(String shopDomain) {
        return new ConnectionActor(ActorType.SHOPIFY, shopDomain, AuditSource.WEBHOOK);
    }
}
