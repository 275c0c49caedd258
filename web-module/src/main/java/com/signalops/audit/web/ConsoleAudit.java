package com.signalops.audit.web;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Audit records of console actions that no service records itself: a refusal for want of a
 * permission (in a transaction of its own, before anything changes) and the session's own changes
 * (role switch, sign-out). The actor is the signed-in user; name and address come from the request.
 */
@RequestScoped
public class ConsoleAudit {

    @EJB
    private AuditTrail trail;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleMessages messages;

    /**
     * Whether the active role holds {@code permission}; if not, records {@code action} on
     * {@code entityId} as DENIED and shows {@code messageKey}.
     */
    public boolean permits(Permission permission, AuditAction action, Object entityId, String messageKey) {
        if (session.may(permission)) {
            return true;
        }
        denied(action, entityId);
        messages.error(messageKey);
        return false;
    }

    /** Records that {@code action} on {@code entityId} was refused to the signed-in user. */
    public void denied(AuditAction action, Object entityId) {
        trail.recordAlone(entry(action, AuditOutcome.DENIED).on(entityId).build());
    }

    /** Records that {@code action} on another entity than the action's own was refused to the signed-in user. */
    public void deniedOn(AuditAction action, String entityType, Object entityId) {
        trail.recordAlone(entry(action, AuditOutcome.DENIED).on(entityType, entityId).build());
    }

    /** Records {@code action} of the signed-in user on {@code entityId}, done, with the state after it. */
    public void succeeded(AuditAction action, Object entityId, Map<String, Object> after) {
        trail.recordAlone(entry(action, AuditOutcome.SUCCESS).on(entityId).after(after).build());
    }

    private AuditEntry.Builder entry(AuditAction action, AuditOutcome outcome) {
        return AuditEntry.of(action, outcome).in(session.getWorkspaceId()).by(ActorType.USER, session.getUserId())
                .via(AuditSource.UI);
    }
}
