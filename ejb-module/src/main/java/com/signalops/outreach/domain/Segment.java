package com.signalops.outreach.domain;

import com.signalops.approvals.domain.ProposalSource;
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
import java.util.Objects;

/**
 * A saved, named filter over one store's customers. Every change raises its version, so that what was approved of an
 * earlier version no longer holds.
 */
@Entity
@Table(name = "segment")
@NamedQuery(name = "Segment.findByStore", query = "select s from Segment s where s.storeId = :storeId order by s.id desc")
public class Segment extends TenantOwned {

    public static final int NAME_LENGTH = 120;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "store_id", nullable = false)
    private Long storeId;

    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 40)
    private SegmentKind kind;

    @Column(name = "hours")
    private Integer hours;

    @Column(name = "variant_id")
    private Long variantId;

    @Column(name = "days")
    private Integer days;

    @Column(name = "finding_id")
    private Long findingId;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", nullable = false, length = 10)
    private ProposalSource source;

    @Column(name = "created_by")
    private Long createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "version", nullable = false)
    private int version;

    protected Segment() {
    }

    public Segment(long storeId, String name, SegmentDefinition definition, ProposalSource source, long createdBy, Instant now) {
        this.storeId = storeId;
        this.source = Objects.requireNonNull(source);
        this.createdBy = createdBy;
        this.createdAt = now;
        this.version = 0;
        redefine(name, definition, now);
    }

    /** Renames and redefines it: a new version. */
    public void redefine(String newName, SegmentDefinition definition, Instant now) {
        this.name = requireName(newName);
        this.kind = definition.kind();
        this.hours = definition.hours();
        this.variantId = definition.variantId();
        this.days = definition.days();
        this.findingId = definition.findingId();
        this.updatedAt = now;
        this.version++;
    }

    public SegmentDefinition definition() {
        return new SegmentDefinition(kind, hours, variantId, days, findingId);
    }

    /** Its definition as part of what reviewers approve. */
    public ReviewedContent describeInto(ReviewedContent content) {
        return content.field("segment", id).field("segment.store", storeId).field("segment.kind", kind).field("segment.hours", hours)
                .field("segment.variant", variantId).field("segment.days", days).field("segment.finding", findingId);
    }

    /** What reviewers of this segment approve (with its recipient count). */
    public ReviewedContent reviewed() {
        return describeInto(ReviewedContent.of(SubjectKind.SEGMENT)).field("name", name);
    }

    static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new BusinessException("outreach.name-required", "Give it a name");
        }
        String trimmed = name.strip();
        if (trimmed.length() > NAME_LENGTH) {
            throw new BusinessException("outreach.name-too-long", "A name has at most " + NAME_LENGTH + " characters");
        }
        return trimmed;
    }

    public Long id() { return id; }
    public long storeId() { return storeId; }
    public String name() { return name; }
    public SegmentKind kind() { return kind; }
    public ProposalSource source() { return source; }
    public Long createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public int version() { return version; }
}
