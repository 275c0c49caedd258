package com.signalops.privacy.domain;

import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A data subject request of one store's customer (or of the shop itself), due by its legal
 * deadline. It names the customer and orders by their Shopify ids only: contact data that came
 * with the request is never copied here.
 */
@Entity
@Table(name = "privacy_request")
@NamedQuery(name = "PrivacyRequest.findByWebhook", query = "select p from PrivacyRequest p where p.webhookId = :webhookId")
public class PrivacyRequest extends TenantOwned {

    /**
     * Where a request stands: open; a customer data request's export ready for the merchant; a redaction completed by
     * the data-deletion job that carries it out.
     */
    public enum Status { OPEN, READY, COMPLETED }

    public static final int WEBHOOK_ID_LENGTH = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "store_id", nullable = false)
    private Long storeId;

    @Column(name = "kind", nullable = false, length = 30)
    private String kind;

    @Column(name = "shopify_customer_id")
    private Long shopifyCustomerId;

    @Column(name = "shopify_order_ids")
    private String shopifyOrderIds;

    @Column(name = "webhook_id", nullable = false, length = WEBHOOK_ID_LENGTH)
    private String webhookId;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Column(name = "status", nullable = false, length = 20)
    private String status;

    protected PrivacyRequest() {
    }

    /**
     * A request of {@code kind} for store {@code storeId}, received at {@code receivedAt} through
     * webhook delivery {@code webhookId}: open, due when the kind's legal deadline ends.
     */
    public PrivacyRequest(long storeId, PrivacyRequestKind kind, Long shopifyCustomerId, List<Long> shopifyOrderIds,
            String webhookId, Instant receivedAt) {
        this.storeId = storeId;
        this.kind = kind.name();
        this.shopifyCustomerId = shopifyCustomerId;
        this.shopifyOrderIds = shopifyOrderIds == null || shopifyOrderIds.isEmpty() ? null
                : shopifyOrderIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        if (webhookId == null || webhookId.isBlank() || webhookId.length() > WEBHOOK_ID_LENGTH) {
            throw new IllegalArgumentException("A privacy request names the webhook delivery it came from");
        }
        this.webhookId = webhookId;
        this.receivedAt = Objects.requireNonNull(receivedAt);
        this.dueAt = receivedAt.plus(kind.legalDeadline());
        this.status = Status.OPEN.name();
    }

    public Long id() {
        return id;
    }

    public long storeId() {
        return storeId;
    }

    public PrivacyRequestKind kind() {
        return PrivacyRequestKind.valueOf(kind);
    }

    public Long shopifyCustomerId() {
        return shopifyCustomerId;
    }

    public List<Long> shopifyOrderIds() {
        return shopifyOrderIds == null ? List.of() : Arrays.stream(shopifyOrderIds.split(",")).map(Long::valueOf).toList();
    }

    public String webhookId() {
        return webhookId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** The legal deadline: receipt plus the kind's {@link PrivacyRequestKind#legalDeadline()}. */
    public Instant dueAt() {
        return dueAt;
    }

    public Status status() {
        return Status.valueOf(status);
    }
}
