package com.signalops.privacy.domain;

import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A request to delete a store's, a customer's or a whole workspace's data, carried out by the
 * {@code data-deletion} job once {@link #actAfter()} has come and by {@link #dueAt()}. Ids and
 * dates only: the customer's Shopify id is held while the request is open and cleared when it
 * completes. A workspace's own deletion waits {@link #WORKSPACE_GRACE} and can be cancelled until
 * then. (A user's erasure of their own account belongs to no workspace and is kept by
 * {@code AccountErasure} in the same table.)
 */
@Entity
@Table(name = "deletion_request")
@NamedQuery(name = "DeletionRequest.findOpen", query = "select d from DeletionRequest d where d.status in "
        + "(com.signalops.privacy.domain.DeletionRequest.Status.PENDING, com.signalops.privacy.domain.DeletionRequest.Status.RUNNING) "
        + "order by d.dueAt, d.id")
public class DeletionRequest extends TenantOwned {

    /** Where a request stands. */
    public enum Status { PENDING, RUNNING, COMPLETED, CANCELLED }

    /** How long a workspace's deletion waits, and can be cancelled, after it was confirmed. */
    public static final Duration WORKSPACE_GRACE = Duration.ofDays(7);
    /** How long before its deadline an unfinished request raises a HIGH security event. */
    public static final Duration DEADLINE_WARNING = Duration.ofHours(12);
    public static final int REQUESTED_BY_LENGTH = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 20, updatable = false)
    private DeletionKind kind;

    @Column(name = "store_id", updatable = false)
    private Long storeId;

    @Column(name = "shopify_customer_id")
    private Long shopifyCustomerId;

    @Column(name = "shopify_order_ids")
    private String shopifyOrderIds;

    @Enumerated(EnumType.STRING)
    @Column(name = "origin", nullable = false, length = 30, updatable = false)
    private DeletionOrigin origin;

    @Column(name = "requested_by", nullable = false, length = REQUESTED_BY_LENGTH, updatable = false)
    private String requestedBy;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Column(name = "act_after", nullable = false)
    private Instant actAfter;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private Status status;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    @Column(name = "cancelled_by", length = 64)
    private String cancelledBy;

    @Column(name = "deadline_warned_at")
    private Instant deadlineWarnedAt;

    @Column(name = "deadline_missed_at")
    private Instant deadlineMissedAt;

    protected DeletionRequest() {
    }

    private DeletionRequest(DeletionKind kind, Long storeId, DeletionOrigin origin, String requestedBy, Instant receivedAt,
            Instant actAfter) {
        if (requestedBy == null || requestedBy.isBlank() || requestedBy.length() > REQUESTED_BY_LENGTH) {
            throw new IllegalArgumentException("A deletion request names the webhook delivery or the user that asked for it");
        }
        this.kind = kind;
        this.storeId = storeId;
        this.origin = origin;
        this.requestedBy = requestedBy;
        this.receivedAt = Objects.requireNonNull(receivedAt);
        this.actAfter = actAfter;
        this.dueAt = actAfter.plus(origin.deadline());
        this.status = Status.PENDING;
    }

    /**
     * The deletion of every row of store {@code storeId}, asked for by webhook delivery
     * {@code webhookId} of {@code origin} (shop/redact or app/uninstalled) at {@code eventAt}:
     * acted on at once, due when the origin's deadline after the event ends.
     */
    public static DeletionRequest ofStore(long storeId, DeletionOrigin origin, String webhookId, Instant eventAt) {
        if (origin != DeletionOrigin.SHOP_REDACT && origin != DeletionOrigin.APP_UNINSTALLED) {
            throw new IllegalArgumentException("A store's deletion comes from shop/redact or app/uninstalled");
        }
        return new DeletionRequest(DeletionKind.SHOP, storeId, origin, webhookId, eventAt, eventAt);
    }

    /**
     * The deletion of every record of customer {@code shopifyCustomerId} of store {@code storeId}
     * (and the link of orders {@code shopifyOrderIds} to them), asked for by customers/redact
     * delivery {@code webhookId} received at {@code receivedAt}.
     */
    public static DeletionRequest ofCustomer(long storeId, long shopifyCustomerId, List<Long> shopifyOrderIds, String webhookId,
            Instant receivedAt) {
        DeletionRequest request = new DeletionRequest(DeletionKind.CUSTOMER, storeId, DeletionOrigin.CUSTOMERS_REDACT, webhookId,
                receivedAt, receivedAt);
        request.shopifyCustomerId = shopifyCustomerId;
        request.shopifyOrderIds = shopifyOrderIds == null || shopifyOrderIds.isEmpty() ? null
                : shopifyOrderIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        return request;
    }

    /**
     * The deletion of the whole workspace, confirmed by user {@code userId} at {@code now}: carried
     * out after {@link #WORKSPACE_GRACE}, which it can be cancelled within.
     */
    public static DeletionRequest ofWorkspace(long userId, Instant now) {
        return new DeletionRequest(DeletionKind.WORKSPACE, null, DeletionOrigin.CONSOLE, Long.toString(userId), now,
                now.plus(WORKSPACE_GRACE));
    }

    /** Takes the earlier of its deadline and {@code other}'s: a second request for the same subject never extends the first. */
    public void dueNoLaterThan(Instant other) {
        if (other.isBefore(dueAt)) {
            dueAt = other;
        }
    }

    /**
     * Cancels the request at {@code now} for user {@code userId}: only a workspace's deletion,
     * only while its grace period runs and the job has not started it.
     */
    public void cancel(long userId, Instant now) {
        if (kind != DeletionKind.WORKSPACE || status != Status.PENDING || !now.isBefore(actAfter)) {
            throw new BusinessException("deletion-request.not-cancellable",
                    "Only a workspace's deletion can be cancelled, and only before its grace period ends");
        }
        status = Status.CANCELLED;
        cancelledAt = now;
        cancelledBy = Long.toString(userId);
    }

    /** Whether {@link #cancel} is allowed at {@code now}. */
    public boolean isCancellable(Instant now) {
        return kind == DeletionKind.WORKSPACE && status == Status.PENDING && now.isBefore(actAfter);
    }

    /** Whether the request is still open and within {@link #DEADLINE_WARNING} of its deadline (or past it) at {@code now}. */
    public boolean isAtRisk(Instant now) {
        return (status == Status.PENDING || status == Status.RUNNING) && !now.isBefore(dueAt.minus(DEADLINE_WARNING));
    }

    /** Whether the request is still open after its deadline at {@code now}. */
    public boolean isOverdue(Instant now) {
        return (status == Status.PENDING || status == Status.RUNNING) && !now.isBefore(dueAt);
    }

    /** Whether it is open and about the same subject as {@code other} (same kind, store and customer). */
    public boolean isOpenFor(DeletionRequest other) {
        return (status == Status.PENDING || status == Status.RUNNING) && kind == other.kind && Objects.equals(storeId, other.storeId)
                && Objects.equals(shopifyCustomerId, other.shopifyCustomerId);
    }

    public Long id() {
        return id;
    }

    public DeletionKind kind() {
        return kind;
    }

    public Optional<Long> storeId() {
        return Optional.ofNullable(storeId);
    }

    public DeletionOrigin origin() {
        return origin;
    }

    /** The webhook delivery id (Shopify origins) or the requesting user's id (console). */
    public String requestedBy() {
        return requestedBy;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant actAfter() {
        return actAfter;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Status status() {
        return status;
    }

    public Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }

    public Optional<Instant> cancelledAt() {
        return Optional.ofNullable(cancelledAt);
    }
}
