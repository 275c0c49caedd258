package com.signalops.privacy.web;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.privacy.domain.DataExport;
import com.signalops.privacy.domain.DataExportKind;
import com.signalops.privacy.service.DataExports;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The data requests page: the customer data requests of the stores the role sees with their
 * exports, and the workspace's exports. With the export kind's permissions a ready export gets a
 * single-use download link; with {@code workspace.delete} an admin exports the whole workspace.
 * Request-scoped on purpose: a link's token lives for the one response that shows it.
 */
@Named
@RequestScoped
public class DataRequestsBacking {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @EJB
    private DataExports exports;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleMessages messages;

    @Inject
    private ConsoleAudit audit;

    @Inject
    private FacesContext faces;

    private List<DataExports.CustomerRequest> requests;
    private List<DataExport> workspaceExports;
    private String issuedLink;

    public List<DataExports.CustomerRequest> getRequests() {
        if (requests == null) {
            requests = exports.customerRequests(viewer());
        }
        return requests;
    }

    public List<DataExport> getWorkspaceExports() {
        if (workspaceExports == null) {
            workspaceExports = exports.workspaceExports(viewer());
        }
        return workspaceExports;
    }

    /** Asks for an export of the whole workspace. */
    public void exportWorkspace() {
        if (!audit.permits(Permission.WORKSPACE_DELETE, AuditAction.DATA_EXPORT_REQUEST, null, "data-requests.not-allowed")) {
            return;
        }
        try {
            exports.requestWorkspaceExport(viewer(), session.getUserId(), request().getRemoteAddr());
            messages.info("data-requests.workspace.requested");
            workspaceExports = null;
        } catch (BusinessException refused) {
            messages.refused(refused, "data-requests.failed");
        }
    }

    /** Issues the download link of ready export {@code exportId}, shown in this response only. */
    public void issueLink(long exportId, String kind) {
        DataExportKind exportKind = DataExportKind.valueOf(kind);
        for (Permission permission : exportKind.downloadPermissions()) {
            if (!audit.permits(permission, AuditAction.DATA_EXPORT_LINK, exportId, "data-requests.not-allowed")) {
                return;
            }
        }
        try {
            String token = exports.issueLink(viewer(), exportId, session.getUserId(), request().getRemoteAddr());
            issuedLink = request().getContextPath() + ExportDownloadServlet.PATH + "?token=" + token;
            messages.info("data-requests.link.issued");
            requests = null;
            workspaceExports = null;
        } catch (BusinessException refused) {
            messages.refused(refused, "data-requests.failed");
        }
    }

    /** Whether the active role may get links of {@code kind}'s exports. */
    public boolean mayDownload(String kind) {
        return DataExportKind.valueOf(kind).downloadPermissions().stream().allMatch(session::may);
    }

    /** Whether {@code export} is ready to be downloaded now. */
    public boolean isDownloadable(DataExport export) {
        return export != null && export.status() == DataExport.Status.READY && !export.isExpiredAt(Instant.now());
    }

    /** {@code at} to the minute, or null for a moment that has not happened. */
    public String at(Instant at) {
        return at == null ? null : MINUTES.format(at);
    }

    public String getIssuedLink() {
        return issuedLink;
    }

    private Viewer viewer() {
        return Viewer.of(session.getWorkspaceId(), session.getActiveRole());
    }

    private HttpServletRequest request() {
        return (HttpServletRequest) faces.getExternalContext().getRequest();
    }
}
