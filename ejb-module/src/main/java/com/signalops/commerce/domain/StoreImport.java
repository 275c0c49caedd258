package com.signalops.commerce.domain;

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
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One import of a store's JSONL files by the {@code store-import} job: what it reads, who asked
 * for it, its job execution, and when it completes the distinct gids it wrote per type and the
 * lines it skipped. The files themselves live in the import folder, never in the database.
 */
@Entity
@Table(name = "store_import")
@NamedQuery(name = "StoreImport.findByStore", query = "select i from StoreImport i where i.storeId = :storeId order by i.id desc")
@NamedQuery(name = "StoreImport.findByExecution", query = "select i from StoreImport i where i.jobExecutionId = :executionId")
public class StoreImport extends TenantOwned {

    public static final int FAILURE_LENGTH = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "store_id", nullable = false, updatable = false)
    private Long storeId;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", nullable = false, updatable = false, length = 20)
    private ImportSource source;

    @Column(name = "resources", nullable = false, updatable = false, length = 40)
    private String resources;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private ImportStatus status;

    @Column(name = "requested_by", nullable = false, updatable = false, length = 64)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Column(name = "job_execution_id")
    private Long jobExecutionId;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "products")
    private Long products;

    @Column(name = "variants")
    private Long variants;

    @Column(name = "customers")
    private Long customers;

    @Column(name = "orders")
    private Long orders;

    @Column(name = "line_items")
    private Long lineItems;

    @Column(name = "refunds")
    private Long refunds;

    @Column(name = "skipped_lines")
    private Long skippedLines;

    @Column(name = "failure", length = FAILURE_LENGTH)
    private String failure;

    protected StoreImport() {
    }

    /** An import of {@code resources} of store {@code storeId}, asked for by {@code requestedBy} (a pseudonymous actor id). */
    public StoreImport(long storeId, ImportSource source, List<ImportResource> resources, String requestedBy, Instant now) {
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("An import reads at least one file");
        }
        this.storeId = storeId;
        this.source = source;
        this.resources = resources.stream().sorted().distinct().map(ImportResource::key).collect(Collectors.joining(","));
        this.status = ImportStatus.RUNNING;
        this.requestedBy = requestedBy;
        this.requestedAt = now;
    }

    /** Its job's (first) execution. */
    public void startedAs(long executionId) {
        this.jobExecutionId = executionId;
    }

    /** Its job completed with these counts. */
    public void complete(ImportCounts counts, Instant now) {
        this.status = ImportStatus.COMPLETED;
        this.products = counts.products();
        this.variants = counts.variants();
        this.customers = counts.customers();
        this.orders = counts.orders();
        this.lineItems = counts.lineItems();
        this.refunds = counts.refunds();
        this.skippedLines = counts.skippedLines();
        this.failure = null;
        this.finishedAt = now;
    }

    /** Its job failed or stopped; {@code reason} names what (never a line's content). */
    public void fail(String reason, Instant now) {
        this.status = ImportStatus.FAILED;
        this.failure = reason == null || reason.length() <= FAILURE_LENGTH ? reason : reason.substring(0, FAILURE_LENGTH);
        this.finishedAt = now;
    }

    /** Its job runs again (a restart). */
    public void resume() {
        this.status = ImportStatus.RUNNING;
        this.failure = null;
        this.finishedAt = null;
    }

    public Long id() {
        return id;
    }

    public long storeId() {
        return storeId;
    }

    public ImportSource source() {
        return source;
    }

    /** The files it reads, in import order. */
    public List<ImportResource> resources() {
        return Arrays.stream(resources.split(",")).map(key -> ImportResource.fromKey(key).orElseThrow()).sorted().toList();
    }

    public ImportStatus status() {
        return status;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Optional<Long> jobExecutionId() {
        return Optional.ofNullable(jobExecutionId);
    }

    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    /** Its counts, once it completed. */
    public Optional<ImportCounts> counts() {
        return status != ImportStatus.COMPLETED ? Optional.empty()
                : Optional.of(new ImportCounts(products, variants, customers, orders, lineItems, refunds, skippedLines));
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }
}
