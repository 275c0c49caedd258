package com.signalops.privacy.domain;

import com.signalops.tenancy.domain.TenantOwned;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The receipt of a completed deletion request, written by the {@code data-deletion} job in the
 * transaction that completed it and never changed: what was requested, by which webhook delivery or
 * user, when, by when, when it was done, and the rows removed per table. No personal data.
 */
@Entity
@Table(name = "deletion_receipt")
@NamedQuery(name = "DeletionReceipt.findLatest", query = "select r from DeletionReceipt r order by r.completedAt desc, r.id desc")
public class DeletionReceipt extends TenantOwned {

    @Id
    private Long id;

    @Column(name = "request_id", insertable = false, updatable = false)
    private Long requestId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", insertable = false, updatable = false)
    private DeletionKind kind;

    @Column(name = "store_id", insertable = false, updatable = false)
    private Long storeId;

    @Enumerated(EnumType.STRING)
    @Column(name = "origin", insertable = false, updatable = false)
    private DeletionOrigin origin;

    @Column(name = "requested_by", insertable = false, updatable = false)
    private String requestedBy;

    @Column(name = "received_at", insertable = false, updatable = false)
    private Instant receivedAt;

    @Column(name = "due_at", insertable = false, updatable = false)
    private Instant dueAt;

    @Column(name = "completed_at", insertable = false, updatable = false)
    private Instant completedAt;

    @Column(name = "rows_removed", insertable = false, updatable = false)
    private String rowsRemoved;

    @Column(name = "total_rows", insertable = false, updatable = false)
    private long totalRows;

    protected DeletionReceipt() {
    }

    public Long id() {
        return id;
    }

    public Long requestId() {
        return requestId;
    }

    public DeletionKind kind() {
        return kind;
    }

    public Long storeId() {
        return storeId;
    }

    public DeletionOrigin origin() {
        return origin;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    /** Whether it was completed by its deadline. */
    public boolean isOnTime() {
        return !completedAt.isAfter(dueAt);
    }

    /** Rows removed (or unlinked, scrubbed) per table, in the receipt's order. */
    public Map<String, Long> rowsRemoved() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (JsonReader reader = Json.createReader(new StringReader(rowsRemoved))) {
            JsonObject object = reader.readObject();
            object.forEach((table, count) -> counts.put(table, ((JsonNumber) count).longValue()));
        }
        return counts;
    }

    public long totalRows() {
        return totalRows;
    }
}
