package com.signalops.commerce.rest;

import com.signalops.commerce.domain.ImportResource;
import com.signalops.commerce.service.ImportUploads;
import com.signalops.identity.domain.Permission;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.shared.BusinessException;
import com.signalops.web.rest.ApiCaller;
import com.signalops.web.rest.Problem;
import com.signalops.web.rest.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code POST /api/v1/stores/{storeId}/imports?resource=products|customers|orders}: a JSONL file
 * (body {@code application/x-ndjson}) streamed to disk and imported by the {@code store-import} job.
 * Answers 202 with the job execution id, which {@code GET /api/v1/jobs/{executionId}} reports on.
 * A store out of the key's scope answers 404 like an unknown one; an unknown resource, an empty
 * body 400; a body over {@code SIGNALOPS_IMPORT_MAX_BYTES} 413.
 */
@Path("/stores/{storeId}/imports")
@RequiresPermission(Permission.CONNECTIONS_MANAGE)
public class StoreImportResource {

    /** The answer: the import and the execution that runs it. */
    public record ImportAccepted(long importId, long executionId, String resource, String status) {
    }

    @Inject
    private ImportUploads uploads;

    @Inject
    private ApiCaller caller;

    @Context
    private UriInfo uri;

    @POST
    @Consumes("application/x-ndjson")
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("storeId") String storeId, @QueryParam("resource") String resource, InputStream body) {
        long store = ApiCaller.id(storeId, "Store");
        ImportResource file = ImportResource.fromKey(resource == null ? "" : resource).orElseThrow(() -> new BusinessException(
                "import.resource-unknown", "resource must be one of " + Arrays.stream(ImportResource.values()).map(ImportResource::key)
                        .collect(Collectors.joining(", "))));
        ImportUploads.Started started;
        try {
            started = uploads.upload(caller.viewer(), store, file, body, ConnectionActor.apiKey(caller.credential().keyId()));
        } catch (BusinessException e) {
            if (e.code().equals("import.too-large")) {
                return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.code(), e.getMessage()).toResponse();
            }
            throw e;
        }
        return Response.accepted(new ImportAccepted(started.importId(), started.executionId(), file.key(), "RUNNING"))
                .location(uri.getBaseUriBuilder().path("jobs").path(Long.toString(started.executionId())).build()).build();
    }
}
