package com.signalops.jobs.service;

import com.signalops.jobs.domain.NightlyJob;
import com.signalops.jobs.domain.NightlyTimer;
import com.signalops.jobs.domain.ScheduleSpec;
import com.signalops.jobs.domain.ScheduledRuns;
import com.signalops.shared.NotFoundException;
import com.signalops.system.service.SchemaMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts the registered {@link NightlyJob}s on their schedules through persistent EJB timers,
 * kept in the database so that a schedule survives restarts and a run missed while the
 * server was down fires once when it is back. Each trigger is claimed in
 * {@code scheduled_job_run} first, so several servers never start the same run twice.
 */
@Singleton
@Startup
@DependsOn("signalops-ejb.jar#SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NightlyScheduler {

    private static final Logger LOG = Logger.getLogger(NightlyScheduler.class.getName());
    private static final String WAIT_FOR_SCHEMA = "wait-for-schema";

    @Resource
    private TimerService timerService;

    @Inject
    @Any
    private Instance<NightlyJob> registeredJobs;

    @Inject
    private Config config;

    @Inject
    @ConfigProperty(name = "signalops.schedule.timezone", defaultValue = "UTC")
    private String timeZone;

    @EJB
    private SchemaMigrator migrator;

    @EJB
    private ScheduledRuns runs;

    @EJB
    private JobLauncher launcher;

    private final Clock clock = Clock.systemUTC();

    @Inject
    @ConfigProperty(name = "signalops.db.migration-retry-seconds", defaultValue = "10")
    private long retrySeconds;

    /**
     * Once the schema is there, the timers are brought in line with the registered jobs; until
     * then (the database is not reachable yet) a short non-persistent timer looks again.
     */
    @PostConstruct
    void start() {
        if (migrator.isMigrated()) {
            resume();
        } else {
            long delay = retrySeconds * 1000;
            timerService.createIntervalTimer(delay, delay, new TimerConfig(WAIT_FOR_SCHEMA, false));
        }
    }

    /** Brings the timers in line and restarts the registered jobs that a crash or a stop interrupted. */
    private void resume() {
        synchronizeTimers();
        for (NightlyJob job : registeredJobs) {
            try {
                launcher.restartInterrupted(job.jobName());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Job " + job.jobName() + " could not be restarted", e);
            }
        }
    }

    /**
     * Creates, replaces or cancels persistent timers so that there is exactly one per registered
     * job whose schedule is not {@code off}. Answers the schedule in force per job.
     */
    public synchronized Map<String, ScheduleSpec> synchronizeTimers() {
        Map<String, ScheduleSpec> wanted = schedules();
        Map<String, ScheduleSpec> kept = new HashMap<>();
        for (Timer timer : timerService.getTimers()) {
            if (!(timer.getInfo() instanceof NightlyTimer info)) {
                continue;
            }
            ScheduleSpec spec = wanted.get(info.jobName());
            boolean current = spec != null && !spec.isOff() && spec.toString().equals(info.schedule())
                    && !kept.containsKey(info.jobName());
            if (current) {
                kept.put(info.jobName(), spec);
            } else {
                timer.cancel();
            }
        }
        wanted.forEach((job, spec) -> {
            if (!spec.isOff() && !kept.containsKey(job)) {
                timerService.createCalendarTimer(spec.toExpression(),
                        new TimerConfig(new NightlyTimer(job, spec.toString()), true));
                LOG.log(Level.INFO, "Scheduled job {0} at {1}", new Object[] {job, spec});
            }
        });
        return wanted;
    }

    /** The schedule of every registered job, configuration overriding the job's default. */
    public Map<String, ScheduleSpec> schedules() {
        Map<String, ScheduleSpec> result = new TreeMap<>();
        for (NightlyJob job : registeredJobs) {
            String text = config.getOptionalValue("signalops.schedule." + job.jobName(), String.class)
                    .orElse(job.defaultSchedule());
            result.put(job.jobName(), ScheduleSpec.parse(text, timeZone));
        }
        return result;
    }

    @Timeout
    void fire(Timer timer) {
        if (WAIT_FOR_SCHEMA.equals(timer.getInfo())) {
            if (migrator.isMigrated()) {
                resume();
                timer.cancel();
            }
            return;
        }
        if (!(timer.getInfo() instanceof NightlyTimer info)) {
            return;
        }
        if (!migrator.isMigrated()) {
            LOG.log(Level.WARNING, "Job {0} not started: the schema is not migrated yet", info.jobName());
            return;
        }
        trigger(info.jobName(), clock.instant().truncatedTo(ChronoUnit.MINUTES));
    }

    /**
     * Starts the run of {@code jobName} scheduled for {@code scheduledFor} unless it was started
     * already; answers the job execution id when this call started it.
     */
    public Optional<Long> trigger(String jobName, Instant scheduledFor) {
        NightlyJob job = registered(jobName);
        Optional<Long> claim = runs.claim(jobName, scheduledFor, clock.instant());
        if (claim.isEmpty()) {
            LOG.log(Level.INFO, "Job {0} for {1} already started elsewhere", new Object[] {jobName, scheduledFor});
            return Optional.empty();
        }
        if (launcher.isRunning(jobName)) {
            // never two runs of one job at once: the running one (perhaps a restart) does this trigger's work
            runs.skipped(claim.get(), "an earlier run is still running");
            LOG.log(Level.INFO, "Job {0} for {1} skipped: an earlier run is still running", new Object[] {jobName, scheduledFor});
            return Optional.empty();
        }
        try {
            // an interrupted run is finished from its checkpoint before a new one starts
            Optional<Long> restarted = launcher.restartInterrupted(jobName);
            long executionId = restarted.isPresent() ? restarted.get() : launcher.start(jobName, job.parameters(scheduledFor));
            runs.started(claim.get(), executionId);
            return Optional.of(executionId);
        } catch (RuntimeException e) {
            runs.failedToStart(claim.get(), e.getClass().getSimpleName() + ": " + e.getMessage());
            LOG.log(Level.SEVERE, "Job " + jobName + " could not be started", e);
            return Optional.empty();
        }
    }

    private NightlyJob registered(String jobName) {
        for (NightlyJob job : registeredJobs) {
            if (job.jobName().equals(jobName)) {
                return job;
            }
        }
        throw new NotFoundException("Job " + jobName);
    }
}
