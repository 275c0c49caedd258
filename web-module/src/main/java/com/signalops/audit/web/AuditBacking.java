package com.signalops.audit.web;

import com.signalops.audit.domain.AuditFilter;
import com.signalops.audit.domain.AuditPage;
import com.signalops.audit.domain.AuditRecordView;
import com.signalops.audit.domain.PageCursor;
import com.signalops.audit.service.AuditLog;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The audit log page: the workspace's records, newest first, filtered, a page at a time by
 * cursor; each page shown is itself recorded as {@code audit.view}.
 */
@Named
@ViewScoped
public class AuditBacking extends CursorPagedView<AuditRecordView> {

    private static final long serialVersionUID = 1L;

    @EJB
    private AuditLog log;

    @Inject
    private ConsoleSession session;

    @Inject
    private ExternalContext external;

    private final AuditFilterForm form = new AuditFilterForm();

    @Override
    protected AuditPage<AuditRecordView> read(PageCursor cursor) {
        return log.page(session.getWorkspaceId(), form.toFilter(AuditFilter.DEFAULT_PAGE_SIZE), cursor);
    }

    /** The export download of the current filter in {@code format} ({@code csv} or {@code json}). */
    public String exportUrl(String format) {
        String query = form.queryString();
        return external.getRequestContextPath() + "/audit/export?format=" + format + (query.isEmpty() ? "" : "&" + query);
    }

    public boolean isMayExport() {
        return session.may(Permission.AUDIT_EXPORT);
    }

    public List<AuditRecordView> getRecords() {
        return items();
    }

    public AuditFilterForm getForm() {
        return form;
    }
}
