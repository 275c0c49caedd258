package com.signalops.jobs.rest;

import com.signalops.commerce.domain.ImportCounts;
import com.signalops.commerce.domain.StoreImport;
import com.signalops.commerce.service.ImportRun;
import com.signalops.commerce.service.StoreImports;
import com.signalops.identity.domain.Permission;
import com.signalops.jobs.domain.JobStarter;
import com.signalops.leaks.service.LeakAnalyses;
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
 * {@code GET /api/v1/jobs/{executionId}}: an execution of the caller's workspace, within the key's scope. A
 * store import: the execution's batch status, the import's status, its counts once completed, and the lines it
 * skipped (file, line number, reason; never the line). A revenue-leak analysis: the batch status, the instant it
 * analyses as of, and its progress (rules done of the rules to do, in all and per store). Any other execution, of
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

    /** A revenue-leak analysis and how far it has come. */
    public record AnalysisReport(long executionId, String job, String batchStatus, String exitStatus, Instant asOf, int rulesDone,
            int rulesTotal, List<StoreProgressEntry> stores) {
    }

    /** One store of an analysis. */
    public record StoreProgressEntry(long storeId, int rulesDone, int rulesTotal, Instant startedAt, Instant finishedAt) {
    }

    @EJB
    private StoreImports imports;

    @EJB
    private LeakAnalyses analyses;

    @EJB
    private JobStarter jobs;

    @Inject
    private ApiCaller caller;

    @GET
    public Object get(@PathParam("executionId") String executionId) {
        long id = ApiCaller.id(executionId, "Job execution");
        if (jobs.describe(id).map(run -> LeakAnalyses.JOB.equals(run.jobName())).orElse(false)) {
            return analysis(id);
        }
        return storeImport(id);
    }

    private AnalysisReport analysis(long executionId) {
        LeakAnalyses.AnalysisRun run = analyses.run(caller.viewer(), executionId);
        return new AnalysisReport(run.execution().executionId(), run.execution().jobName(), run.execution().batchStatus(),
                run.execution().exitStatus(), run.asOf().orElse(null), run.rulesDone(), run.rulesTotal(), run.stores().stream()
                        .map(s -> new StoreProgressEntry(s.storeId(), s.rulesDone(), s.rulesTotal(), s.startedAt(), s.finishedAt().orElse(null)))
                        .toList());
    }

    private JobReport storeImport(long executionId) {
        ImportRun run = imports.run(caller.viewer(), executionId);
        StoreImport i = run.storeImport();
        return new JobReport(run.execution().executionId(), run.execution().jobName(), run.execution().batchStatus(),
                run.execution().exitStatus(), i.id(), i.storeId(), i.source().name(), i.resources().stream().map(r -> r.key()).toList(),
                i.status().name(), i.requestedAt(), i.finishedAt().orElse(null), i.counts().orElse(null), i.failure().orElse(null),
                run.skippedLines().stream().map(s -> new SkippedLineEntry(s.resource().key(), s.lineNumber(), s.reason().name(),
                        s.detail())).toList());
    }
}
