package com.signalops.outreach.web;

import com.signalops.approvals.domain.ApprovalRequest;
import com.signalops.approvals.domain.ProposalSource;
import com.signalops.approvals.domain.SubjectKind;
import com.signalops.approvals.service.Approvals;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.outreach.domain.Campaign;
import com.signalops.outreach.domain.Segment;
import com.signalops.outreach.service.Campaigns;
import com.signalops.outreach.service.Segments;
import com.signalops.shared.BusinessException;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The campaigns page ({@code campaigns.view}): the chosen store's campaigns with their segment, the state of their
 * latest approval request and how their send stands (deliveries pending, sent, skipped for consent, failed); a campaign
 * created or edited ({@code campaigns.manage}; editing voids what was approved of it, {@code ?id=} opens one), an
 * approval asked for ({@code approvals.request}) and the requester's own open request withdrawn.
 */
@Named
@RequestScoped
public class CampaignsBacking {

    /** A campaign as the list shows it. */
    public record Row(Campaign campaign, String segmentName, ApprovalRequest request, Campaigns.DeliveryCounts deliveries) {

        /** Whether the signed-in person may withdraw its request: theirs, and still open. */
        public boolean withdrawableBy(long userId) {
            return request != null && request.isOpen() && request.requestedBy(userId);
        }
    }

    @EJB
    private Campaigns campaigns;

    @EJB
    private Segments segments;

    @EJB
    private Approvals approvals;

    @Inject
    private OutreachStores stores;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleAudit audit;

    @Inject
    private ConsoleMessages messages;

    private List<Row> rows;
    private List<Segment> storeSegments;
    private Long campaignId;
    private Long segmentId;
    private String name;
    private String subject;
    private String body;
    private boolean loaded;

    public boolean isManageable() {
        return session.may(Permission.CAMPAIGNS_MANAGE);
    }

    public boolean isRequestable() {
        return session.may(Permission.APPROVALS_REQUEST);
    }

    public long getUserId() {
        return session.getUserId();
    }

    /** The chosen store's segments, for a new campaign's audience. */
    public List<Segment> getSegments() {
        if (storeSegments == null) {
            Long storeId = stores.getStoreId();
            storeSegments = storeId == null ? List.of() : segments.list(stores.person(), storeId);
        }
        return storeSegments;
    }

    /** The chosen store's campaigns. */
    public List<Row> getRows() {
        if (rows == null) {
            Long storeId = stores.getStoreId();
            if (storeId == null) {
                rows = List.of();
            } else {
                Map<Long, String> names = getSegments().stream().collect(Collectors.toMap(Segment::id, Segment::name));
                rows = campaigns.list(stores.person(), storeId).stream().map(campaign -> new Row(campaign,
                        names.getOrDefault(campaign.segmentId(), "#" + campaign.segmentId()),
                        approvals.current(stores.person(), SubjectKind.CAMPAIGN, campaign.id()).orElse(null),
                        campaigns.deliveries(stores.person(), campaign.id()))).toList();
            }
        }
        return rows;
    }

    /** The campaign opened ({@code ?id=} or posted back), as the list shows it; null when none. */
    public Row getSelected() {
        Long id = getCampaignId();
        return id == null ? null : getRows().stream().filter(row -> row.campaign().id().equals(id)).findFirst().orElse(null);
    }

    public Long getCampaignId() {
        load();
        return campaignId;
    }

    public void setCampaignId(Long campaignId) {
        this.campaignId = campaignId;
    }

    public Long getSegmentId() {
        return segmentId;
    }

    public void setSegmentId(Long segmentId) {
        this.segmentId = segmentId;
    }

    public String getName() {
        load();
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSubject() {
        load();
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getBody() {
        load();
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    /** Creates the form's campaign to the chosen segment, or saves the opened one. */
    public String save() {
        AuditAction action = campaignId == null ? AuditAction.CAMPAIGN_CREATE : AuditAction.CAMPAIGN_UPDATE;
        if (!audit.permits(Permission.CAMPAIGNS_MANAGE, action, campaignId, "outreach.not-allowed")) {
            return null;
        }
        Campaign campaign;
        try {
            if (campaignId == null) {
                if (segmentId == null) {
                    throw new BusinessException("campaigns.no-segment", "Choose the segment the campaign goes to");
                }
                campaign = campaigns.create(stores.person(), segmentId, name, subject, body, ProposalSource.PERSON, null);
            } else {
                campaign = campaigns.update(stores.person(), campaignId, name, subject, body);
            }
        } catch (BusinessException refused) {
            messages.refusedWithReason(refused, "campaigns.failed");
            return null;
        }
        messages.info("campaigns.saved");
        return opened(campaign.storeId(), campaign.id());
    }

    /** Asks for the approval of campaign {@code id} as it is now. */
    public String requestApproval(long id) {
        return act(id, campaign -> approvals.request(stores.person(), SubjectKind.CAMPAIGN, id, ProposalSource.PERSON, false),
                "approvals.requested", "approvals.request-failed");
    }

    /** Withdraws the signed-in person's open request {@code requestId} of campaign {@code id}. */
    public String withdraw(long id, long requestId) {
        return act(id, campaign -> approvals.withdraw(stores.person(), requestId), "approvals.withdrawn", "approvals.withdraw-failed");
    }

    private String act(long id, Function<Long, ApprovalRequest> action, String done, String failed) {
        try {
            action.apply(id);
        } catch (BusinessException refused) {
            messages.refusedWithReason(refused, failed);
            return null;
        }
        messages.info(done);
        return opened(stores.getStoreId(), id);
    }

    private static String opened(Long storeId, long id) {
        return "/campaigns?faces-redirect=true&storeId=" + storeId + "&id=" + id;
    }

    /** The opened campaign's texts ({@code ?id=}) as the form's starting values; never over a posted value. */
    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        Long opened = campaignId != null ? campaignId : stores.id("id");
        if (opened == null) {
            return;
        }
        try {
            Campaign campaign = campaigns.find(stores.person(), opened);
            campaignId = campaign.id();
            name = name != null ? name : campaign.name();
            subject = subject != null ? subject : campaign.subject();
            body = body != null ? body : campaign.body();
        } catch (BusinessException notSeen) {
            campaignId = null;
        }
    }
}
