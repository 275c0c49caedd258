package com.signalops.outreach.service;

import com.signalops.approvals.domain.Person;
import com.signalops.approvals.domain.ProposalSource;
import com.signalops.approvals.domain.SubjectKind;
import com.signalops.approvals.service.Approvals;
import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.Permission;
import com.signalops.leaks.domain.LeakFinding;
import com.signalops.outreach.domain.Segment;
import com.signalops.outreach.domain.SegmentDefinition;
import com.signalops.outreach.domain.SegmentKind;
import com.signalops.shared.ForbiddenException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.service.DirectoryService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A store's segments as staff make and change them ({@code segments.manage}) and see them ({@code segments.view}), each
 * change audited; changing one voids every open approval of it and of the campaigns built on it.
 */
@Stateless
public class Segments {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private DirectoryService directory;

    @EJB
    private AuditTrail audit;

    @EJB
    private Approvals approvals;

    @EJB
    private Audiences audiences;

    private final Clock clock = Clock.systemUTC();

    public Segment create(Person who, long storeId, String name, SegmentDefinition definition, ProposalSource source) {
        require(who, Permission.SEGMENTS_MANAGE);
        StoreScoped.inWorkspace(em, who);
        directory.store(who.viewer(), storeId);
        checkFinding(definition, storeId);
        Segment segment = new Segment(storeId, name, definition, source, who.userId(), clock.instant());
        em.persist(segment);
        em.flush();
        audit.record(entry(AuditAction.SEGMENT_CREATE, who, segment, source).after(describe(segment)).build());
        return segment;
    }

    public Segment update(Person who, long segmentId, String name, SegmentDefinition definition) {
        require(who, Permission.SEGMENTS_MANAGE);
        Segment segment = find(who, segmentId);
        checkFinding(definition, segment.storeId());
        Map<String, Object> before = describe(segment);
        segment.redefine(name, definition, clock.instant());
        String why = "Its segment was changed";
        approvals.voidOpen(who.workspaceId(), SubjectKind.SEGMENT, segmentId, "It was changed");
        em.createNamedQuery("Campaign.findBySegment", com.signalops.outreach.domain.Campaign.class).setParameter("segmentId", segmentId)
                .getResultList().forEach(campaign -> approvals.voidOpen(who.workspaceId(), SubjectKind.CAMPAIGN, campaign.id(), why));
        audit.record(entry(AuditAction.SEGMENT_UPDATE, who, segment, ProposalSource.PERSON).before(before).after(describe(segment)).build());
        return segment;
    }

    public List<Segment> list(Person who, long storeId) {
        require(who, Permission.SEGMENTS_VIEW);
        return StoreScoped.ofStore(em, directory, who, storeId, "Segment.findByStore", Segment.class);
    }

    public Segment find(Person who, long segmentId) {
        return StoreScoped.find(em, directory, who, Segment.class, segmentId, Segment::storeId, "Segment");
    }

    /** How many customers segment {@code segmentId} holds now, and how many of them may receive marketing email. */
    public int[] counts(Person who, long segmentId) {
        require(who, Permission.SEGMENTS_VIEW);
        Segment segment = find(who, segmentId);
        return new int[] {audiences.count(who.workspaceId(), segment, false), audiences.count(who.workspaceId(), segment, true)};
    }

    private void checkFinding(SegmentDefinition definition, long storeId) {
        if (definition.kind() == SegmentKind.FINDING_CUSTOMERS) {
            LeakFinding finding = em.find(LeakFinding.class, definition.findingId());
            if (finding == null || finding.storeId() != storeId) {
                throw new NotFoundException("Finding");
            }
        }
    }

    static void require(Person who, Permission permission) {
        if (!who.may(permission)) {
            throw new ForbiddenException("outreach.not-allowed", "Your role cannot do this (" + permission.key() + ")");
        }
    }


    private static AuditEntry.Builder entry(AuditAction action, Person who, Segment segment, ProposalSource source) {
        return AuditEntry.of(action, AuditOutcome.SUCCESS).in(who.workspaceId()).by(ActorType.USER, who.userId())
                .via(source == ProposalSource.AI ? AuditSource.AI : AuditSource.UI).on(segment.id());
    }

    private static Map<String, Object> describe(Segment segment) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("store", segment.storeId());
        values.put("name", segment.name());
        values.put("definition", segment.definition().describe());
        values.put("version", segment.version());
        values.put("source", segment.source().name());
        return values;
    }
}
