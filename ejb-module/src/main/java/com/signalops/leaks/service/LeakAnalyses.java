package com.signalops.leaks.service;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.service.AuditTrail;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.jobs.domain.JobStarter;
import com.signalops.leaks.domain.LeakSettings;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.TenantOwned;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * On-demand revenue-leak analyses: the {@value #JOB} job started for one store the viewer sees, as of an instant
 * (now by default) and with rule settings overridden for that run, audited ({@code leak-analysis.start}).
 */
@Stateless
public class LeakAnalyses {

    /** The job that analyses stores. */
    public static final String JOB = "revenue-leak-analysis";

    @EJB
    private DirectoryService directory;

    @EJB
    private AuditTrail audit;

    @EJB
    private JobStarter jobs;

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    private Clock clock = Clock.systemUTC();

    /** A started analysis: its job execution and the instant it analyses as of. */
    public record Started(long executionId, Instant asOf) {
    }

    /**
     * Starts the analysis of store {@code storeId} as of {@code asOf} (now when empty) with {@code settings}
     * overriding the store's own; answers the job execution and the instant.
     *
     * @throws BusinessException ({@code leak-settings.invalid}) for an unknown setting or a value out of range
     */
    public Started start(Viewer viewer, long storeId, Optional<Instant> asOf, Map<String, String> settings, ConnectionActor actor) {
        directory.store(viewer, storeId);
        for (String name : settings.keySet()) {
            if (!LeakSettings.NAMES.contains(name)) {
                throw new BusinessException("leak-settings.invalid", "Unknown rule setting " + name + "; known: " + LeakSettings.NAMES);
            }
        }
        LeakSettings.DEFAULTS.with(settings);
        Instant at = asOf.orElseGet(clock::instant).truncatedTo(ChronoUnit.MILLIS);
        Properties parameters = new Properties();
        parameters.setProperty("workspaceId", Long.toString(viewer.workspaceId()));
        parameters.setProperty("storeId", Long.toString(storeId));
        parameters.setProperty("asOf", at.toString());
        settings.forEach(parameters::setProperty);
        long executionId = jobs.start(JOB, parameters);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("storeId", storeId);
        after.put("asOf", at.toString());
        after.put("settings", new LinkedHashMap<>(settings));
        after.put("executionId", executionId);
        audit.record(AuditEntry.of(AuditAction.LEAK_ANALYSIS_START, AuditOutcome.SUCCESS).in(viewer.workspaceId())
                .by(actor.type(), actor.id()).via(actor.source()).on(storeId).after(after).build());
        return new Started(executionId, at);
    }

    /** How far one store's analysis in a run has come. */
    public record StoreProgress(long storeId, int rulesDone, int rulesTotal, Instant startedAt, Optional<Instant> finishedAt) {
    }

    /** An analysis run as the viewer may see it: the execution, and per store of its scope how far it has come. */
    public record AnalysisRun(JobStarter.JobRun execution, Optional<Instant> asOf, List<StoreProgress> stores) {

        /** Rules done over every store, of the rules to do (0 of 0 before the first store began). */
        public int rulesDone() {
            return stores.stream().mapToInt(StoreProgress::rulesDone).sum();
        }

        public int rulesTotal() {
            return stores.stream().mapToInt(StoreProgress::rulesTotal).sum();
        }
    }

    /**
     * Analysis run {@code executionId} (its first execution or a restart) with its progress per store.
     *
     * @throws NotFoundException for an execution of another job or workspace, of a store the viewer does not see, a
     *                           nightly run (it belongs to no one workspace), or an unknown one
     */
    public AnalysisRun run(Viewer viewer, long executionId) {
        JobStarter.JobRun run = jobs.describe(executionId).filter(r -> JOB.equals(r.jobName()))
                .filter(r -> Long.toString(viewer.workspaceId()).equals(r.parameters().getProperty("workspaceId")))
                .orElseThrow(() -> new NotFoundException("Job execution"));
        Set<Long> visible = directory.listStores(viewer).stream().map(Store::id).collect(Collectors.toSet());
        String store = run.parameters().getProperty("storeId");
        if (store != null && !store.isBlank() && !visible.contains(parseOrMinus(store))) {
            throw new NotFoundException("Job execution");
        }
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(viewer.workspaceId()));
        List<?> rows = em.createNativeQuery("SELECT store_id, rules_done, rules_total, started_at, finished_at FROM leak_analysis_progress "
                + "WHERE job_instance_id = ? AND workspace_id = ? ORDER BY store_id").setParameter(1, run.instanceId())
                .setParameter(2, viewer.workspaceId()).getResultList();
        List<StoreProgress> stores = rows.stream().map(Object[].class::cast).filter(row -> visible.contains(((Number) row[0]).longValue()))
                .map(row -> new StoreProgress(((Number) row[0]).longValue(), ((Number) row[1]).intValue(), ((Number) row[2]).intValue(),
                        instant(row[3]), Optional.ofNullable(row[4]).map(LeakAnalyses::instant)))
                .toList();
        Optional<Instant> asOf = Optional.ofNullable(run.parameters().getProperty("asOf")).map(Instant::parse);
        return new AnalysisRun(run, asOf, stores);
    }

    private static long parseOrMinus(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A DATETIME(3) column read back: UTC, as written. */
    private static Instant instant(Object value) {
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        return ((Timestamp) value).toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }
}
