package com.signalops.ai.domain;

import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;

/**
 * One call to the model provider for a suggestion, kept as evidence of what left and what came back: the first
 * {@value #PREVIEW_LENGTH} characters of the request's finding message (already pseudonymized: it holds references, never
 * personal data; the system message is fixed text of the release) and of the model's answer (as received, before
 * references were restored), with the SHA-256 of the whole of each (the whole conversation sent, as
 * {@link SuggestionPrompt#conversation()} writes it, and the whole answer). It
 * ends {@code PROPOSED} with the campaign and approval request it became, or {@code FAILED} with what went wrong.
 */
@Entity
@Table(name = "ai_exchange")
@NamedQuery(name = "AiExchange.findByStore", query = "select x from AiExchange x where x.storeId = :storeId order by x.id desc")
public class AiExchange extends TenantOwned {

    public static final int PREVIEW_LENGTH = 2000;

    /** How an exchange ended. */
    public enum Status { PROPOSED, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "store_id", nullable = false)
    private Long storeId;

    @Column(name = "finding_id", nullable = false)
    private Long findingId;

    @Column(name = "requested_by", nullable = false)
    private Long requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "model", nullable = false, length = 100)
    private String model;

    @Column(name = "request_preview", nullable = false, length = PREVIEW_LENGTH)
    private String requestPreview;

    @Column(name = "request_hash", nullable = false, length = 32)
    private byte[] requestHash;

    @Column(name = "response_preview", length = PREVIEW_LENGTH)
    private String responsePreview;

    @Column(name = "response_hash", length = 32)
    private byte[] responseHash;

    @Column(name = "status", nullable = false, length = 20)
    private String status;

    @Column(name = "failure", length = ModelFailure.MESSAGE_LENGTH)
    private String failure;

    @Column(name = "campaign_id")
    private Long campaignId;

    @Column(name = "approval_request_id")
    private Long approvalRequestId;

    protected AiExchange() {
    }

    private AiExchange(long storeId, long findingId, long requestedBy, Instant requestedAt, String model, SuggestionPrompt request,
            String response) {
        this.storeId = storeId;
        this.findingId = findingId;
        this.requestedBy = requestedBy;
        this.requestedAt = Objects.requireNonNull(requestedAt);
        this.model = Objects.requireNonNull(model);
        this.requestPreview = preview(request.findingMessage());
        this.requestHash = sha256(request.conversation());
        if (response != null) {
            this.responsePreview = preview(response);
            this.responseHash = sha256(response);
        }
    }

    /** An exchange whose answer became campaign {@code campaignId}, waiting in approval request {@code approvalRequestId}. */
    public static AiExchange proposed(long storeId, long findingId, long requestedBy, Instant at, String model, SuggestionPrompt request,
            String response, long campaignId, long approvalRequestId) {
        AiExchange exchange = new AiExchange(storeId, findingId, requestedBy, at, model, request, Objects.requireNonNull(response));
        exchange.status = Status.PROPOSED.name();
        exchange.campaignId = campaignId;
        exchange.approvalRequestId = approvalRequestId;
        return exchange;
    }

    /** An exchange that failed for {@code failure}; {@code response} is null when nothing usable came back. */
    public static AiExchange failed(long storeId, long findingId, long requestedBy, Instant at, String model, SuggestionPrompt request,
            String response, String failure) {
        AiExchange exchange = new AiExchange(storeId, findingId, requestedBy, at, model, request, response);
        exchange.status = Status.FAILED.name();
        exchange.failure = failure.length() > ModelFailure.MESSAGE_LENGTH ? failure.substring(0, ModelFailure.MESSAGE_LENGTH) : failure;
        return exchange;
    }

    /** The first {@value #PREVIEW_LENGTH} characters of {@code text} (a surrogate pair is never cut in half). */
    static String preview(String text) {
        if (text.length() <= PREVIEW_LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(PREVIEW_LENGTH - 1)) ? PREVIEW_LENGTH - 1 : PREVIEW_LENGTH;
        return text.substring(0, end);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Long id() {
        return id;
    }

    public Long storeId() {
        return storeId;
    }

    public Long findingId() {
        return findingId;
    }

    public Long requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public String model() {
        return model;
    }

    public String requestPreview() {
        return requestPreview;
    }

    public byte[] requestHash() {
        return requestHash.clone();
    }

    public String responsePreview() {
        return responsePreview;
    }

    public byte[] responseHash() {
        return responseHash == null ? null : responseHash.clone();
    }

    public Status status() {
        return Status.valueOf(status);
    }

    public String failure() {
        return failure;
    }

    public Long campaignId() {
        return campaignId;
    }

    public Long approvalRequestId() {
        return approvalRequestId;
    }
}
