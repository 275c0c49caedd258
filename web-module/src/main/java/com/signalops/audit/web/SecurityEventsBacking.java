package com.signalops.audit.web;

import com.signalops.audit.domain.AuditFilter;
import com.signalops.audit.domain.AuditPage;
import com.signalops.audit.domain.PageCursor;
import com.signalops.audit.domain.SecurityEventFilter;
import com.signalops.audit.domain.SecurityEventView;
import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.AuditLog;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.shared.BusinessException;
import com.signalops.web.ConsoleMessages;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The security events page: the workspace's events by severity, type and time, newest first; viewing is audited. */
@Named
@ViewScoped
public class SecurityEventsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @EJB
    private AuditLog log;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleAuditViews views;

    @Inject
    private ConsoleMessages messages;

    private String type;
    private String severity;
    private String from;
    private String to;
    private AuditPage<SecurityEventView> page = new AuditPage<>(List.of(), null, null);

    @PostConstruct
    void firstPage() {
        show(null);
    }

    public void search() {
        show(null);
    }

    public void next() {
        show(page.next());
    }

    public void previous() {
        show(page.previous());
    }

    private void show(PageCursor cursor) {
        try {
            SecurityEventFilter filter = new SecurityEventFilter(type, SecurityEventFilter.severity(severity),
                    AuditFilterForm.instant(from, "from"), AuditFilterForm.instant(to, "to"), AuditFilter.DEFAULT_PAGE_SIZE);
            page = log.securityEvents(session.getWorkspaceId(), filter, cursor);
            views.viewed();
        } catch (BusinessException refused) {
            messages.refused(refused, "audit.failed");
        }
    }

    public Severity[] getSeverities() {
        return Severity.values();
    }

    public String at(Instant at) {
        return SECONDS.format(at);
    }

    public List<SecurityEventView> getEvents() {
        return page.items();
    }

    public boolean isHasNext() {
        return page.next() != null;
    }

    public boolean isHasPrevious() {
        return page.previous() != null;
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
