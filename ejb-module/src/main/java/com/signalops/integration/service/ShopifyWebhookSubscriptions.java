package com.signalops.integration.service;

import com.signalops.integration.domain.ShopifyTopic;
import com.signalops.integration.service.ShopifyAdminApi.ShopifyApiException;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Subscribes a connected shop to the webhooks SignalOps processes, through
 * {@code webhookSubscriptionCreate}, deliveries to the console's {@code /webhooks/shopify}. Runs
 * after the connection committed and apart from it: a failure leaves the store connected, is
 * logged (without token) and kept on the connection ({@code webhook_subscription_error}), and the
 * next connect of the store tries again. The three compliance topics are not subscribed here:
 * Shopify takes them only from the app's configuration (docs/operations.md).
 */
@Stateless
public class ShopifyWebhookSubscriptions {

    /** The topics subscribed through the API: all but the compliance ones. */
    public static final List<ShopifyTopic> TOPICS = Arrays.stream(ShopifyTopic.values()).filter(t -> !t.isCompliance()).toList();
    private static final Logger LOG = Logger.getLogger(ShopifyWebhookSubscriptions.class.getName());
    private static final int ERROR_LENGTH = 300;

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private StoreConnectionService connections;

    @Inject
    private ShopifyAuthorization authorization;

    @Inject
    private ShopifyAdminApi api;

    private final Clock clock = Clock.systemUTC();

    /** Subscribes the shop of store {@code storeId}'s live connection, in the background. */
    @Asynchronous
    public void subscribe(long workspaceId, long storeId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
        Optional<URI> callback = authorization.app().webhookCallbackUri();
        String error = null;
        try {
            if (callback.isEmpty()) {
                error = "no webhook address: SIGNALOPS_SHOPIFY_REDIRECT_URL is not set";
            } else {
                String token = connections.accessToken(workspaceId, storeId);
                String shop = (String) em.createNativeQuery("SELECT shop_domain FROM store WHERE workspace_id = ? AND id = ?")
                        .setParameter(1, workspaceId).setParameter(2, storeId).getSingleResult();
                for (ShopifyTopic topic : TOPICS) {
                    subscribe(shop, token, topic, callback.get());
                }
            }
        } catch (ShopifyApiException | BusinessException e) {
            error = e.getMessage();
        }
        record(workspaceId, storeId, error);
        if (error == null) {
            LOG.log(Level.INFO, "Shopify webhooks of store {0} subscribed: {1} topics to {2}", new Object[] {storeId, TOPICS.size(),
                    callback.orElseThrow()});
        } else {
            LOG.log(Level.WARNING, "Shopify webhooks of store {0} not subscribed, the store stays connected; connect it again to "
                    + "retry: {1}", new Object[] {storeId, error});
        }
    }

    private void subscribe(String shop, String token, ShopifyTopic topic, URI callback) {
        try {
            api.subscribeWebhook(shop, token, topic.graphqlName(), callback);
        } catch (ShopifyApiException e) {
            // a renewed connection finds its earlier subscriptions in place
            if (!e.getMessage().contains("already been taken")) {
                throw e;
            }
        }
    }

    private void record(long workspaceId, long storeId, String error) {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        em.createNativeQuery("UPDATE store_connection SET webhooks_subscribed_at = ?, webhook_subscription_error = ? "
                + "WHERE workspace_id = ? AND store_id = ? AND status = 'CONNECTED'")
                .setParameter(1, error == null ? Timestamp.valueOf(now) : null)
                .setParameter(2, error == null ? null : error.substring(0, Math.min(error.length(), ERROR_LENGTH)))
                .setParameter(3, workspaceId).setParameter(4, storeId).executeUpdate();
    }
}
