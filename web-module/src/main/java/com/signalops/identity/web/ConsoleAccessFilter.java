package com.signalops.identity.web;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.service.CurrentActor;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.SignedIn;
import com.signalops.identity.service.SignInService;
import com.signalops.identity.service.StaffAccessService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * After the container's sign-in check: sends anonymous requests for console pages to the login
 * page, ends sessions past their absolute lifetime, sends a
 * signed-in request without a SignalOps session back to the login page, and refuses pages
 * whose permission the active role lacks (deny by default: every page is listed here or open),
 * recording each refusal as {@code access.deny}. Declared in web.xml, after the request id filter; it also
 * guards {@code /shopify/callback}, whose servlet checks its own permission.
 */
public class ConsoleAccessFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** What each console page needs beyond being signed in. */
    static final Map<String, Permission> PAGE_PERMISSIONS = Map.ofEntries(
            Map.entry("/system.xhtml", Permission.JOBS_VIEW),
            Map.entry("/users.xhtml", Permission.USERS_VIEW),
            Map.entry("/stores.xhtml", Permission.STORES_VIEW),
            Map.entry("/imports.xhtml", Permission.CONNECTIONS_VIEW),
            Map.entry("/leaks.xhtml", Permission.LEAKS_VIEW),
            Map.entry("/leak-dashboard.xhtml", Permission.LEAKS_VIEW),
            Map.entry("/segments.xhtml", Permission.SEGMENTS_VIEW),
            Map.entry("/campaigns.xhtml", Permission.CAMPAIGNS_VIEW),
            Map.entry("/approvals.xhtml", Permission.APPROVALS_REQUEST),
            Map.entry("/segment-exports.xhtml", Permission.EXPORTS_REQUEST),
            Map.entry("/outreach-settings.xhtml", Permission.SETTINGS_VIEW),
            Map.entry("/roles.xhtml", Permission.ROLES_VIEW),
            Map.entry("/api-keys.xhtml", Permission.API_KEYS_VIEW),
            Map.entry("/staff-access.xhtml", Permission.USERS_MANAGE),
            Map.entry("/audit.xhtml", Permission.AUDIT_VIEW),
            Map.entry("/audit-record.xhtml", Permission.AUDIT_VIEW),
            Map.entry("/security-events.xhtml", Permission.AUDIT_VIEW),
            Map.entry("/retention.xhtml", Permission.RETENTION_VIEW),
            Map.entry("/data-requests.xhtml", Permission.PRIVACY_VIEW),
            Map.entry("/privacy.xhtml", Permission.PRIVACY_VIEW));

    /** The page of platform staff only (the allowlist decides, not a permission). */
    static final String STAFF_PAGE = "/staff.xhtml";

    @Inject
    private ConsoleSession session;

    @EJB
    private StaffAccessService staffAccess;

    @EJB
    private SignInService signIns;

    @Inject
    private ConsoleAudit audit;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String page = request.getServletPath();
        if (isOpen(page)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getUserPrincipal() == null) {
            // reached without the container's check (the welcome page of "/"): deny by default
            response.sendRedirect(request.getContextPath() + "/login.xhtml");
            return;
        }
        if (!session.isSignedIn() || session.isExpired(Instant.now())) {
            endSession(request, response);
            return;
        }
        SignedIn.TemporaryAccess access = session.temporaryAccess();
        if (access != null && !staffAccess.isActive(session.getWorkspaceId(), access.accessId(), Instant.now())) {
            // the staff access ran out or an admin revoked it: the session ends with it
            endSession(request, response);
            return;
        }
        if (access == null && session.getWorkspaceId() != null && !signIns.stillBelongs(session.getUserId(), session.getWorkspaceId())) {
            // suspended in this workspace, or the account disabled, since sign-in: the session ends now
            endSession(request, response);
            return;
        }
        // audit records of this request name the signed-in user (or staff member) and their address
        CurrentActor.set(access == null ? ActorType.USER : ActorType.STAFF, Long.toString(session.getUserId()),
                session.getDisplayName(), request.getRemoteAddr());
        Permission needed = PAGE_PERMISSIONS.get(page);
        if ((page.equals(STAFF_PAGE) && !session.isPlatformStaff()) || (needed != null && !session.may(needed))) {
            audit.denied(AuditAction.ACCESS_DENY, page);
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Signs the caller out, ends the HTTP session (if signing out left one) and sends the browser to the login page. */
    private static void endSession(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request.logout();
        HttpSession current = request.getSession(false);
        if (current != null) {
            current.invalidate();
        }
        response.sendRedirect(request.getContextPath() + "/login.xhtml?expired=true");
    }

    private static boolean isOpen(String page) {
        return page.equals("/login.xhtml") || page.equals("/error.xhtml") || page.equals("/expired.xhtml")
                || page.equals("/invitation.xhtml")
                || page.startsWith("/jakarta.faces.resource/");
    }
}
