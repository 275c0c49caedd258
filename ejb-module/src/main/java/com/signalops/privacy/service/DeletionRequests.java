package com.signalops.privacy.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.privacy.domain.DeletionKind;
import com.signalops.privacy.domain.DeletionOrigin;
import com.signalops.privacy.domain.DeletionReceipt;
import com.signalops.privacy.domain.DeletionRequest;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.TenantOwned;
import com.signalops.tenancy.domain.Workspace;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens, lists and cancels deletion requests, each change audited in its transaction
 * ({@code deletion-request.open}, {@code deletion-request.cancel}); the {@code data-deletion}
 * job carries them out. At most one request per subject is open: a second request for it keeps
 * the first, with the earlier of the two deadlines.
 */
@Stateless
public class DeletionRequests {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    private Clock clock = Clock.systemUTC();

    /**
     * Opens the deletion of every row of store {@code storeId}, asked for by Shopify's webhook
     * delivery {@code webhookId} ({@code origin}: shop/redact or app/uninstalled) at {@code eventAt};
     * in the caller's transaction (the delivery's).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public DeletionRequest openForStore(long workspaceId, long storeId, DeletionOrigin origin, String webhookId, Instant eventAt) {
        return open(workspaceId, DeletionRequest.ofStore(storeId, origin, webhookId, eventAt), ActorType.SHOPIFY, Long.toString(storeId),
                AuditSource.WEBHOOK);
    }

    /**
     * Opens the deletion of every record of customer {@code shopifyCustomerId} of store
     * {@code storeId} (and of the links of orders {@code orderIds}), asked for by customers/redact
     * delivery {@code webhookId}; in the caller's transaction.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public DeletionRequest openForCustomer(long workspaceId, long storeId, long shopifyCustomerId, List<Long> orderIds, String webhookId,
            Instant receivedAt) {
        return open(workspaceId, DeletionRequest.ofCustomer(storeId, shopifyCustomerId, orderIds, webhookId, receivedAt),
                ActorType.SHOPIFY, Long.toString(storeId), AuditSource.WEBHOOK);
    }

    /**
     * Schedules the deletion of workspace {@code workspaceId}, confirmed by user {@code userId}
     * typing its name {@code typedName}: carried out when the grace period ends, cancellable until then.
     *
     * @throws BusinessException ({@code deletion-request.confirmation}) when the typed name is not the workspace's
     */
    public DeletionRequest requestWorkspaceDeletion(long workspaceId, long userId, String typedName) {
        Workspace workspace = em.find(Workspace.class, workspaceId, LockModeType.PESSIMISTIC_WRITE);
        if (workspace == null) {
            throw new NotFoundException("workspace");
        }
        if (typedName == null || !typedName.trim().equals(workspace.name())) {
            throw new BusinessException("deletion-request.confirmation", "Type the workspace's name exactly to confirm its deletion");
        }
        DeletionRequest request = open(workspaceId, DeletionRequest.ofWorkspace(userId, now()), ActorType.USER, Long.toString(userId),
                AuditSource.UI);
        workspace.scheduleDeletion();
        return request;
    }

    /**
     * Cancels request {@code requestId} of workspace {@code workspaceId} for user {@code userId}.
     *
     * @throws BusinessException ({@code deletion-request.not-cancellable}) unless it is a workspace's deletion in its grace period
     */
    public DeletionRequest cancel(long workspaceId, long requestId, long userId) {
        tenant(workspaceId);
        DeletionRequest request = Optional.ofNullable(em.find(DeletionRequest.class, requestId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new NotFoundException("deletion-request"));
        Map<String, Object> before = snapshot(request);
        request.cancel(userId, now());
        if (request.kind() == DeletionKind.WORKSPACE) {
            em.find(Workspace.class, workspaceId, LockModeType.PESSIMISTIC_WRITE).cancelDeletion();
        }
        em.flush();
        audit.record(AuditEntry.of(AuditAction.DELETION_REQUEST_CANCEL, AuditOutcome.SUCCESS).in(workspaceId)
                .by(ActorType.USER, userId).via(AuditSource.UI).on(request.id()).before(before).after(snapshot(request)).build());
        return request;
    }

    /** The workspace's open requests, the nearest deadline first. */
    public List<DeletionRequest> open(long workspaceId) {
        tenant(workspaceId);
        return em.createNamedQuery("DeletionRequest.findOpen", DeletionRequest.class).getResultList();
    }

    /** The workspace's latest {@code limit} receipts, newest first. */
    public List<DeletionReceipt> receipts(long workspaceId, int limit) {
        tenant(workspaceId);
        return em.createNamedQuery("DeletionReceipt.findLatest", DeletionReceipt.class).setMaxResults(limit).getResultList();
    }

    private DeletionRequest open(long workspaceId, DeletionRequest requested, ActorType actorType, String actorId, AuditSource source) {
        tenant(workspaceId);
        Optional<DeletionRequest> same = em.createNamedQuery("DeletionRequest.findOpen", DeletionRequest.class).getResultList().stream()
                .filter(open -> open.isOpenFor(requested)).findFirst();
        if (same.isPresent()) {
            if (requested.kind() == DeletionKind.WORKSPACE) {
                throw new BusinessException("deletion-request.already-scheduled", "The workspace's deletion is already scheduled");
            }
            same.get().dueNoLaterThan(requested.dueAt());
            return same.get();
        }
        em.persist(requested);
        em.flush();
        audit.record(AuditEntry.of(AuditAction.DELETION_REQUEST_OPEN, AuditOutcome.SUCCESS).in(workspaceId).by(actorType, actorId)
                .named(actorType == ActorType.SHOPIFY ? "Shopify" : null).via(source).on(requested.id()).after(snapshot(requested))
                .build());
        return requested;
    }

    /** Ids and dates only: who a customer is stays out of the audit trail. */
    private static Map<String, Object> snapshot(DeletionRequest request) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("kind", request.kind().name());
        state.put("store_id", request.storeId().orElse(null));
        state.put("origin", request.origin().name());
        state.put("received_at", request.receivedAt().toString());
        state.put("act_after", request.actAfter().toString());
        state.put("due_at", request.dueAt().toString());
        state.put("status", request.status().name());
        return state;
    }

    private void tenant(long workspaceId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }
}
