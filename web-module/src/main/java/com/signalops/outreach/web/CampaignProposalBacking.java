package com.signalops.outreach.web;

import com.signalops.ai.service.AiSuggestions;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.outreach.domain.Campaign;
import com.signalops.outreach.service.Campaigns;
import com.signalops.outreach.service.OutreachSettings;
import com.signalops.shared.BusinessException;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * "Propose campaign" on a leak finding ({@code campaigns.manage}): a segment of the finding's customers and a draft email
 * to them, opened on the campaigns page to review and submit for approval; or, with the workspace's AI suggestions on,
 * "Suggest with AI": the model's proposal filed for approval. Nothing is sent.
 */
@Named
@RequestScoped
public class CampaignProposalBacking {

    @EJB
    private Campaigns campaigns;

    @EJB
    private AiSuggestions suggestions;

    @EJB
    private OutreachSettings settings;

    @Inject
    private ConsoleSession session;

    @Inject
    private OutreachStores stores;

    @Inject
    private ConsoleAudit audit;

    @Inject
    private ConsoleMessages messages;

    public boolean isProposable() {
        return session.may(Permission.CAMPAIGNS_MANAGE);
    }

    /** Whether "Suggest with AI" is offered: the role may draft campaigns and the workspace turned AI suggestions on. */
    public boolean isSuggestable() {
        return isProposable() && settings.rules(session.getWorkspaceId()).aiEnabled();
    }

    /**
     * Asks the AI model provider for a segment and an email from the finding shown ({@code id}); the proposal is filed
     * as a pending approval request of source AI (the service checks and records everything, refusals included), and
     * opened on the approvals page. Nothing is approved or sent.
     */
    public String suggest() {
        AiSuggestions.Suggestion suggestion;
        try {
            Long findingId = stores.id("id");
            if (findingId == null) {
                throw new BusinessException("leaks.choose", "Choose a finding");
            }
            suggestion = suggestions.suggest(stores.person(), findingId);
        } catch (BusinessException refused) {
            messages.refusedWithReason(refused, "campaigns.suggest-failed");
            return null;
        }
        messages.info("campaigns.suggested");
        return "/approvals?faces-redirect=true&id=" + suggestion.approvalRequestId();
    }

    /** Proposes the campaign of the finding shown ({@code id}, posted back by the form) and opens it. */
    public String propose() {
        if (!audit.permits(Permission.CAMPAIGNS_MANAGE, AuditAction.CAMPAIGN_CREATE, null, "outreach.not-allowed")) {
            return null;
        }
        Campaign campaign;
        try {
            Long findingId = stores.id("id");
            if (findingId == null) {
                throw new BusinessException("leaks.choose", "Choose a finding");
            }
            campaign = campaigns.proposeFromFinding(stores.person(), findingId);
        } catch (BusinessException refused) {
            messages.refusedWithReason(refused, "campaigns.propose-failed");
            return null;
        }
        messages.info("campaigns.proposed");
        return "/campaigns?faces-redirect=true&storeId=" + campaign.storeId() + "&id=" + campaign.id();
    }
}
