package com.signalops.leaks.web;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.leaks.domain.FindingSort;
import com.signalops.leaks.domain.FindingStatus;
import com.signalops.leaks.domain.LeakFindingCsv;
import com.signalops.leaks.domain.LeakRule;
import com.signalops.leaks.service.LeakFindings;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.Viewer;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code /leaks/export?storeId=&code=&status=&sort=}: the console's CSV download of a store's findings as the list
 * shows them (the same filters and order; {@code status=ALL} for every status, open when absent), streamed as it is
 * read. Needs a signed-in session whose active role sees the store and has {@code leaks.view} and
 * {@code exports.download}; every export, and every refusal, is an audit record ({@code leak-finding.export}).
 */
@WebServlet("/leaks/export")
public class LeakExportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private LeakFindings findings;

    @EJB
    private AuditTrail trail;

    @Inject
    private ConsoleSession session;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getUserPrincipal() == null || !session.isInWorkspace(Instant.now())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        long storeId;
        try {
            storeId = Long.parseLong(Optional.ofNullable(request.getParameter("storeId")).orElse("").trim());
        } catch (NumberFormatException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "storeId must be a store's id");
            return;
        }
        if (!session.may(Permission.LEAKS_VIEW) || !session.may(Permission.EXPORTS_DOWNLOAD)) {
            trail.recordAlone(AuditEntry.of(AuditAction.LEAK_FINDING_EXPORT, AuditOutcome.DENIED).in(session.getWorkspaceId())
                    .by(ActorType.USER, session.getUserId()).via(AuditSource.UI).on(storeId).from(request.getRemoteAddr()).build());
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        String status = Optional.ofNullable(request.getParameter("status")).filter(s -> !s.isBlank()).orElse(FindingStatus.OPEN.name());
        Optional<LeakRule> rule = LeakRule.fromCode(request.getParameter("code"));
        FindingSort sort = FindingSort.fromKey(Optional.ofNullable(request.getParameter("sort")).orElse("")).orElse(FindingSort.AMOUNT_DESC);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType("text/csv");
        response.setHeader("Content-Disposition", "attachment; filename=\"leak-findings-store-" + storeId + ".csv\"");
        Writer out = response.getWriter();
        try {
            out.write(LeakFindingCsv.headerLine());
            findings.export(Viewer.of(session.getWorkspaceId(), session.getActiveRole()), storeId, rule, FindingStatus.fromName(status),
                    sort, ConnectionActor.user(session.getUserId()), finding -> write(out, LeakFindingCsv.line(finding)));
        } catch (NotFoundException unknown) {
            response.reset();
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        out.flush();
    }

    private static void write(Writer out, String line) {
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
