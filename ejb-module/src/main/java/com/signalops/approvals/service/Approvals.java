package com.signalops.approvals.service;

import com.signalops.approvals.domain.ApprovalDecision;
import com.signalops.approvals.domain.ApprovalRequest;
import com.signalops.approvals.domain.ApprovalStatus;
import com.signalops.approvals.domain.Person;
import com.signalops.approvals.domain.ProposalSource;
import com.signalops.approvals.domain.Review;
import com.signalops.approvals.domain.ReviewedContent;
import com.signalops.approvals.domain.SubjectKind;
import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.Permission;
import com.signalops.outreach.domain.Campaign;
import com.signalops.outreach.domain.CampaignStatus;
import com.signalops.outreach.domain.OutreachRules;
import com.signalops.outreach.domain.ExportField;
import com.signalops.outreach.domain.Segment;
import com.signalops.outreach.domain.SegmentExport;
import com.signalops.privacy.domain.DataExport;
import com.signalops.outreach.service.Audiences;
import com.signalops.outreach.service.OutreachSettings;
import com.signalops.shared.BusinessException;
import com.signalops.shared.ForbiddenException;
import com.signalops.shared.NotFoundException;
import com.signalops.shared.UtcInstantConverter;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.TenantOwned;
import com.signalops.tenancy.service.DirectoryService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maker-checker approval of every outward action. A request binds the {@link ReviewedContent} hash of the subject's
 * definition, content and recipient count; an approver is never its requester, needs {@code approvals.approve} in a role
 * that reaches the store, and approving a subject that hashes differently now voids the request instead. Above the
 * workspace's threshold two approvers are needed. A campaign's audience is frozen (one pending delivery per consenting
 * recipient) when its request is approved. Requests and approvals lapse after the workspace's expiry; an approval is
 * carried out at most once ({@link #claimForUse}). Every transition is audited; refusals too.
 */
@Stateless
public class Approvals {

    private static final UtcInstantConverter UTC = new UtcInstantConverter();

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private DirectoryService directory;

    @EJB
    private AuditTrail audit;

    @EJB
    private Audiences audiences;

    @EJB
    private OutreachSettings settings;

    private Clock clock = Clock.systemUTC();

    /** A subject as reviewers see it now. */
    private record Subject(long workspaceId, long storeId, int version, String title, String description, ReviewedContent content, Segment segment,
            Campaign campaign, SegmentExport export, boolean recipientsOnly) {
    }

    /** {@code who} asks for the approval of the current version of the subject. */
    public ApprovalRequest request(Person who, SubjectKind kind, long subjectId, ProposalSource source, boolean personalData) {
        tenant(who.workspaceId());
        Subject subject = subject(who.workspaceId(), kind, subjectId);
        visibleStore(who, subject.storeId(), kind.name().toLowerCase());
        if (!who.may(Permission.APPROVALS_REQUEST)) {
            throw denied(AuditAction.APPROVAL_REQUEST, who, null, "approval.not-allowed", "Your role cannot ask for approvals");
        }
        if (subject.campaign() != null && subject.campaign().status() != CampaignStatus.DRAFT) {
            throw new BusinessException("campaign.not-draft", "This campaign has been sent already");
        }
        if (subject.export() != null && subject.export().status() != SegmentExport.Status.DRAFT) {
            throw new BusinessException("segment-export.not-draft", "This export has been carried out already");
        }
        if (!em.createNamedQuery("ApprovalRequest.findOpenBySubject", ApprovalRequest.class).setParameter("kind", kind)
                .setParameter("subjectId", subjectId).getResultList().isEmpty()) {
            throw new BusinessException("approval.open-exists", "An approval of this " + kind.name().toLowerCase() + " is asked for already");
        }
        OutreachRules rules = settings.rules(who.workspaceId());
        int count = count(subject);
        byte[] hash = subject.content().hash(count);
        Instant now = clock.instant();
        boolean personal = subject.export() != null ? subject.export().personalData() : personalData;
        ApprovalRequest request = new ApprovalRequest(subject.storeId(), kind, subjectId, subject.version(), source, who.userId(), now, hash,
                count, rules.approversFor(count), personal, rules.approvalLifetime());
        em.persist(request);
        em.flush();
        Map<String, Object> after = describe(request);
        after.put("reviewedHash", ReviewedContent.hex(hash));
        record(AuditAction.APPROVAL_REQUEST, who, request, null, after, source == ProposalSource.AI ? AuditSource.AI : AuditSource.UI);
        return request;
    }

    /** {@code who} approves request {@code requestId}: an approval, the final one when enough were given, or a void if the subject changed. */
    public ApprovalRequest approve(Person who, long requestId) {
        ApprovalRequest request = decidable(who, requestId, AuditAction.APPROVAL_APPROVE);
        Instant now = clock.instant();
        Subject subject = subject(who.workspaceId(), request.subjectKind(), request.subjectId());
        byte[] hash = subject.content().hash(count(subject));
        if (!ReviewedContent.same(hash, request.reviewedHash())) {
            voidRequest(request, "It changed since it was requested (content, definition or audience)", now);
            return request;
        }
        Map<String, Object> before = describe(request);
        em.persist(new ApprovalDecision(request, who.userId(), ApprovalDecision.Decision.APPROVE, null, hash, now));
        em.flush();
        long approvals = decisions(request).stream().filter(d -> d.decision() == ApprovalDecision.Decision.APPROVE).count();
        if (approvals >= request.approvalsRequired()) {
            request.approve(now, settings.rules(who.workspaceId()).approvalLifetime());
            if (subject.campaign() != null) {
                int frozen = audiences.freezeDeliveries(subject.workspaceId(), subject.segment(), subject.campaign().id());
                if (frozen != request.recipientCount()) {
                    throw new BusinessException("approval.audience-moved", "The audience changed while it was approved: try again");
                }
            }
        }
        Map<String, Object> after = describe(request);
        after.put("approvalsGiven", approvals);
        record(AuditAction.APPROVAL_APPROVE, who, request, before, after, AuditSource.UI);
        return request;
    }

    /** {@code who} rejects request {@code requestId} for {@code reason}. */
    public ApprovalRequest reject(Person who, long requestId, String reason) {
        ApprovalRequest request = decidable(who, requestId, AuditAction.APPROVAL_REJECT);
        Instant now = clock.instant();
        Map<String, Object> before = describe(request);
        em.persist(new ApprovalDecision(request, who.userId(), ApprovalDecision.Decision.REJECT, reason, request.reviewedHash(), now));
        request.reject(who.userId(), reason, now);
        Map<String, Object> after = describe(request);
        after.put("reason", request.reason());
        record(AuditAction.APPROVAL_REJECT, who, request, before, after, AuditSource.UI);
        return request;
    }

    /** The requester withdraws their request (pending, or approved and not carried out). */
    public ApprovalRequest withdraw(Person who, long requestId) {
        ApprovalRequest request = find(who, requestId);
        if (!request.requestedBy(who.userId())) {
            throw denied(AuditAction.APPROVAL_WITHDRAW, who, request, "approval.not-requester",
                    "Only the person who asked for the approval can withdraw it");
        }
        Map<String, Object> before = describe(request);
        request.withdraw(who.userId(), clock.instant());
        dropDeliveries(request);
        record(AuditAction.APPROVAL_WITHDRAW, who, request, before, describe(request), AuditSource.UI);
        return request;
    }

    /**
     * Voids the open requests of the subject (it is being edited), in the caller's transaction; a campaign's unsent
     * deliveries go with them. Answers how many were voided.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public int voidOpen(long workspaceId, SubjectKind kind, long subjectId, String why) {
        tenant(workspaceId);
        List<ApprovalRequest> open = em.createNamedQuery("ApprovalRequest.findOpenBySubject", ApprovalRequest.class)
                .setParameter("kind", kind).setParameter("subjectId", subjectId).getResultList();
        Instant now = clock.instant();
        open.forEach(request -> voidRequest(request, why, now));
        return open.size();
    }

    /** The requests waiting for {@code who}'s decision: pending, in their stores, not theirs, not decided by them yet. */
    public List<ApprovalRequest> inbox(Person who) {
        tenant(who.workspaceId());
        if (!who.may(Permission.APPROVALS_APPROVE)) {
            return List.of();
        }
        List<Long> stores = who.viewer().visibleStores(em).stream().map(Store::id).toList();
        if (stores.isEmpty()) {
            return List.of();
        }
        List<ApprovalRequest> pending = em.createNamedQuery("ApprovalRequest.findPendingInStores", ApprovalRequest.class)
                .setParameter("storeIds", stores).getResultList().stream().filter(r -> !r.requestedBy(who.userId())).toList();
        if (pending.isEmpty()) {
            return pending;
        }
        Set<Long> decided = Set.copyOf(em.createNamedQuery("ApprovalDecision.findRequestsDecidedBy", Long.class)
                .setParameter("approverId", who.userId()).setParameter("requestIds", pending.stream().map(ApprovalRequest::id).toList())
                .getResultList());
        return pending.stream().filter(r -> !decided.contains(r.id())).toList();
    }

    /** {@code who}'s own requests, newest first (at most 100). */
    public List<ApprovalRequest> requestedBy(Person who) {
        tenant(who.workspaceId());
        return em.createNamedQuery("ApprovalRequest.findByRequester", ApprovalRequest.class).setParameter("userId", who.userId())
                .setMaxResults(100).getResultList().stream().filter(r -> sees(who, r.storeId())).toList();
    }

    /** The latest request of the subject, if any. */
    public Optional<ApprovalRequest> current(Person who, SubjectKind kind, long subjectId) {
        tenant(who.workspaceId());
        return em.createNamedQuery("ApprovalRequest.findLatestBySubject", ApprovalRequest.class).setParameter("kind", kind)
                .setParameter("subjectId", subjectId).setMaxResults(1).getResultStream().findFirst().filter(r -> sees(who, r.storeId()));
    }

    /** Request {@code requestId} as {@code who} may see it. */
    public ApprovalRequest find(Person who, long requestId) {
        tenant(who.workspaceId());
        ApprovalRequest request = em.find(ApprovalRequest.class, requestId);
        if (request == null || !sees(who, request.storeId())) {
            throw new NotFoundException("Approval request");
        }
        return request;
    }

    /** What a reviewer of request {@code requestId} sees now. */
    public Review review(Person who, long requestId) {
        ApprovalRequest request = find(who, requestId);
        Subject subject = subject(who.workspaceId(), request.subjectKind(), request.subjectId());
        int count = count(subject);
        boolean unchanged = ReviewedContent.same(subject.content().hash(count), request.reviewedHash());
        Campaign campaign = subject.campaign();
        return new Review(request, subject.title(), subject.description(), campaign == null ? null : campaign.subject(),
                campaign == null ? null : OutreachRules.previewBody(campaign.body()), count, unchanged,
                audiences.maskedSample(subject.workspaceId(), subject.segment(), subject.recipientsOnly()), decisions(request));
    }

    /**
     * Carries out the approval of the subject: it must be approved, unexpired, not used, and the subject still as it was
     * reviewed (else its request is voided). A campaign becomes sending as execution {@code executionId} (or, when it is
     * sending already under this approval, the claim is answered again: a restart continues). Own transaction.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<ApprovalRequest> claimForUse(long workspaceId, SubjectKind kind, long subjectId, Long executionId) {
        tenant(workspaceId);
        Optional<ApprovalRequest> latest = em.createNamedQuery("ApprovalRequest.findLatestBySubject", ApprovalRequest.class)
                .setParameter("kind", kind).setParameter("subjectId", subjectId).setMaxResults(1).getResultStream().findFirst();
        if (latest.isEmpty() || latest.get().status() != ApprovalStatus.APPROVED) {
            return Optional.empty();
        }
        ApprovalRequest request = latest.get();
        Subject subject = subject(workspaceId, kind, subjectId);
        if (request.usedAt() != null) {
            boolean continuing = subject.campaign() != null && subject.campaign().status() == CampaignStatus.SENDING;
            return continuing ? latest : Optional.empty();
        }
        Instant now = clock.instant();
        if (request.expiredAt(now)) {
            return Optional.empty();
        }
        if (!ReviewedContent.same(subject.content().hash(request.recipientCount()), request.reviewedHash())) {
            voidRequest(request, "It changed since it was approved", now);
            return Optional.empty();
        }
        request.use(now);
        if (subject.campaign() != null) {
            subject.campaign().startSending(executionId, now);
        }
        if (subject.export() != null) {
            DataExport file = DataExport.ofSegment(subject.storeId(), Long.toString(request.requestedBy()), now);
            em.persist(file);
            em.flush();
            subject.export().produceAs(file.id());
        }
        return latest;
    }

    /** Same as {@link #claimForUse(long, SubjectKind, long, Long)} without an execution to record. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<ApprovalRequest> claimForUse(long workspaceId, SubjectKind kind, long subjectId) {
        return claimForUse(workspaceId, kind, subjectId, null);
    }

    /** Expires every open request past its time, in every workspace, each audited; answers how many. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int expireDue() {
        Instant now = clock.instant();
        List<?> due = em.createNativeQuery("SELECT workspace_id, id, subject_kind, subject_id, status, expires_at FROM approval_request "
                + "WHERE status IN ('PENDING', 'APPROVED') AND used_at IS NULL AND expires_at <= ? ORDER BY id LIMIT 500")
                .setParameter(1, UTC.convertToDatabaseColumn(now)).getResultList();
        for (Object row : due) {
            Object[] columns = (Object[]) row;
            long workspaceId = ((Number) columns[0]).longValue();
            long id = ((Number) columns[1]).longValue();
            long subjectId = ((Number) columns[3]).longValue();
            int expired = em.createNativeQuery("UPDATE approval_request SET status = 'EXPIRED', closed_at = ? WHERE id = ? "
                    + "AND status IN ('PENDING', 'APPROVED') AND used_at IS NULL").setParameter(1, UTC.convertToDatabaseColumn(now))
                    .setParameter(2, id).executeUpdate();
            if (expired == 0) {
                continue;
            }
            if (SubjectKind.CAMPAIGN.name().equals(columns[2])) {
                audiences.dropPendingDeliveries(workspaceId, subjectId);
            }
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("subject", columns[2].toString().toLowerCase() + ":" + subjectId);
            before.put("status", columns[4]);
            before.put("expiresAt", columns[5].toString());
            Map<String, Object> after = new LinkedHashMap<>(before);
            after.put("status", ApprovalStatus.EXPIRED.name());
            audit.record(AuditEntry.of(AuditAction.APPROVAL_EXPIRE, AuditOutcome.SUCCESS).in(workspaceId).by(ActorType.SYSTEM, "approvals")
                    .via(AuditSource.BATCH).on(id).before(before).after(after).build());
        }
        return due.size();
    }

    private ApprovalRequest decidable(Person who, long requestId, AuditAction action) {
        ApprovalRequest request = find(who, requestId);
        if (!who.may(Permission.APPROVALS_APPROVE)) {
            throw denied(action, who, request, "approval.not-allowed", "Your role cannot decide on approvals");
        }
        if (request.requestedBy(who.userId())) {
            throw denied(action, who, request, "approval.self-approval", "You asked for this approval: someone else must decide on it");
        }
        if (request.status() != ApprovalStatus.PENDING) {
            throw new BusinessException("approval.closed", "This request is " + request.status().name().toLowerCase() + " already");
        }
        if (request.expiredAt(clock.instant())) {
            throw new BusinessException("approval.expired", "This request has expired");
        }
        if (decisions(request).stream().anyMatch(d -> d.approverId() == who.userId())) {
            throw new BusinessException("approval.already-decided", "You have decided on this request already");
        }
        return request;
    }

    private void voidRequest(ApprovalRequest request, String why, Instant now) {
        Map<String, Object> before = describe(request);
        request.voidFor(why, now);
        dropDeliveries(request);
        Map<String, Object> after = describe(request);
        after.put("reason", why);
        audit.record(system(AuditAction.APPROVAL_VOID, request).before(before).after(after).build());
    }

    private void dropDeliveries(ApprovalRequest request) {
        if (request.subjectKind() == SubjectKind.CAMPAIGN) {
            audiences.dropPendingDeliveries(request.workspaceId(), request.subjectId());
        }
    }

    private Subject subject(long workspaceId, SubjectKind kind, long subjectId) {
        return switch (kind) {
            case SEGMENT -> {
                Segment segment = Optional.ofNullable(em.find(Segment.class, subjectId)).orElseThrow(() -> new NotFoundException("Segment"));
                yield new Subject(workspaceId, segment.storeId(), segment.version(), "Segment " + segment.name(), segment.definition().describe(),
                        segment.reviewed(), segment, null, null, false);
            }
            case CAMPAIGN -> {
                Campaign campaign = Optional.ofNullable(em.find(Campaign.class, subjectId))
                        .orElseThrow(() -> new NotFoundException("Campaign"));
                Segment segment = em.find(Segment.class, campaign.segmentId());
                yield new Subject(workspaceId, campaign.storeId(), campaign.version(), "Campaign " + campaign.name(),
                        "Email to the consenting customers of segment " + segment.name() + ": " + segment.definition().describe(),
                        campaign.reviewed(segment), segment, campaign, null, true);
            }
            case EXPORT -> {
                SegmentExport export = Optional.ofNullable(em.find(SegmentExport.class, subjectId))
                        .orElseThrow(() -> new NotFoundException("Export"));
                Segment segment = em.find(Segment.class, export.segmentId());
                yield new Subject(workspaceId, export.storeId(), export.version(), "Export of segment " + segment.name(),
                        "Fields " + export.fields().stream().map(ExportField::key).toList() + (export.personalData()
                                ? ", personal fields asked to leave" : ", no personal field") + (export.recipient() == null
                                ? ", as a CSV downloaded once" : ", as a CSV mailed to " + export.recipient()) + "; customers of: "
                                + segment.definition().describe(), export.reviewed(segment), segment, null, export, false);
            }
        };
    }

    private int count(Subject subject) {
        return audiences.count(subject.workspaceId(), subject.segment(), subject.recipientsOnly());
    }

    private List<ApprovalDecision> decisions(ApprovalRequest request) {
        return em.createNamedQuery("ApprovalDecision.findByRequest", ApprovalDecision.class).setParameter("requestId", request.id())
                .getResultList();
    }

    private void visibleStore(Person who, long storeId, String what) {
        try {
            directory.store(who.viewer(), storeId);
        } catch (NotFoundException e) {
            throw new NotFoundException(Character.toUpperCase(what.charAt(0)) + what.substring(1));
        }
    }

    private boolean sees(Person who, long storeId) {
        try {
            directory.store(who.viewer(), storeId);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private ForbiddenException denied(AuditAction action, Person who, ApprovalRequest request, String code, String message) {
        AuditEntry.Builder entry = AuditEntry.of(action, AuditOutcome.DENIED).in(who.workspaceId()).by(ActorType.USER, who.userId())
                .via(AuditSource.UI);
        if (request != null) {
            entry.on(request.id()).after(Map.of("reason", code));
        }
        audit.recordAlone(entry.build());
        return new ForbiddenException(code, message);
    }

    private void record(AuditAction action, Person who, ApprovalRequest request, Map<String, Object> before, Map<String, Object> after,
            AuditSource source) {
        AuditEntry.Builder entry = AuditEntry.of(action, AuditOutcome.SUCCESS).in(who.workspaceId()).by(ActorType.USER, who.userId())
                .via(source).on(request.id()).after(after);
        if (before != null) {
            entry.before(before);
        }
        audit.record(entry.build());
    }

    private static AuditEntry.Builder system(AuditAction action, ApprovalRequest request) {
        return AuditEntry.of(action, AuditOutcome.SUCCESS).in(request.workspaceId()).by(ActorType.SYSTEM, "approvals").via(AuditSource.BATCH)
                .on(request.id());
    }

    private static Map<String, Object> describe(ApprovalRequest request) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("subject", request.subjectKind().name().toLowerCase() + ":" + request.subjectId());
        values.put("version", request.subjectVersion());
        values.put("store", request.storeId());
        values.put("source", request.source().name());
        values.put("recipients", request.recipientCount());
        values.put("approversRequired", request.approvalsRequired());
        values.put("status", request.status().name());
        values.put("expiresAt", request.expiresAt().toString());
        return values;
    }

    private void tenant(long workspaceId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }
}
