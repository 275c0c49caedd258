package com.signalops.privacy.domain;

import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One export of data for its workspace to download: a customer's data answering a customer data
 * request, or the whole workspace. It is made by a batch job (pending, running, ready), then
 * downloaded once through a single-use link that expires {@link #LINK_LIFETIME} after the export
 * became ready; only the link token's SHA-256 is kept. Its file exists only while it is ready.
 */
@Entity
@Table(name = "data_export")
@NamedQuery(name = "DataExport.findByKind", query = "select e from DataExport e where e.kind = :kind order by e.id desc")
@NamedQuery(name = "DataExport.findWithRequests",
        query = "select r, e from PrivacyRequest r, DataExport e where e.privacyRequestId = r.id order by r.id desc")
@NamedQuery(name = "DataExport.findByToken", query = "select e from DataExport e where e.tokenHash = :hash")
@NamedQuery(name = "DataExport.findByRequest", query = "select e from DataExport e where e.privacyRequestId = :requestId")
public class DataExport extends TenantOwned {

    /** How long a ready export can be downloaded. */
    public static final Duration LINK_LIFETIME = Duration.ofDays(7);
    public static final int ACTOR_LENGTH = 64;
    public static final int FAILURE_LENGTH = 500;

    /** Where an export stands. */
    public enum Status { PENDING, RUNNING, READY, DOWNLOADED, EXPIRED, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "kind", nullable = false, length = 20)
    private String kind;

    @Column(name = "privacy_request_id")
    private Long privacyRequestId;

    @Column(name = "store_id")
    private Long storeId;

    @Column(name = "status", nullable = false, length = 20)
    private String status;

    @Column(name = "requested_by", nullable = false, length = ACTOR_LENGTH)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "job_execution_id")
    private Long jobExecutionId;

    @Column(name = "bytes")
    private Long bytes;

    @Column(name = "ready_at")
    private Instant readyAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "token_hash", length = 32)
    private byte[] tokenHash;

    @Column(name = "link_issued_by", length = ACTOR_LENGTH)
    private String linkIssuedBy;

    @Column(name = "link_issued_at")
    private Instant linkIssuedAt;

    @Column(name = "downloaded_by", length = ACTOR_LENGTH)
    private String downloadedBy;

    @Column(name = "downloaded_at")
    private Instant downloadedAt;

    @Column(name = "failure", length = FAILURE_LENGTH)
    private String failure;

    protected DataExport() {
    }

    private DataExport(DataExportKind kind, Long privacyRequestId, Long storeId, String requestedBy, Instant requestedAt) {
        if (requestedBy == null || requestedBy.isBlank() || requestedBy.length() > ACTOR_LENGTH) {
            throw new IllegalArgumentException("An export names who asked for it");
        }
        this.kind = kind.name();
        this.privacyRequestId = privacyRequestId;
        this.storeId = storeId;
        this.requestedBy = requestedBy;
        this.requestedAt = Objects.requireNonNull(requestedAt);
        this.status = Status.PENDING.name();
    }

    /** The export answering customer data request {@code request}, pending. */
    public static DataExport ofCustomerRequest(PrivacyRequest request, String requestedBy, Instant now) {
        if (request.kind() != PrivacyRequestKind.CUSTOMER_DATA_REQUEST) {
            throw new IllegalArgumentException("Only a customer data request is answered by an export");
        }
        return new DataExport(DataExportKind.CUSTOMER_DATA, request.id(), request.storeId(), requestedBy, now);
    }

    /** The file of an approved export of a segment of store {@code storeId}, asked for by {@code requestedBy}, pending. */
    public static DataExport ofSegment(long storeId, String requestedBy, Instant now) {
        return new DataExport(DataExportKind.SEGMENT, null, storeId, requestedBy, now);
    }

    /** An export of the whole workspace asked for by {@code requestedBy}, pending. */
    public static DataExport ofWorkspace(String requestedBy, Instant now) {
        return new DataExport(DataExportKind.WORKSPACE, null, null, requestedBy, now);
    }

    /** The batch job making it started as {@code executionId}. */
    public void startedAs(long executionId) {
        this.jobExecutionId = executionId;
        this.status = Status.RUNNING.name();
    }

    /** Its file of {@code size} bytes is written: ready to be downloaded until {@link #LINK_LIFETIME} from {@code now}. */
    public void ready(long size, Instant now) {
        this.bytes = size;
        this.readyAt = now;
        this.expiresAt = now.plus(LINK_LIFETIME);
        this.status = Status.READY.name();
    }

    /** The job gave up: {@code reason} names no personal data. */
    public void failed(String reason) {
        this.failure = reason == null ? null : reason.substring(0, Math.min(reason.length(), FAILURE_LENGTH));
        this.status = Status.FAILED.name();
    }

    /**
     * A download link of token hash {@code hash} issued by {@code issuedBy}: the one that works
     * from now on, any link issued before stops working.
     *
     * @throws BusinessException {@code export.not-ready}, or {@code export.expired} past its expiry
     */
    public void issueLink(byte[] hash, String issuedBy, Instant now) {
        refuseUnlessDownloadable(now);
        this.tokenHash = hash.clone();
        this.linkIssuedBy = issuedBy;
        this.linkIssuedAt = now;
    }

    /**
     * The download through the link of token hash {@code hash}, by {@code downloadedBy}: spends
     * the link (its hash stays, so that a second use is told the link was used).
     *
     * @throws BusinessException {@code export.link-invalid} for another token, {@code export.used}
     *                           once downloaded, {@code export.expired} past its expiry
     */
    public void download(byte[] hash, String downloadedBy, Instant now) {
        if (status() == Status.DOWNLOADED) {
            throw new BusinessException("export.used", "This download link has been used already: an export can be downloaded once");
        }
        refuseUnlessDownloadable(now);
        if (tokenHash == null || hash == null || !MessageDigest.isEqual(tokenHash, hash)) {
            throw new BusinessException("export.link-invalid", "This download link is not valid");
        }
        this.downloadedBy = downloadedBy;
        this.downloadedAt = now;
        this.status = Status.DOWNLOADED.name();
    }

    /** Whether it is ready and past its expiry at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return status() == Status.READY && expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Its file was deleted unused after its expiry. */
    public void expire() {
        this.tokenHash = null;
        this.status = Status.EXPIRED.name();
    }

    private void refuseUnlessDownloadable(Instant now) {
        if (status() == Status.EXPIRED || isExpiredAt(now)) {
            throw new BusinessException("export.expired", "This export has expired: its download link was valid for 7 days");
        }
        if (status() != Status.READY) {
            throw new BusinessException("export.not-ready", "This export is not ready for download");
        }
    }

    public Long id() {
        return id;
    }

    public DataExportKind kind() {
        return DataExportKind.valueOf(kind);
    }

    public Long privacyRequestId() {
        return privacyRequestId;
    }

    public Long storeId() {
        return storeId;
    }

    public Status status() {
        return Status.valueOf(status);
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Long jobExecutionId() {
        return jobExecutionId;
    }

    public Long bytes() {
        return bytes;
    }

    public Instant readyAt() {
        return readyAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** Whether a download link has been issued and not spent. */
    public boolean hasLink() {
        return tokenHash != null;
    }

    public Instant linkIssuedAt() {
        return linkIssuedAt;
    }

    public String downloadedBy() {
        return downloadedBy;
    }

    public Instant downloadedAt() {
        return downloadedAt;
    }

    public String failure() {
        return failure;
    }

    /** The name of its file in the export folder. */
    public String fileName() {
        return kind().fileName(id);
    }
}
