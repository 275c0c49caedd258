package com.signalops.identity.web;

import com.signalops.identity.domain.SignedIn;
import com.signalops.identity.service.StaffAccessService;
import com.signalops.shared.BusinessException;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Platform staff's page: open time-boxed access to a workspace for a stated reason, and end it.
 * Only accounts on the configured allowlist get anywhere; everyone else is refused.
 */
@Named
@RequestScoped
public class StaffAccessBacking {

    @EJB
    private StaffAccessService staffAccess;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleMessages messages;

    private Long workspaceId;
    private String reason;
    private Integer minutes = 60;

    public String begin() {
        Optional<String> email = staffAccess.staffEmail(session.getUserId());
        if (email.isEmpty() || workspaceId == null || minutes == null) {
            messages.error("staff.not-allowed");
            return null;
        }
        try {
            SignedIn access = staffAccess.begin(session.getUserId(), email.get(), workspaceId, reason, Duration.ofMinutes(minutes));
            session.enter(access, Instant.now());
            return "/index?faces-redirect=true";
        } catch (BusinessException refused) {
            messages.refused(refused, "staff-access.failed");
            return null;
        }
    }

    /** Ends the staff member's current access at once; the session stays, outside any workspace. */
    public String end() {
        SignedIn.TemporaryAccess access = session.temporaryAccess();
        if (access != null) {
            try {
                staffAccess.end(session.getWorkspaceId(), access.accessId(), session.getUserId());
            } catch (BusinessException alreadyOver) {
                // it ended by itself or was revoked: the session leaves the workspace all the same
            }
            session.enter(new SignedIn(session.getUserId(), session.getDisplayName(), null, List.of()), Instant.now());
        }
        return "/staff?faces-redirect=true";
    }

    public Long getWorkspaceId() {
        return workspaceId;
    }

    public void setWorkspaceId(Long workspaceId) {
        this.workspaceId = workspaceId;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Integer getMinutes() {
        return minutes;
    }

    public void setMinutes(Integer minutes) {
        this.minutes = minutes;
    }
}
