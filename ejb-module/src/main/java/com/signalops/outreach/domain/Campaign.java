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
 * An email (subject and plain-text body) to the consenting customers of one segment of its store. It can be edited
 * while it is a draft, every edit a new version; once its approval is carried out it is sending, then sent, and never
 * changes again.
 */
@Entity
@Table(name = "campaign")
@NamedQuery(name = "Campaign.findByStore", query = "select c from Campaign c where c.storeId = :storeId order by c.id desc")
@NamedQuery(name = "Campaign.findBySegment", query = "select c from Campaign c where c.segmentId = :segmentId")
public class Campaign extends TenantOwned {

    public static final int SUBJECT_LENGTH = 200;
    public static final int BODY_LENGTH = 20_000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "store_id", nullable = false)
    private Long storeId;

    @Column(name = "segment_id", nullable = false)
    private Long segmentId;

    @Column(name = "name", nullable = false, length = Segment.NAME_LENGTH)
    private String name;

    @Column(name = "subject", nullable = false, length = SUBJECT_LENGTH)
    private String subject;

    @Column(name = "body", nullable = false)
    private String body;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", nullable = false, length = 10)
    private ProposalSource source;

    @Column(name = "finding_id")
    private Long findingId;

    @Column(name = "created_by")
    private Long createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "version", nullable = false)
    private int version;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private CampaignStatus status;

    @Column(name = "send_execution_id")
    private Long sendExecutionId;

    @Column(name = "send_started_at")
    private Instant sendStartedAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected Campaign() {
    }

    public Campaign(Segment segment, String name, String subject, String body, ProposalSource source, Long findingId, long createdBy,
            Instant now) {
        this.storeId = segment.storeId();
        this.segmentId = segment.id();
        this.source = Objects.requireNonNull(source);
        this.findingId = findingId;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.status = CampaignStatus.DRAFT;
        this.version = 0;
        rewrite(name, subject, body, now);
    }

    /** New name, subject and body: a new version; only a draft changes. */
    public void rewrite(String newName, String newSubject, String newBody, Instant now) {
        if (status != CampaignStatus.DRAFT) {
            throw new BusinessException("campaign.not-draft", "A campaign that is " + status.name().toLowerCase() + " cannot be changed");
        }
        this.name = Segment.requireName(newName);
        this.subject = requireSubject(newSubject);
        this.body = requireBody(newBody);
        this.updatedAt = now;
        this.version++;
    }

    /** Its send started, as job execution {@code executionId} when known already. */
    public void startSending(Long executionId, Instant now) {
        if (status != CampaignStatus.DRAFT) {
            throw new BusinessException("campaign.not-draft", "This campaign is " + status.name().toLowerCase() + " already");
        }
        status = CampaignStatus.SENDING;
        sendExecutionId = executionId;
        sendStartedAt = now;
    }

    /** What reviewers of this campaign approve (with its recipient count): its content and its segment's definition. */
    public ReviewedContent reviewed(Segment segment) {
        if (!segment.id().equals(segmentId)) {
            throw new IllegalArgumentException("Not this campaign's segment");
        }
        return segment.describeInto(ReviewedContent.of(SubjectKind.CAMPAIGN).field("campaign", id).field("name", name)
                .field("subject", subject).field("body", body));
    }

    private static String requireSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new BusinessException("campaign.subject-required", "Give the email a subject");
        }
        String trimmed = subject.strip();
        if (trimmed.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new BusinessException("campaign.subject-invalid", "A subject is one line");
        }
        if (trimmed.length() > SUBJECT_LENGTH) {
            throw new BusinessException("campaign.subject-too-long", "A subject has at most " + SUBJECT_LENGTH + " characters");
        }
        return trimmed;
    }

    private static String requireBody(String body) {
        if (body == null || body.isBlank()) {
            throw new BusinessException("campaign.body-required", "Write the email's text");
        }
        String normalised = body.replace("\r\n", "\n").strip();
        if (normalised.length() > BODY_LENGTH) {
            throw new BusinessException("campaign.body-too-long", "An email's text has at most " + BODY_LENGTH + " characters");
        }
        return normalised;
    }

    public Long id() { return id; }
    public long storeId() { return storeId; }
    public long segmentId() { return segmentId; }
    public String name() { return name; }
    public String subject() { return subject; }
    public String body() { return body; }
    public ProposalSource source() { return source; }
    public Long findingId() { return findingId; }
    public Long createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public int version() { return version; }
    public CampaignStatus status() { return status; }
    public Long sendExecutionId() { return sendExecutionId; }
    public Instant sendStartedAt() { return sendStartedAt; }
    public Instant sentAt() { return sentAt; }
}
