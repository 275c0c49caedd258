package com.signalops.commerce.rest;

import com.signalops.commerce.domain.ImportCounts;
import com.signalops.commerce.domain.StoreImport;
import com.signalops.commerce.service.ImportRun;
import com.signalops.commerce.service.StoreImports;
import com.signalops.identity.domain.Permission;
import com.signalops.web.rest.ApiCaller;
import com.signalops.web.rest.RequiresPermission;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/jobs/{executionId}}: a store-import execution of the caller's workspace, within
 * the key's scope: the execution's batch status, the import's status, its counts once completed,
 * and the lines it skipped (file, line number, reason; never the line). Any other execution, of
 * another job, workspace or scope, answers 404 like an unknown one.
 */
@Path("/jobs/{executionId}")
@RequiresPermission(Permission.JOBS_VIEW)
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    /** A skipped line. */
    public record SkippedLineEntry(String resource, long line, String reason, String detail) {
    }

    /** The report. */
    public record JobReport(long executionId, String job, String batchStatus, String exitStatus, long importId, long storeId,
            String source, List<String> resources, String status, Instant requestedAt, Instant finishedAt, ImportCounts counts,
            String failure, List<SkippedLineEntry> skippedLines) {
    }

    @EJB
    private StoreImports imports;

    @Inject
    private ApiCaller caller;

    @GET
    public JobReport get(@PathParam("executionId") String executionId) {
        ImportRun run = imports.run(caller.viewer(), ApiCaller.id(executionId, "Job execution"));
        StoreImport i = run.storeImport();
        return new JobReport(run.execution().executionId(), run.execution().jobName(), run.execution().batchStatus(),
                run.execution().exitStatus(), i.id(), i.storeId(), i.source().name(), i.resources().stream().map(r -> r.key()).toList(),
                i.status().name(), i.requestedAt(), i.finishedAt().orElse(null), i.counts().orElse(null), i.failure().orElse(null),
                run.skippedLines().stream().map(s -> new SkippedLineEntry(s.resource().key(), s.lineNumber(), s.reason().name(),
                        s.detail())).toList());
    }
}
