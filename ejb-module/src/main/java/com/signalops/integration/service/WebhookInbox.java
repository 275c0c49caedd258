package com.signalops.integration.service;

import com.signalops.integration.domain.ShopifyWebhook;
import com.signalops.integration.domain.WebhookDelivery;
import com.signalops.shared.UtcInstantConverter;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where verified deliveries land, in the request that receives them: stored once per webhook id
 * (a repeat is recognised and not stored again), committed before the receiver answers, so that
 * nothing acknowledged can be lost. A delivery for a shop no workspace has is kept as
 * {@link WebhookDelivery.Status#IGNORED}: it is still acknowledged, since Shopify would otherwise
 * retry it for hours.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class WebhookInbox {

    /** What became of a delivery. */
    public enum Receipt {
        /** Stored, to be processed. */
        STORED,
        /** Stored as ignored: no workspace has the shop. */
        STORED_UNKNOWN_SHOP,
        /** Stored before under the same webhook id: not stored again. */
        DUPLICATE
    }

    private static final Logger LOG = Logger.getLogger(WebhookInbox.class.getName());
    private static final UtcInstantConverter UTC = new UtcInstantConverter();

    private static final String INSERT = "INSERT IGNORE INTO webhook_inbox (webhook_id, topic, shop_domain, workspace_id, store_id, "
            + "api_version, triggered_at, received_at, body, status, attempts, next_attempt_at, processed_at, last_error) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)";

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** Stores {@code webhook} unless its webhook id was stored before. */
    public Receipt receive(ShopifyWebhook webhook) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // which workspace has the shop: asked across workspaces by the shop's unique domain (docs/decisions/0006)
        List<?> stores = em.createNativeQuery("SELECT workspace_id, id FROM store WHERE shop_domain = ?")
                .setParameter(1, webhook.shopDomain()).getResultList();
        Object[] store = stores.isEmpty() ? null : (Object[]) stores.get(0);
        boolean known = store != null;
        // INSERT IGNORE is the atomic check for a repeat: the unique webhook id decides, without a failed
        // transaction; every value was held to its column's shape before (ShopifyWebhook), so nothing is truncated
        int inserted = em.createNativeQuery(INSERT)
                .setParameter(1, webhook.webhookId())
                .setParameter(2, webhook.topic().topicName())
                .setParameter(3, webhook.shopDomain())
                .setParameter(4, known ? ((Number) store[0]).longValue() : null)
                .setParameter(5, known ? ((Number) store[1]).longValue() : null)
                .setParameter(6, webhook.apiVersion())
                .setParameter(7, webhook.triggeredAt() == null ? null : UTC.convertToDatabaseColumn(webhook.triggeredAt()))
                .setParameter(8, UTC.convertToDatabaseColumn(now))
                .setParameter(9, webhook.body())
                .setParameter(10, (known ? WebhookDelivery.Status.RECEIVED : WebhookDelivery.Status.IGNORED).name())
                .setParameter(11, UTC.convertToDatabaseColumn(now))
                .setParameter(12, known ? null : UTC.convertToDatabaseColumn(now))
                .setParameter(13, known ? null : "no workspace has this shop")
                .executeUpdate();
        if (inserted == 0) {
            LOG.log(Level.INFO, "Shopify webhook {0} ({1}) delivered again: acknowledged, not stored again",
                    new Object[] {webhook.webhookId(), webhook.topic().topicName()});
            return Receipt.DUPLICATE;
        }
        if (!known) {
            LOG.log(Level.INFO, "Shopify webhook {0} ({1}) for {2}, a shop no workspace has: stored as ignored",
                    new Object[] {webhook.webhookId(), webhook.topic().topicName(), webhook.shopDomain()});
            return Receipt.STORED_UNKNOWN_SHOP;
        }
        return Receipt.STORED;
    }
}
