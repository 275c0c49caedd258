package com.signalops.integration.service;

import com.signalops.commerce.domain.CommerceWebhookChanges;
import com.signalops.commerce.domain.CommerceWebhookChanges.KnownOrder;
import com.signalops.commerce.domain.CommerceWebhookChanges.Outcome;
import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.commerce.domain.WebhookPayloads;
import com.signalops.commerce.service.EmailHashKey;
import com.signalops.integration.domain.ComplianceRequestIds;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.integration.domain.ShopifyTopic;
import com.signalops.integration.domain.WebhookDelivery;
import com.signalops.privacy.domain.DeletionOrigin;
import com.signalops.privacy.domain.PrivacyRequestKind;
import com.signalops.privacy.service.DeletionRequests;
import com.signalops.privacy.service.PrivacyRequests;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Processes one inbox delivery per call, each in its own transaction: the delivery is locked, so
 * that two servers never process it twice, and settled in the same transaction as its effects.
 * Compliance topics open privacy requests; app/uninstalled disconnects the store and opens the
 * deletion of its data, due 48 hours after the event; the data topics
 * change the store's commerce tables through {@link CommerceWebhookChanges}, on the transaction's
 * own connection, while the store is connected (a delivery for a disconnected store is ignored:
 * its data is due for deletion).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class WebhookHandling {

    private static final Logger LOG = Logger.getLogger(WebhookHandling.class.getName());

    /** The topics this version processes: all it subscribes to. */
    public static final List<ShopifyTopic> PROCESSED_TOPICS = Arrays.asList(ShopifyTopic.values());

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private PrivacyRequests privacyRequests;

    @EJB
    private StoreConnectionService connections;

    @EJB
    private DeletionRequests deletions;

    @Inject
    private EmailHashKey emailHashKey;

    private Supplier<CustomerEmails> emails = () -> emailHashKey.customerEmails();

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
        Optional<PrivacyRequestKind> kind = topic.privacyKind();
        if (kind.isPresent()) {
            ComplianceRequestIds ids = ComplianceRequestIds.of(topic, delivery.body());
            privacyRequests.open(delivery.workspaceId(), delivery.storeId(), kind.get(), ids.customerId(), ids.orderIds(),
                    delivery.webhookId(), delivery.receivedAt());
            delivery.processed(now());
            return;
        }
        if (connections.liveConnection(delivery.workspaceId(), delivery.storeId()).isEmpty()) {
            delivery.ignored("the store is not connected", now());
            return;
        }
        if (topic == ShopifyTopic.APP_UNINSTALLED) {
            connections.disconnect(delivery.workspaceId(), delivery.storeId(), ConnectionActor.shopifyWebhook(delivery.shopDomain()));
            // the store's data must be gone within 48 hours of the uninstall, counted from when Shopify says it happened
            Instant uninstalledAt = delivery.triggeredAt().filter(t -> t.isBefore(delivery.receivedAt())).orElse(delivery.receivedAt());
            deletions.openForStore(delivery.workspaceId(), delivery.storeId(), DeletionOrigin.APP_UNINSTALLED, delivery.webhookId(),
                    uninstalledAt);
            delivery.processed(now());
            return;
        }
        Outcome outcome = applyToCommerce(delivery);
        LOG.log(Level.FINE, "Webhook delivery {0} ({1}): {2}", new Object[] {delivery.id(), topic.topicName(), outcome});
        delivery.processed(now());
    }

    /** Records a failed attempt at {@code deliveryId}; {@code error} names no payload content. */
    public void attemptFailed(long deliveryId, String error) {
        WebhookDelivery delivery = em.find(WebhookDelivery.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (delivery != null && delivery.status() == WebhookDelivery.Status.RECEIVED) {
            delivery.attemptFailed(error, now());
        }
    }

    private Outcome applyToCommerce(WebhookDelivery delivery) {
        CommerceWebhookChanges changes = new CommerceWebhookChanges(delivery.workspaceId(), delivery.storeId(), emails.get());
        byte[] body = delivery.body();
        // the transaction's own connection: the change commits or rolls back with the delivery's settlement
        Connection connection = em.unwrap(Connection.class);
        try {
            switch (delivery.topic()) {
                case ORDERS_CREATE, ORDERS_UPDATED, ORDERS_CANCELLED:
                    return changes.applyOrder(connection, WebhookPayloads.order(body));
                case REFUNDS_CREATE:
                    KnownOrder order = changes.lockOrder(connection, WebhookPayloads.refundOrderId(body))
                            .orElseThrow(() -> new IllegalStateException("the refund's order is not known yet"));
                    return changes.applyRefund(connection, WebhookPayloads.refund(body, order.currency()));
                case PRODUCTS_UPDATE:
                    return changes.applyProduct(connection, WebhookPayloads.product(body));
                case PRODUCTS_DELETE:
                    return changes.deleteProduct(connection, WebhookPayloads.productDeletion(body));
                case INVENTORY_LEVELS_UPDATE:
                    return changes.applyInventory(connection, WebhookPayloads.inventoryLevel(body));
                default:
                    throw new IllegalStateException(delivery.topic().topicName() + " changes no commerce table");
            }
        } catch (SQLException e) {
            // the SQL state only: a driver's message may quote the values of the payload
            throw new IllegalStateException("the commerce tables refused the change, SQL state " + e.getSQLState());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    void useEmails(Supplier<CustomerEmails> emails) {
        this.emails = emails;
    }
}
