package com.signalops.audit.web;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditLog;
import com.signalops.identity.web.ConsoleSession;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** Records that the signed-in console user viewed their workspace's audit log (a page of it, a record, its security events). */
@RequestScoped
public class ConsoleAuditViews {

    @EJB
    private AuditLog log;

    @Inject
    private ConsoleSession session;

    @Inject
    private ExternalContext external;

    public void viewed() {
        log.recordAccess(session.getWorkspaceId(), AuditLog.VIEW, ActorType.USER, Long.toString(session.getUserId()), AuditSource.UI,
                AuditOutcome.SUCCESS, ((HttpServletRequest) external.getRequest()).getRemoteAddr());
    }
}
