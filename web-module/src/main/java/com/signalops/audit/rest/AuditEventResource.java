package com.signalops.audit.rest;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditFilter;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditPage;
import com.signalops.audit.domain.AuditRecordView;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.domain.PageCursor;
import com.signalops.audit.service.AuditLog;
import com.signalops.identity.domain.Permission;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.web.rest.ApiCaller;
import com.signalops.web.rest.RequiresPermission;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /api/v1/audit-events} and {@code /api/v1/audit-events/{id}}: the token's workspace's
 * audit records, newest first, filtered like the console's viewer and paged by cursor ({@code next}
 * for older records, {@code previous} for newer). Every call is itself audited.
 */
@Path("/audit-events")
@RequiresPermission(Permission.AUDIT_VIEW)
@Produces(MediaType.APPLICATION_JSON)
public class AuditEventResource {

    /**
     * An audit record as the API shows it; {@code before}/{@code after} only on a single record,
     * {@code seq} (its position in the chain) null until the sealer has linked it.
     */
    public record AuditEvent(long id, Long seq, String occurredAt, String actorType, String actorId, String actorName, String source,
            String action, String entityType, String entityId, String outcome, String requestId, String before, String after) {

        static AuditEvent of(AuditRecordView record) {
            return new AuditEvent(record.id(), record.seq(), record.occurredAt().toString(), record.actorType(), record.actorId(),
                    record.actorName(), record.source(), record.action(), record.entityType(), record.entityId(), record.outcome(),
                    record.requestId(), record.beforeJson(), record.afterJson());
        }
    }

    /** One page, and the cursors of the pages around it (left out at either end). */
    public record AuditEventPage(List<AuditEvent> items, String next, String previous) {

        static AuditEventPage of(AuditPage<AuditRecordView> page) {
            return new AuditEventPage(page.items().stream().map(AuditEvent::of).toList(),
                    page.next() == null ? null : page.next().toString(), page.previous() == null ? null : page.previous().toString());
        }
    }

    @EJB
    private AuditLog log;

    @Inject
    private ApiCaller caller;

    @Context
    private HttpServletRequest http;

    @GET
    public AuditEventPage list(@QueryParam("actorType") String actorType, @QueryParam("actorId") String actorId,
            @QueryParam("action") String action, @QueryParam("entityType") String entityType, @QueryParam("entityId") String entityId,
            @QueryParam("outcome") String outcome, @QueryParam("source") String source, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        AuditFilter filter = new AuditFilter(actorType, actorId, action, entityType, entityId, outcome, source, instant(from, "from"),
                instant(to, "to"), pageSize(limit));
        PageCursor position = PageCursor.parse(cursor);
        recordView();
        return AuditEventPage.of(log.page(caller.workspaceId(), filter, position));
    }

    @GET
    @Path("/{id}")
    public AuditEvent get(@PathParam("id") String id) {
        long recordId;
        try {
            recordId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("Audit record");
        }
        recordView();
        return AuditEvent.of(log.record(caller.workspaceId(), recordId));
    }

    private void recordView() {
        log.recordAccess(caller.workspaceId(), AuditLog.VIEW, ActorType.API_KEY, Long.toString(caller.credential().keyId()),
                AuditSource.API, AuditOutcome.SUCCESS, http.getRemoteAddr());
    }

    /** An ISO-8601 instant ({@code 2026-11-25T12:00:00Z}), or null when absent. */
    private static Instant instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BusinessException("audit.invalid-filter", "Invalid audit filter: " + name + " is not an ISO-8601 instant");
        }
    }

    private static int pageSize(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BusinessException("audit.invalid-filter", "Invalid audit filter: limit is not a number");
        }
    }
}
