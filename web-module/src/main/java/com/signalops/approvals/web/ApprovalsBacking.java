package com.signalops.approvals.web;

import com.signalops.approvals.domain.ApprovalRequest;
import com.signalops.approvals.domain.Person;
import com.signalops.approvals.domain.Review;
import com.signalops.approvals.service.Approvals;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.shared.BusinessException;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Optional;

/**
 * The approvals page ({@code approvals.request}): the inbox of requests waiting for the signed-in person's decision
 * (needs {@code approvals.approve}; never their own), the review of one ({@code ?id=}: the email as it will read, the
 * audience now with a masked sample, whether it changed since it was asked for, the decisions so far) with approve and
 * reject (a reason required), and the person's own requests with their status, withdrawn while open. The service checks
 * and records every refusal (self-approval among them).
 */
@Named
@RequestScoped
public class ApprovalsBacking {

    @EJB
    private Approvals approvals;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleMessages messages;

    @Inject
    private FacesContext faces;

    private List<ApprovalRequest> inbox;
    private List<ApprovalRequest> mine;
    private Optional<Review> review;
    private Long requestId;
    private String reason;

    public boolean isApprover() {
        return session.may(Permission.APPROVALS_APPROVE);
    }

    public long getUserId() {
        return session.getUserId();
    }

    public List<ApprovalRequest> getInbox() {
        if (inbox == null) {
            inbox = approvals.inbox(person());
        }
        return inbox;
    }

    public List<ApprovalRequest> getMine() {
        if (mine == null) {
            mine = approvals.requestedBy(person());
        }
        return mine;
    }

    /** The review of the request of {@code ?id=} (or of the posted decision form), if the role sees it. */
    public Review getReview() {
        if (review == null) {
            review = Optional.empty();
            Long id = getRequestId();
            if (id != null) {
                try {
                    review = Optional.of(approvals.review(person(), id));
                } catch (BusinessException notSeen) {
                    review = Optional.empty();
                }
            }
        }
        return review.orElse(null);
    }

    /**
     * Whether the reviewed request is pending and the active role may decide on requests: the form is shown, and the
     * service refuses (and records) a decision on one's own request.
     */
    public boolean isDecidable() {
        Review shown = getReview();
        return shown != null && isApprover() && shown.request().status().name().equals("PENDING");
    }

    /** Whether the signed-in person asked for the reviewed request (someone else must decide on it). */
    public boolean isOwnRequest() {
        Review shown = getReview();
        return shown != null && shown.request().requestedBy(session.getUserId());
    }

    public Long getRequestId() {
        if (requestId == null) {
            String parameter = faces.getExternalContext().getRequestParameterMap().get("id");
            try {
                requestId = parameter == null || parameter.isBlank() ? null : Long.valueOf(parameter.trim());
            } catch (NumberFormatException e) {
                requestId = null;
            }
        }
        return requestId;
    }

    public void setRequestId(Long requestId) {
        this.requestId = requestId;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    /** Approves the reviewed request. */
    public String approve() {
        try {
            ApprovalRequest decided = approvals.approve(person(), required());
            messages.info("approvals.approved." + decided.status().name());
        } catch (BusinessException refused) {
            messages.refusedWithReason(refused, "approvals.decide-failed");
            return null;
        }
        return "/approvals?faces-redirect=true&id=" + requestId;
    }

    /** Rejects the reviewed request for the reason given. */
    public String reject() {
        try {
            approvals.reject(person(), required(), reason);
        } catch (BusinessException refused) {
            messages.refusedWithReason(refused, "approvals.decide-failed");
            return null;
        }
        messages.info("approvals.rejected");
        return "/approvals?faces-redirect=true&id=" + requestId;
    }

    /** Withdraws the signed-in person's own request {@code id}. */
    public String withdraw(long id) {
        try {
            approvals.withdraw(person(), id);
        } catch (BusinessException refused) {
            messages.refusedWithReason(refused, "approvals.withdraw-failed");
            return null;
        }
        messages.info("approvals.withdrawn");
        return "/approvals?faces-redirect=true";
    }

    private long required() {
        if (getRequestId() == null) {
            throw new BusinessException("approvals.choose", "Choose a request to decide on");
        }
        return requestId;
    }

    private Person person() {
        return new Person(session.getWorkspaceId(), session.getUserId(), session.getActiveRole());
    }
}
