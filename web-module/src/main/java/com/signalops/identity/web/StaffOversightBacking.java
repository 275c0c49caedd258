package com.signalops.identity.web;

import com.signalops.audit.web.ConsoleAudit;
import com.signalops.audit.domain.AuditAction;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.StaffAccess;
import com.signalops.identity.service.StaffAccessService;
import com.signalops.shared.BusinessException;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;

/** The workspace admins' view of platform staff's temporary access: who, why, until when; and revocation. */
@Named
@RequestScoped
public class StaffOversightBacking {

    @EJB
    private StaffAccessService staffAccess;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleMessages messages;

    @Inject
    private ConsoleAudit audit;

    private List<StaffAccess> history;

    public List<StaffAccess> getHistory() {
        if (history == null) {
            history = staffAccess.history(session.getWorkspaceId());
        }
        return history;
    }

    public boolean isActive(StaffAccess access) {
        return access.isActive(Instant.now());
    }

    public void revoke(long accessId) {
        if (!audit.permits(Permission.USERS_MANAGE, AuditAction.STAFF_ACCESS_END, accessId, "staff-access.end-not-allowed")) {
            return;
        }
        try {
            staffAccess.end(session.getWorkspaceId(), accessId, session.getUserId());
            messages.info("staff-access.revoked");
        } catch (BusinessException refused) {
            messages.refused(refused, "staff-access.failed");
        }
        history = null;
    }
}
