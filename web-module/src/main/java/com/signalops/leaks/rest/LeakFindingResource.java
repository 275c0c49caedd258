package com.signalops.leaks.rest;

import com.signalops.identity.domain.Permission;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.leaks.domain.FindingStatus;
import com.signalops.leaks.service.LeakFindings;
import com.signalops.shared.BusinessException;
import com.signalops.web.rest.ApiCaller;
import com.signalops.web.rest.RequiresPermission;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/v1/leak-findings/{id}}: one finding with its evidence; {@code PATCH} with
 * {@code {"status": "ACKNOWLEDGED|DISMISSED|RESOLVED|OPEN", "reason": "..."}} moves it, audited. A finding of a store
 * out of the key's scope answers 404 like an unknown one.
 */
@Path("/leak-findings/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class LeakFindingResource {

    /** A status change. */
    public record StatusChange(String status, String reason) {
    }

    @EJB
    private LeakFindings findings;

    @Inject
    private ApiCaller caller;

    @GET
    @RequiresPermission(Permission.LEAKS_VIEW)
    public FindingEntry get(@PathParam("id") String id) {
        return FindingEntry.of(findings.find(caller.viewer(), ApiCaller.id(id, "Finding")));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.LEAKS_TRIAGE)
    public FindingEntry changeStatus(@PathParam("id") String id, StatusChange change) {
        long finding = ApiCaller.id(id, "Finding");
        // a finding out of scope answers 404 whatever the body says
        findings.find(caller.viewer(), finding);
        FindingStatus to = FindingStatus.fromName(change == null || change.status() == null ? "" : change.status().trim())
                .orElseThrow(() -> new BusinessException("leak-finding.status-unknown", "status must be one of "
                        + List.of(FindingStatus.values())));
        return FindingEntry.of(findings.changeStatus(caller.viewer(), finding, to, change.reason(),
                ConnectionActor.apiKey(caller.credential().keyId())));
    }
}
