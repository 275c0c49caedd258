package com.signalops.outreach.domain;

import com.signalops.approvals.domain.ReviewedContent;
import com.signalops.approvals.domain.SubjectKind;
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
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An export of one segment's customers: which fields (asked; what leaves is what the destination's filter and the
 * approval let through), whether personal fields are asked to leave, and where it goes (a CSV downloaded once, or a
 * CSV mailed to one address). A draft until its approval is carried out: then it is made as a data export
 * ({@code dataExportId}).
 */
@Entity
@Table(name = "segment_export")
@NamedQuery(name = "SegmentExport.findByStore", query = "select e from SegmentExport e where e.storeId = :storeId order by e.id desc")
public class SegmentExport extends TenantOwned {

    public static final int RECIPIENT_LENGTH = 320;
    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("^[^@\\s<>,;\"]+@[^@\\s<>,;\"]+\\.[^@\\s<>,;\"]+$");

    /** Where the export stands. */
    public enum Status { DRAFT, PRODUCING }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "store_id", nullable = false)
    private Long storeId;

    @Column(name = "segment_id", nullable = false)
    private Long segmentId;

    @Enumerated(EnumType.STRING)
    @Column(name = "destination", nullable = false, length = 20)
    private ExportDestination destination;

    @Column(name = "recipient", length = RECIPIENT_LENGTH)
    private String recipient;

    @Column(name = "fields", nullable = false, length = 500)
    private String fields;

    @Column(name = "personal_data", nullable = false)
    private boolean personalData;

    @Column(name = "created_by")
    private Long createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "status", nullable = false, length = 20)
    private String status;

    @Column(name = "data_export_id")
    private Long dataExportId;

    protected SegmentExport() {
    }

    /**
     * An export of {@code segment}'s customers to {@code destination}: a CSV downloaded once, or a CSV mailed to
     * {@code recipient} (a staff address; SMTP only).
     */
    public SegmentExport(Segment segment, List<ExportField> fields, boolean personalData, ExportDestination destination, String recipient,
            long createdBy, Instant now) {
        this.storeId = segment.storeId();
        this.segmentId = segment.id();
        this.createdBy = createdBy;
        this.createdAt = now;
        this.status = Status.DRAFT.name();
        this.version = 0;
        change(fields, personalData, destination, recipient, now);
    }

    /** Other fields, destination or recipient: a new version; only a draft changes. */
    public void change(List<ExportField> newFields, boolean personal, ExportDestination newDestination, String newRecipient, Instant now) {
        if (!Status.DRAFT.name().equals(status)) {
            throw new BusinessException("segment-export.not-draft", "This export has been carried out already");
        }
        if (newFields == null || newFields.isEmpty()) {
            throw new BusinessException("segment-export.fields-required", "Choose at least one field");
        }
        if (newDestination == null) {
            throw new BusinessException("segment-export.destination-required", "Choose where the export goes");
        }
        String address = newRecipient == null || newRecipient.isBlank() ? null : newRecipient.strip();
        if (newDestination == ExportDestination.SMTP
                && (address == null || address.length() > RECIPIENT_LENGTH || !ADDRESS.matcher(address).matches())) {
            throw new BusinessException("segment-export.recipient-invalid", "An export by email needs one valid address to send it to");
        }
        this.destination = newDestination;
        this.recipient = newDestination == ExportDestination.SMTP ? address : null;
        this.fields = newFields.stream().distinct().map(ExportField::key).collect(Collectors.joining(","));
        this.personalData = personal;
        this.updatedAt = now;
        this.version++;
    }

    /** Its approval carried out: its file is data export {@code exportId}. */
    public void produceAs(long exportId) {
        status = Status.PRODUCING.name();
        dataExportId = exportId;
    }

    /** What reviewers approve (with the segment's member count). */
    public ReviewedContent reviewed(Segment segment) {
        return segment.describeInto(ReviewedContent.of(SubjectKind.EXPORT).field("export", id).field("destination", destination).field("recipient", recipient)
                .field("fields", fields).field("personal", personalData));
    }

    public List<ExportField> fields() {
        return Arrays.stream(fields.split(",")).map(ExportField::of).toList();
    }

    public Long id() { return id; }
    public long storeId() { return storeId; }
    public long segmentId() { return segmentId; }
    public ExportDestination destination() { return destination; }
    public String recipient() { return recipient; }
    public boolean personalData() { return personalData; }
    public Long createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public int version() { return version; }
    public Status status() { return Status.valueOf(status); }
    public Long dataExportId() { return dataExportId; }
}
