package com.signalops.privacy.web;

import com.signalops.identity.web.ConsoleSession;
import com.signalops.privacy.domain.DataExportKind;
import com.signalops.privacy.service.DataExports;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.Viewer;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /exports/download?token=…}: the one download of a data export. Needs a signed-in console
 * session (not a staff member's temporary access) whose active role holds the export kind's
 * download permissions and sees the export, and the link's token: the export is marked downloaded
 * (audited) in one transaction before a byte is sent, so a second use is refused with a message
 * saying so. The file is deleted once sent.
 */
@WebServlet(ExportDownloadServlet.PATH)
public class ExportDownloadServlet extends HttpServlet {

    public static final String PATH = "/exports/download";
    private static final long serialVersionUID = 1L;
    /** The answer's status for each refusal. */
    private static final Map<String, Integer> STATUS = Map.of("export.used", HttpServletResponse.SC_GONE, "export.expired",
            HttpServletResponse.SC_GONE, "export.forbidden", HttpServletResponse.SC_FORBIDDEN, "export.link-invalid",
            HttpServletResponse.SC_NOT_FOUND, "export.not-ready", HttpServletResponse.SC_CONFLICT);

    @EJB
    private DataExports exports;

    @Inject
    private ConsoleSession session;


    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getUserPrincipal() == null || !session.isInWorkspace(Instant.now()) || session.isTemporaryAccess()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        DataExports.Download download;
        try {
            download = exports.redeem(Viewer.of(session.getWorkspaceId(), session.getActiveRole()), request.getParameter("token"),
                    session.getUserId(), session::may, request.getRemoteAddr());
        } catch (BusinessException refused) {
            refuse(response, STATUS.getOrDefault(refused.code(), HttpServletResponse.SC_BAD_REQUEST), refused.getMessage());
            return;
        }
        try {
            send(download, response);
        } finally {
            exports.discardFile(download);
        }
    }

    private void send(DataExports.Download download, HttpServletResponse response) throws IOException {
        DataExportKind kind = download.kind();
        response.setContentType(kind.contentType());
        response.setHeader("Content-Disposition", "attachment; filename=\"signalops-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + "-" + download.exportId() + "." + kind.extension() + "\"");
        exports.send(download, response.getOutputStream());
    }

    /** A refusal as a short plain-text page: the message says why, never which export. */
    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(message + "\n");
    }
}
