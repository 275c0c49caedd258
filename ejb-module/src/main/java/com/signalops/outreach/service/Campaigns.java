package com.signalops.outreach.service;

import static com.signalops.outreach.service.Segments.require;

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
import com.signalops.leaks.service.LeakFindings;
import com.signalops.outreach.domain.Campaign;
import com.signalops.outreach.domain.CampaignDrafts;
import com.signalops.outreach.domain.Segment;
import com.signalops.outreach.domain.SegmentDefinition;
import com.signalops.shared.Digests;
import com.signalops.tenancy.domain.Store;
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
 * A store's email campaigns as staff draft and change them ({@code campaigns.manage}) and see them
 * ({@code campaigns.view}), each change audited (the body by its hash); changing a draft voids its open approval. A
 * campaign proposed from a finding gets a segment of the finding's customers and a draft fitting the finding's rule.
 */
@Stateless
public class Campaigns {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private DirectoryService directory;

    @EJB
    private AuditTrail audit;

    @EJB
    private Approvals approvals;

    @EJB
    private Segments segments;

    @EJB
    private LeakFindings findings;

    private final Clock clock = Clock.systemUTC();

    /** The delivery counts of a campaign's send: how many rows in each status. */
    public record DeliveryCounts(long pending, long sent, long skipped, long failed) {
    }

    public Campaign create(Person who, long segmentId, String name, String subject, String body, ProposalSource source, Long findingId) {
        require(who, Permission.CAMPAIGNS_MANAGE);
        Segment segment = segments.find(who, segmentId);
        Campaign campaign = new Campaign(segment, name, subject, body, source, findingId, who.userId(), clock.instant());
        em.persist(campaign);
        em.flush();
        audit.record(entry(AuditAction.CAMPAIGN_CREATE, who, campaign, source).after(describe(campaign)).build());
        return campaign;
    }

    /** A segment of the finding's customers and a draft campaign to them, for {@code who} to review and submit. */
    public Campaign proposeFromFinding(Person who, long findingId) {
        require(who, Permission.CAMPAIGNS_MANAGE);
        LeakFinding finding = findings.find(who.viewer(), findingId);
        Store store = directory.store(who.viewer(), finding.storeId());
        CampaignDrafts.Draft draft = CampaignDrafts.forFinding(finding.rule(), findingId, store.storeCode());
        Segment segment = segments.create(who, finding.storeId(), "Customers of finding " + findingId,
                SegmentDefinition.findingCustomers(findingId), ProposalSource.PERSON);
        return create(who, segment.id(), draft.name(), draft.subject(), draft.body(), ProposalSource.PERSON, findingId);
    }

    public Campaign update(Person who, long campaignId, String name, String subject, String body) {
        require(who, Permission.CAMPAIGNS_MANAGE);
        Campaign campaign = find(who, campaignId);
        Map<String, Object> before = describe(campaign);
        campaign.rewrite(name, subject, body, clock.instant());
        approvals.voidOpen(who.workspaceId(), SubjectKind.CAMPAIGN, campaignId, "It was changed");
        audit.record(entry(AuditAction.CAMPAIGN_UPDATE, who, campaign, ProposalSource.PERSON).before(before).after(describe(campaign)).build());
        return campaign;
    }

    public List<Campaign> list(Person who, long storeId) {
        require(who, Permission.CAMPAIGNS_VIEW);
        return StoreScoped.ofStore(em, directory, who, storeId, "Campaign.findByStore", Campaign.class);
    }

    public Campaign find(Person who, long campaignId) {
        return StoreScoped.find(em, directory, who, Campaign.class, campaignId, Campaign::storeId, "Campaign");
    }

    /** How the campaign's deliveries stand. */
    public DeliveryCounts deliveries(Person who, long campaignId) {
        require(who, Permission.CAMPAIGNS_VIEW);
        Campaign campaign = find(who, campaignId);
        long[] counts = new long[4];
        List<?> rows = em.createNativeQuery("SELECT status, COUNT(*) FROM campaign_delivery WHERE workspace_id = ? AND campaign_id = ? "
                + "GROUP BY status").setParameter(1, who.workspaceId()).setParameter(2, campaign.id()).getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            long n = ((Number) columns[1]).longValue();
            switch (columns[0].toString()) {
                case "PENDING" -> counts[0] = n;
                case "SENT" -> counts[1] = n;
                case "SKIPPED_CONSENT" -> counts[2] = n;
                default -> counts[3] += n;
            }
        }
        return new DeliveryCounts(counts[0], counts[1], counts[2], counts[3]);
    }


    private static AuditEntry.Builder entry(AuditAction action, Person who, Campaign campaign, ProposalSource source) {
        return AuditEntry.of(action, AuditOutcome.SUCCESS).in(who.workspaceId()).by(ActorType.USER, who.userId())
                .via(source == ProposalSource.AI ? AuditSource.AI : AuditSource.UI).on(campaign.id());
    }

    private static Map<String, Object> describe(Campaign campaign) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("store", campaign.storeId());
        values.put("segment", campaign.segmentId());
        values.put("name", campaign.name());
        values.put("subject", campaign.subject());
        values.put("bodySha256", Digests.sha256(campaign.body()));
        values.put("version", campaign.version());
        values.put("source", campaign.source().name());
        values.put("finding", campaign.findingId());
        return values;
    }
}
