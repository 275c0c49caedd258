package com.signalops.leaks.service;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.service.AuditTrail;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.jobs.domain.JobStarter;
import com.signalops.leaks.domain.LeakSettings;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

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

    void useClock(Clock clock) {
        this.clock = clock;
    }
}
