package com.signalops.integration.service;

import com.signalops.integration.domain.ComplianceRequestIds;
import com.signalops.integration.domain.ShopifyTopic;
import com.signalops.integration.domain.WebhookDelivery;
import com.signalops.privacy.domain.PrivacyRequestKind;
import com.signalops.privacy.service.PrivacyRequests;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Processes one inbox delivery per call, each in its own transaction: the delivery is locked, so
 * that two servers never process it twice, and settled in the same transaction as its effects.
 * Only the compliance topics can be processed today; the others stay {@code RECEIVED} until the
 * import tables of a later slice exist.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class WebhookHandling {

    /** The topics this version processes. */
    public static final Set<ShopifyTopic> PROCESSED_TOPICS = EnumSet.of(ShopifyTopic.CUSTOMERS_DATA_REQUEST,
            ShopifyTopic.CUSTOMERS_REDACT, ShopifyTopic.SHOP_REDACT);

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private PrivacyRequests privacyRequests;

    private final Clock clock = Clock.systemUTC();

    /** The ids and workspaces of the deliveries due for processing, oldest first, at most {@code limit}. */
    public List<DueDelivery> due(int limit) {
        return em.createNamedQuery("WebhookDelivery.findDue", WebhookDelivery.class)
                .setParameter("status", WebhookDelivery.Status.RECEIVED.name())
                .setParameter("topics", PROCESSED_TOPICS.stream().map(ShopifyTopic::topicName).toList())
                .setParameter("now", now())
                .setMaxResults(limit)
                .getResultList().stream().map(d -> new DueDelivery(d.id(), d.workspaceId())).toList();
    }

    /** A delivery due for processing, and the workspace of its shop. */
    public record DueDelivery(long id, long workspaceId) {
    }

    /** Processes {@code due} unless another server or run has settled it meanwhile. */
    public void process(DueDelivery due) {
        // the persistence context's workspace, before anything is read in it
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(due.workspaceId()));
        WebhookDelivery delivery = em.find(WebhookDelivery.class, due.id(), LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || delivery.status() != WebhookDelivery.Status.RECEIVED) {
            return;
        }
        ShopifyTopic topic = delivery.topic();
        PrivacyRequestKind kind = topic.privacyKind()
                .orElseThrow(() -> new IllegalStateException(topic.topicName() + " cannot be processed yet"));
        ComplianceRequestIds ids = ComplianceRequestIds.of(topic, delivery.body());
        privacyRequests.open(delivery.workspaceId(), delivery.storeId(), kind, ids.customerId(), ids.orderIds(),
                delivery.webhookId(), delivery.receivedAt());
        delivery.processed(now());
    }

    /** Records a failed attempt at {@code deliveryId}; {@code error} names no payload content. */
    public void attemptFailed(long deliveryId, String error) {
        WebhookDelivery delivery = em.find(WebhookDelivery.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (delivery != null && delivery.status() == WebhookDelivery.Status.RECEIVED) {
            delivery.attemptFailed(error, now());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
