package com.signalops.outreach.web;

import com.signalops.approvals.domain.ApprovalRequest;
import com.signalops.approvals.domain.SubjectKind;
import com.signalops.approvals.service.Approvals;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.outreach.domain.ExportDestination;
import com.signalops.outreach.domain.ExportField;
import com.signalops.outreach.domain.Segment;
import com.signalops.outreach.domain.SegmentExport;
import com.signalops.outreach.service.SegmentExports;
import com.signalops.outreach.service.Segments;
import com.signalops.privacy.domain.DataExport;
import com.signalops.privacy.domain.DataExportKind;
import com.signalops.privacy.service.DataExports;
import com.signalops.privacy.web.ExportDownloadServlet;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The segment exports page ({@code exports.request}): an export of a segment's customers asked for with its fields and
 * whether personal fields may leave, its approval requested at once; the store's exports with their approval; and the
 * files of approved exports, each downloaded once through a link shown once ({@code exports.download}).
 */
@Named
@RequestScoped
public class SegmentExportsBacking {

    /** An export as the list shows it. */
    public record Row(SegmentExport export, ApprovalRequest request) {
    }

    @EJB
    private SegmentExports exports;

    @EJB
    private Segments segments;

    @EJB
    private Approvals approvals;

    @EJB
    private DataExports files;

    @Inject
    private OutreachStores stores;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleAudit audit;

    @Inject
    private ConsoleMessages messages;

    @Inject
    private FacesContext faces;

    private List<Row> rows;
    private List<Segment> storeSegments;
    private Long segmentId;
    private List<String> fields = new ArrayList<>(List.of(ExportField.CUSTOMER_ID.key()));
    private boolean personal;
    private String destination = ExportDestination.CSV_DOWNLOAD.name();
    private String recipient;
    private String issuedLink;

    public List<Row> getRows() {
        if (rows == null) {
            Long storeId = stores.getStoreId();
            rows = storeId == null ? List.of() : exports.list(stores.person(), storeId).stream()
                    .map(export -> new Row(export, approvals.current(stores.person(), SubjectKind.EXPORT, export.id()).orElse(null))).toList();
        }
        return rows;
    }

    public List<Segment> getSegments() {
        if (storeSegments == null) {
            Long storeId = stores.getStoreId();
            storeSegments = storeId == null || !session.may(Permission.SEGMENTS_VIEW) ? List.of() : segments.list(stores.person(), storeId);
        }
        return storeSegments;
    }

    /** The files of approved exports in the stores the role sees. */
    public List<DataExport> getFiles() {
        return files.segmentExports(viewer());
    }

    public List<String> getFieldChoices() {
        return Arrays.stream(ExportField.values()).map(ExportField::key).toList();
    }

    public boolean isMayDownload() {
        return DataExportKind.SEGMENT.downloadPermissions().stream().allMatch(session::may);
    }

    /** Whether {@code file} can be downloaded now. */
    public boolean isDownloadable(DataExport file) {
        return file != null && file.status() == DataExport.Status.READY && !file.isExpiredAt(Instant.now());
    }

    /** Asks for the export of the form's segment and files its approval request. */
    public String ask() {
        if (!audit.permits(Permission.EXPORTS_REQUEST, AuditAction.SEGMENT_EXPORT_CREATE, null, "outreach.not-allowed")) {
            return null;
        }
        try {
            if (segmentId == null) {
                throw new BusinessException("segment-export.segment-required", "Choose the segment to export");
            }
            ExportDestination where = Arrays.stream(ExportDestination.values()).filter(d -> d.name().equals(destination)).findFirst()
                    .orElseThrow(() -> new BusinessException("segment-export.destination-required", "Choose where the export goes"));
            exports.ask(stores.person(), segmentId, fields.stream().map(ExportField::of).toList(), personal, where, recipient);
        } catch (BusinessException refused) {
            messages.refusedWithReason(refused, "segment-exports.failed");
            return null;
        }
        messages.info("segment-exports.asked");
        return "/segment-exports?faces-redirect=true&storeId=" + stores.getStoreId();
    }

    /** Issues the download link of ready file {@code exportId}, shown in this response only. */
    public void issueLink(long exportId) {
        for (Permission permission : DataExportKind.SEGMENT.downloadPermissions()) {
            if (!audit.permits(permission, AuditAction.DATA_EXPORT_LINK, exportId, "outreach.not-allowed")) {
                return;
            }
        }
        try {
            HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
            String token = files.issueLink(viewer(), exportId, session.getUserId(), request.getRemoteAddr());
            issuedLink = request.getContextPath() + ExportDownloadServlet.PATH + "?token=" + token;
            messages.info("data-requests.link.issued");
        } catch (BusinessException refused) {
            messages.refused(refused, "segment-exports.failed");
        }
    }

    public String getIssuedLink() {
        return issuedLink;
    }

    public Long getSegmentId() {
        return segmentId;
    }

    public void setSegmentId(Long segmentId) {
        this.segmentId = segmentId;
    }

    public List<String> getFields() {
        return fields;
    }

    public void setFields(List<String> fields) {
        this.fields = fields;
    }

    public List<String> getDestinations() {
        return Arrays.stream(ExportDestination.values()).map(Enum::name).toList();
    }

    public String getDestination() {
        return destination;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    public String getRecipient() {
        return recipient;
    }

    public void setRecipient(String recipient) {
        this.recipient = recipient;
    }

    public boolean isPersonal() {
        return personal;
    }

    public void setPersonal(boolean personal) {
        this.personal = personal;
    }

    private Viewer viewer() {
        return Viewer.of(session.getWorkspaceId(), session.getActiveRole());
    }
}
