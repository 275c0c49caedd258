package com.signalops.audit.web;

import com.signalops.audit.domain.AuditFilter;
import com.signalops.audit.domain.AuditPage;
import com.signalops.audit.domain.PageCursor;
import com.signalops.audit.domain.SecurityEventFilter;
import com.signalops.audit.domain.SecurityEventView;
import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.AuditLog;
import com.signalops.identity.web.ConsoleSession;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The security events page: the workspace's events by severity, type and time, newest first; viewing is audited. */
@Named
@ViewScoped
public class SecurityEventsBacking extends CursorPagedView<SecurityEventView> {

    private static final long serialVersionUID = 1L;

    @EJB
    private AuditLog log;

    @Inject
    private ConsoleSession session;

    private String type;
    private String severity;
    private String from;
    private String to;

    @Override
    protected AuditPage<SecurityEventView> read(PageCursor cursor) {
        SecurityEventFilter filter = new SecurityEventFilter(type, SecurityEventFilter.severity(severity),
                AuditFilterForm.instant(from, "from"), AuditFilterForm.instant(to, "to"), AuditFilter.DEFAULT_PAGE_SIZE);
        return log.securityEvents(session.getWorkspaceId(), filter, cursor);
    }

    public Severity[] getSeverities() {
        return Severity.values();
    }

    public List<SecurityEventView> getEvents() {
        return items();
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getSeverity() {
        return severity;
    }

    public void setSeverity(String severity) {
        this.severity = severity;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }
}
