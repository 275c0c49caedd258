package com.signalops.audit.web;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditCsv;
import com.signalops.audit.domain.AuditFilter;
import com.signalops.audit.domain.AuditJson;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditLog;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.shared.BusinessException;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code /audit/export?format=csv|json&…filters}: the console's download of the filtered audit log,
 * streamed as it is read (nothing is kept on the server). Needs a signed-in console session whose
 * active role has {@code audit.export}; every export, and every refusal, is an audit record.
 */
@WebServlet("/audit/export")
public class AuditExportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @EJB
    private AuditLog log;

    @Inject
    private ConsoleSession session;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getUserPrincipal() == null || !session.isInWorkspace(Instant.now())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        long workspaceId = session.getWorkspaceId();
        String actor = Long.toString(session.getUserId());
        if (!session.may(Permission.AUDIT_EXPORT)) {
            log.recordAccess(workspaceId, AuditLog.EXPORT, ActorType.USER, actor, AuditSource.UI, AuditOutcome.DENIED,
                    request.getRemoteAddr());
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        String format = request.getParameter("format");
        AuditFilter filter;
        try {
            filter = AuditFilterForm.of(request.getParameterMap()).toFilter(AuditFilter.MAX_PAGE_SIZE);
        } catch (BusinessException invalid) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, invalid.getMessage());
            return;
        }
        if (!"csv".equals(format) && !"json".equals(format)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "format must be csv or json");
            return;
        }
        log.recordAccess(workspaceId, AuditLog.EXPORT, ActorType.USER, actor, AuditSource.UI, AuditOutcome.SUCCESS,
                request.getRemoteAddr());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType("csv".equals(format) ? "text/csv" : "application/json");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-" + STAMP.format(Instant.now()) + "." + format + "\"");
        Writer out = response.getWriter();
        if ("csv".equals(format)) {
            out.write(AuditCsv.headerLine());
            log.export(workspaceId, filter, record -> write(out, AuditCsv.line(record)));
        } else {
            try (JsonGenerator json = Json.createGenerator(out)) {
                json.writeStartArray();
                log.export(workspaceId, filter, record -> AuditJson.write(json, record));
                json.writeEnd();
            }
        }
        out.flush();
    }

    private static void write(Writer out, String line) {
        try {
            out.write(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
