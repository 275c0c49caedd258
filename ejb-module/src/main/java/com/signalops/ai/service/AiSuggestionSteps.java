package com.signalops.ai.service;

import com.signalops.ai.domain.AiExchange;
import com.signalops.ai.domain.Pseudonymizer;
import com.signalops.ai.domain.SegmentProposal;
import com.signalops.ai.domain.SuggestionAnswer;
import com.signalops.ai.domain.SuggestionContext;
import com.signalops.ai.domain.SuggestionPrompt;
import com.signalops.approvals.domain.ApprovalRequest;
import com.signalops.approvals.domain.Person;
import com.signalops.approvals.domain.ProposalSource;
import com.signalops.approvals.domain.ReviewedContent;
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
import com.signalops.outreach.domain.Segment;
import com.signalops.outreach.domain.SegmentDefinition;
import com.signalops.outreach.service.Campaigns;
import com.signalops.outreach.service.OutreachSettings;
import com.signalops.outreach.service.Segments;
import com.signalops.shared.BusinessException;
import com.signalops.shared.ForbiddenException;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.TenantOwned;
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
 * The database steps of an AI suggestion, each in a transaction of its own so that none is open while the model is
 * asked ({@link AiSuggestions} calls them with none): the checks and the pseudonymized prompt; the proposal filed as a
 * segment, a campaign and a pending approval request with source AI; or the failure recorded. Each ends in an
 * {@code ai.suggest} audit record that names the exchange, the model and the hashes, never a prompt or an answer.
 */
@Stateless
public class AiSuggestionSteps {

    /** The rights a suggestion needs: it makes a segment and a campaign and asks for their approval. */
    static final List<Permission> NEEDED = List.of(Permission.SEGMENTS_MANAGE, Permission.CAMPAIGNS_MANAGE, Permission.APPROVALS_REQUEST);

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private LeakFindings findings;

    @EJB
    private DirectoryService directory;

    @EJB
    private OutreachSettings settings;

    @EJB
    private Segments segments;

    @EJB
    private Campaigns campaigns;

    @EJB
    private Approvals approvals;

    @EJB
    private AuditTrail audit;

    private final Clock clock = Clock.systemUTC();

    /**
     * Checks that {@code who} may have finding {@code findingId} suggested on and that AI is on, and builds the prompt.
     *
     * @throws ForbiddenException ({@code ai.not-allowed}, audited) without the rights; NotFoundException for a finding
     *         out of reach; BusinessException ({@code ai.off}, {@code ai.not-configured}) when AI is off
     */
    public Prepared prepare(Person who, long findingId, boolean providerConfigured) {
        for (Permission permission : NEEDED) {
            if (!who.may(permission)) {
                audit.recordAlone(AuditEntry.of(AuditAction.AI_SUGGEST, AuditOutcome.DENIED).in(who.workspaceId())
                        .by(ActorType.USER, who.userId()).via(AuditSource.UI).on("leak_finding", findingId)
                        .after(Map.of("missing", permission.key())).build());
                throw new ForbiddenException("ai.not-allowed", "Your role cannot have AI propose campaigns (" + permission.key() + ")");
            }
        }
        tenant(who);
        LeakFinding finding = findings.find(who.viewer(), findingId);
        requireOn(who, providerConfigured);
        Store store = directory.store(who.viewer(), finding.storeId());
        SuggestionContext context = new SuggestionContext(findingId, finding.rule(), finding.subject(), finding.amount(), finding.currency(),
                finding.evidence(), store.storeCode(), store.shopDomain(), List.of());
        Pseudonymizer pseudonymizer = new Pseudonymizer();
        return new Prepared(finding.storeId(), findingId, finding.rule().name(), SuggestionPrompt.of(context, pseudonymizer), pseudonymizer);
    }

    /**
     * Files {@code proposal} (restored) as a segment and a draft campaign of source AI and asks for the campaign's
     * approval, as {@code who}; records the exchange. AI being turned off meanwhile refuses it.
     */
    public AiSuggestions.Suggestion propose(Person who, Prepared prepared, String model, String answer, SuggestionAnswer proposal) {
        tenant(who);
        requireOn(who, true);
        SegmentProposal s = proposal.segment();
        SegmentDefinition definition = switch (s.kind()) {
            case UNFULFILLED_PAID -> SegmentDefinition.unfulfilledPaid(s.hours());
            case BOUGHT_VARIANT -> SegmentDefinition.boughtVariant(s.variantId(), s.days());
            case FINDING_CUSTOMERS -> SegmentDefinition.findingCustomers(s.findingId());
        };
        Segment segment = segments.create(who, prepared.storeId(), bounded("AI: " + definition.describe()), definition, ProposalSource.AI);
        Campaign campaign = campaigns.create(who, segment.id(), bounded("AI draft for finding " + prepared.findingId() + " ("
                + prepared.findingLabel() + ")"), proposal.subject(), proposal.body(), ProposalSource.AI, prepared.findingId());
        // re-read: the tenant column of a row persisted in this transaction is read-only and unset until read back,
        // and the approval's audience count asks the segment for its workspace
        em.refresh(segment);
        em.refresh(campaign);
        ApprovalRequest request = approvals.request(who, SubjectKind.CAMPAIGN, campaign.id(), ProposalSource.AI, false);
        AiExchange exchange = AiExchange.proposed(prepared.storeId(), prepared.findingId(), who.userId(), clock.instant(), model,
                prepared.prompt(), answer, campaign.id(), request.id());
        em.persist(exchange);
        em.flush();
        Map<String, Object> after = describe(exchange);
        after.put("segmentId", segment.id());
        audit.record(entry(who, exchange, AuditOutcome.SUCCESS).after(after).build());
        return new AiSuggestions.Suggestion(exchange.id(), segment.id(), campaign.id(), request.id());
    }

    /** Records that the suggestion failed for {@code failure}; {@code answer} is the model's, if one came. */
    public long failed(Person who, Prepared prepared, String model, String answer, String failure) {
        tenant(who);
        AiExchange exchange = AiExchange.failed(prepared.storeId(), prepared.findingId(), who.userId(), clock.instant(), model,
                prepared.prompt(), answer, failure);
        em.persist(exchange);
        em.flush();
        audit.record(entry(who, exchange, AuditOutcome.FAILED).after(describe(exchange)).build());
        return exchange.id();
    }

    private void requireOn(Person who, boolean providerConfigured) {
        if (!settings.rules(who.workspaceId()).aiEnabled()) {
            throw new BusinessException("ai.off", "AI suggestions are off in this workspace (Outreach settings)");
        }
        if (!providerConfigured) {
            throw new BusinessException("ai.not-configured", "No AI model provider is configured on this server");
        }
    }

    private static AuditEntry.Builder entry(Person who, AiExchange exchange, AuditOutcome outcome) {
        return AuditEntry.of(AuditAction.AI_SUGGEST, outcome).in(who.workspaceId()).by(ActorType.USER, who.userId()).via(AuditSource.UI)
                .on(exchange.id());
    }

    private static Map<String, Object> describe(AiExchange exchange) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("storeId", exchange.storeId());
        values.put("findingId", exchange.findingId());
        values.put("model", exchange.model());
        values.put("status", exchange.status().name());
        values.put("requestHash", ReviewedContent.hex(exchange.requestHash()));
        values.put("responseHash", exchange.responseHash() == null ? null : ReviewedContent.hex(exchange.responseHash()));
        values.put("failure", exchange.failure());
        values.put("campaignId", exchange.campaignId());
        values.put("approvalRequestId", exchange.approvalRequestId());
        return values;
    }

    private static String bounded(String name) {
        return name.length() > Segment.NAME_LENGTH ? name.substring(0, Segment.NAME_LENGTH) : name;
    }

    private void tenant(Person who) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(who.workspaceId()));
    }
}
