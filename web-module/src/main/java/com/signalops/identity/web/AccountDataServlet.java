package com.signalops.identity.web;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditFilter;
import com.signalops.audit.domain.AuditJson;
import com.signalops.audit.service.AuditLog;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.identity.domain.AccountMembership;
import com.signalops.identity.domain.UserAccount;
import com.signalops.identity.service.AccountService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /account/data.json}: everything SignalOps holds about the signed-in user, as JSON: the
 * profile (never the password hash), the memberships in every workspace, and the audit records
 * they are the actor of, in every workspace they belong to and in none. Needs a signed-in console
 * session of the user themself (not a staff member's temporary access); each download is audited.
 */
@WebServlet("/account/data.json")
public class AccountDataServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    public static final String FORMAT = "signalops-account-data/1";

    @EJB
    private AccountService accounts;

    @EJB
    private AuditLog log;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleAudit audit;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getUserPrincipal() == null || !session.isInWorkspace(Instant.now()) || session.isTemporaryAccess()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        long userId = session.getUserId();
        UserAccount profile = accounts.profile(userId);
        List<AccountMembership> memberships = accounts.memberships(userId);
        audit.succeeded(AuditAction.ACCOUNT_DATA_DOWNLOAD, userId, Map.of("memberships", memberships.size()));
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType("application/json");
        response.setHeader("Content-Disposition", "attachment; filename=\"signalops-account-" + userId + ".json\"");
        try (JsonGenerator json = Json.createGenerator(response.getWriter())) {
            json.writeStartObject().write("format", FORMAT).write("generatedAt", Instant.now().toString());
            json.writeStartObject("profile").write("id", userId).write("email", profile.email())
                    .write("displayName", profile.displayName()).write("status", profile.status().name())
                    .write("createdAt", profile.createdAt().toString());
            text(json, "passwordChangedAt", profile.passwordChangedAt());
            json.writeEnd();
            json.writeStartArray("memberships");
            for (AccountMembership membership : memberships) {
                json.writeStartObject().write("id", membership.membershipId()).write("workspaceId", membership.workspaceId())
                        .write("workspace", membership.workspaceName()).write("roleCode", membership.roleCode())
                        .write("role", membership.roleName()).write("scope", membership.scope().name());
                number(json, "districtId", membership.districtId());
                number(json, "storeId", membership.storeId());
                text(json, "createdAt", membership.createdAt());
                text(json, "suspendedAt", membership.suspendedAt());
                json.writeEnd();
            }
            json.writeEnd();
            // their records in each workspace they belong to, and in none (chain 0: sign-ins before a workspace is chosen)
            Set<Long> chains = new TreeSet<>();
            chains.add(0L);
            memberships.forEach(m -> chains.add(m.workspaceId()));
            AuditFilter mine = AuditFilter.builder().actor(ActorType.USER.name(), Long.toString(userId)).build();
            json.writeStartArray("auditRecords");
            for (long chain : chains) {
                log.export(chain, mine, record -> AuditJson.write(json, record));
            }
            json.writeEnd();
            json.writeEnd();
        }
    }

    private static void text(JsonGenerator json, String name, Instant value) {
        if (value == null) {
            json.writeNull(name);
        } else {
            json.write(name, value.toString());
        }
    }

    private static void number(JsonGenerator json, String name, Long value) {
        if (value == null) {
            json.writeNull(name);
        } else {
            json.write(name, value);
        }
    }
}
