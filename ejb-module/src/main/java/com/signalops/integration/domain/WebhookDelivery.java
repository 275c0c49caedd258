package com.signalops.integration.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One verified Shopify webhook delivery in the inbox ({@code webhook_inbox}), from its receipt to
 * its processing. Not tenant-owned: a delivery for a shop no workspace has is kept without one.
 * Rows are inserted by {@code WebhookInbox} (an atomic insert-unless-seen on the webhook id);
 * this entity is how the processor reads and settles them. A failed attempt is retried with a
 * growing pause; after {@link #MAX_ATTEMPTS} the delivery is {@link Status#FAILED} and waits for
 * an operator.
 */
@Entity
@Table(name = "webhook_inbox")
@NamedQuery(name = "WebhookDelivery.findByWebhookId", query = "select d from WebhookDelivery d where d.webhookId = :webhookId")
@NamedQuery(name = "WebhookDelivery.findDue", query = "select d from WebhookDelivery d where d.status = :status "
        + "and d.topic in :topics and d.nextAttemptAt <= :now order by d.id")
public class WebhookDelivery {

    /** Where a delivery stands. */
    public enum Status {
        /** Stored, not processed yet. */
        RECEIVED,
        /** Done. */
        PROCESSED,
        /** Acknowledged and kept, never to be processed (a shop no workspace has, a store no longer connected). */
        IGNORED,
        /** Given up after {@link #MAX_ATTEMPTS} failed attempts. */
        FAILED
    }

    public static final int MAX_ATTEMPTS = 8;
    public static final int ERROR_LENGTH = 500;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);

    @Id
    private Long id;

    @Column(name = "webhook_id", nullable = false, updatable = false)
    private String webhookId;

    @Column(name = "topic", nullable = false, updatable = false)
    private String topic;

    @Column(name = "shop_domain", nullable = false, updatable = false)
    private String shopDomain;

    @Column(name = "workspace_id", updatable = false)
    private Long workspaceId;

    @Column(name = "store_id", updatable = false)
    private Long storeId;

    @Column(name = "api_version", updatable = false)
    private String apiVersion;

    @Column(name = "triggered_at", updatable = false)
    private Instant triggeredAt;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Column(name = "body", nullable = false, updatable = false)
    private byte[] body;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "processed_at")
    private Instant processedAt;

    @Column(name = "last_error", length = ERROR_LENGTH)
    private String lastError;

    protected WebhookDelivery() {
    }

    /** Settles the delivery as done. */
    public void processed(Instant now) {
        requireReceived();
        this.status = Status.PROCESSED.name();
        this.attempts++;
        this.processedAt = now;
        this.lastError = null;
    }

    /** Settles the delivery as not to be acted on, for {@code reason}, which names no payload content. */
    public void ignored(String reason, Instant now) {
        requireReceived();
        this.status = Status.IGNORED.name();
        this.attempts++;
        this.processedAt = now;
        this.lastError = reason == null ? null : reason.substring(0, Math.min(reason.length(), ERROR_LENGTH));
    }

    /**
     * Records a failed attempt: retried after a pause that doubles with each attempt (30 s up to an
     * hour), or {@link Status#FAILED} after the last one. {@code error} must name no payload content.
     */
    public void attemptFailed(String error, Instant now) {
        requireReceived();
        this.attempts++;
        this.lastError = error == null ? null : error.substring(0, Math.min(error.length(), ERROR_LENGTH));
        if (attempts >= MAX_ATTEMPTS) {
            this.status = Status.FAILED.name();
            return;
        }
        this.nextAttemptAt = now.plus(retryPause(attempts));
    }

    /** The pause after the {@code attempts}-th failed attempt. */
    static Duration retryPause(int attempts) {
        Duration pause = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 16));
        return pause.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause;
    }

    private void requireReceived() {
        if (status() != Status.RECEIVED) {
            throw new IllegalStateException("Delivery " + id + " is " + status + ", not RECEIVED");
        }
    }

    public Long id() {
        return id;
    }

    public String webhookId() {
        return webhookId;
    }

    /** The topic; always one of {@link ShopifyTopic}, since no other is stored. */
    public ShopifyTopic topic() {
        return ShopifyTopic.named(topic).orElseThrow();
    }

    public String shopDomain() {
        return shopDomain;
    }

    public Long workspaceId() {
        return workspaceId;
    }

    public Long storeId() {
        return storeId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** When Shopify says the event happened (X-Shopify-Triggered-At), if it said. */
    public Optional<Instant> triggeredAt() {
        return Optional.ofNullable(triggeredAt);
    }

    /** The raw body as Shopify signed it. */
    public byte[] body() {
        return body.clone();
    }

    public Status status() {
        return Status.valueOf(status);
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }
}
