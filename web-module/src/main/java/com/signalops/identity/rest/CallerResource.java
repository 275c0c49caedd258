package com.signalops.identity.rest;

import com.signalops.identity.domain.ApiCredential;
import com.signalops.identity.domain.Permission;
import com.signalops.web.rest.ApiCaller;
import com.signalops.web.rest.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/v1/me}: what the caller's token grants (workspace, key, permissions, scope). */
@Path("/me")
public class CallerResource {

    /** The caller as the API sees it. */
    public record Caller(long workspaceId, long keyId, List<String> permissions, String scope, Long districtId, Long storeId) {
    }

    @Inject
    private ApiCaller caller;

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    public Caller me() {
        ApiCredential credential = caller.credential();
        return new Caller(credential.workspaceId(), credential.keyId(),
                credential.permissions().stream().map(Permission::key).sorted().toList(), credential.scope().name(),
                credential.districtId(), credential.storeId());
    }
}
