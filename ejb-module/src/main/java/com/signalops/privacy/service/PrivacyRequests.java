package com.signalops.privacy.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.privacy.domain.DeletionOrigin;
import com.signalops.privacy.domain.PrivacyRequest;
import com.signalops.privacy.domain.PrivacyRequestKind;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens the privacy requests Shopify sends, each audited in the same transaction as a
 * {@code privacy-request.receive} of the actor Shopify. Opening is idempotent per webhook
 * delivery: processing a delivery again finds the request it opened. A customer data request
 * opens the export that answers it, and a redaction its deletion request, in the same transaction.
 */
@Stateless
public class PrivacyRequests {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @EJB
    private DataExports exports;

    @EJB
    private DeletionRequests deletions;

    /**
     * Opens a request of {@code kind} for store {@code storeId} of workspace {@code workspaceId},
     * due when the kind's legal deadline after {@code receivedAt} ends; answers the one delivery
     * {@code webhookId} opened before, if any.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public PrivacyRequest open(long workspaceId, long storeId, PrivacyRequestKind kind, Long shopifyCustomerId,
            List<Long> shopifyOrderIds, String webhookId, Instant receivedAt) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
        List<PrivacyRequest> opened = em.createNamedQuery("PrivacyRequest.findByWebhook", PrivacyRequest.class)
                .setParameter("webhookId", webhookId).getResultList();
        if (!opened.isEmpty()) {
            return opened.get(0);
        }
        PrivacyRequest request = new PrivacyRequest(storeId, kind, shopifyCustomerId, shopifyOrderIds, webhookId, receivedAt);
        em.persist(request);
        em.flush();
        // ids and dates only: who the customer is stays out of the audit trail
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("kind", kind.name());
        after.put("store_id", storeId);
        after.put("received_at", request.receivedAt().toString());
        after.put("due_at", request.dueAt().toString());
        after.put("status", request.status().name());
        after.put("orders", shopifyOrderIds.size());
        audit.record(AuditEntry.of(AuditAction.PRIVACY_REQUEST_RECEIVE, AuditOutcome.SUCCESS).in(workspaceId)
                // the actor is Shopify, on behalf of the store (its id: a shop domain may be longer than an actor id)
                .by(ActorType.SHOPIFY, storeId).named("Shopify").via(AuditSource.WEBHOOK).on(request.id()).after(after).build());
        if (kind == PrivacyRequestKind.CUSTOMER_DATA_REQUEST) {
            // answered by an export the export processor starts within seconds
            exports.openForRequest(request);
        }
        // a redaction is carried out by the data-deletion job, through a deletion request opened with it
        if (kind == PrivacyRequestKind.SHOP_REDACT) {
            deletions.openForStore(workspaceId, storeId, DeletionOrigin.SHOP_REDACT, webhookId, receivedAt);
        } else if (kind == PrivacyRequestKind.CUSTOMER_REDACT && shopifyCustomerId != null) {
            deletions.openForCustomer(workspaceId, storeId, shopifyCustomerId, shopifyOrderIds, webhookId, receivedAt);
        }
        return request;
    }
}
