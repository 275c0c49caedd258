package com.signalops.audit.web;

import com.signalops.audit.domain.AuditFilter;
import com.signalops.audit.domain.AuditPage;
import com.signalops.audit.domain.AuditRecordView;
import com.signalops.audit.domain.PageCursor;
import com.signalops.audit.service.AuditLog;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.shared.BusinessException;
import com.signalops.web.ConsoleMessages;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The audit log page: the workspace's records, newest first, filtered, a page at a time by
 * cursor; each page shown is itself recorded as {@code audit.view}.
 */
@Named
@ViewScoped
public class AuditBacking implements Serializable {

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

    @Inject
    private ExternalContext external;

    private final AuditFilterForm form = new AuditFilterForm();
    private AuditPage<AuditRecordView> page = new AuditPage<>(List.of(), null, null);

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
            AuditFilter filter = form.toFilter(AuditFilter.DEFAULT_PAGE_SIZE);
            page = log.page(session.getWorkspaceId(), filter, cursor);
            views.viewed();
        } catch (BusinessException refused) {
            messages.refused(refused, "audit.failed");
        }
    }

    /** The export download of the current filter in {@code format} ({@code csv} or {@code json}). */
    public String exportUrl(String format) {
        String query = form.queryString();
        return external.getRequestContextPath() + "/audit/export?format=" + format + (query.isEmpty() ? "" : "&" + query);
    }

    public boolean isMayExport() {
        return session.may(Permission.AUDIT_EXPORT);
    }

    public String at(Instant at) {
        return SECONDS.format(at);
    }

    public List<AuditRecordView> getRecords() {
        return page.items();
    }

    public boolean isHasNext() {
        return page.next() != null;
    }

    public boolean isHasPrevious() {
        return page.previous() != null;
    }

    public AuditFilterForm getForm() {
        return form;
    }
}
