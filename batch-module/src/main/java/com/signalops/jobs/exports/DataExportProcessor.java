package com.signalops.jobs.exports;

import com.signalops.jobs.service.JobLauncher;
import com.signalops.privacy.service.DataExports;
import com.signalops.system.service.SchemaMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts the job of every pending data export within seconds of its request (a customer data
 * request from Shopify, a workspace export from the console), restarts the jobs a stopped server
 * interrupted, and expires the ready exports past their link's lifetime. A non-persistent interval timer: the work's state is the data_export
 * table, so after a restart the next tick finds whatever was left. In the batch module, beside the
 * launcher it starts jobs with (a startup bean of the EJB module could not reach it yet).
 */
@Singleton
@Startup
@DependsOn("signalops-ejb.jar#SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DataExportProcessor {

    private static final Logger LOG = Logger.getLogger(DataExportProcessor.class.getName());
    /** The job parameters of both export jobs. */
    public static final String WORKSPACE_PARAMETER = "workspaceId";
    public static final String EXPORT_PARAMETER = "exportId";
    private static final int BATCH = 20;

    @Resource
    private TimerService timerService;

    @EJB
    private SchemaMigrator migrator;

    @EJB
    private DataExports exports;

    @EJB
    private JobLauncher jobs;

    @Inject
    @ConfigProperty(name = "SIGNALOPS_EXPORT_POLL_SECONDS", defaultValue = "5")
    private long pollSeconds;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void start() {
        long interval = Math.max(1, pollSeconds) * 1000;
        timerService.createIntervalTimer(interval, interval, new TimerConfig("data-exports", false));
    }

    @Timeout
    void tick(Timer timer) {
        if (!migrator.isMigrated() || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            startPending();
            restartInterrupted();
            exports.expireDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Data exports could not be processed, trying again at the next tick: {0}", e.getClass().getName());
        } finally {
            running.set(false);
        }
    }

    /**
     * Restarts, from its checkpoint, the job of each export still marked running whose execution
     * was interrupted (failed or stopped with its server) two ticks ago or more. A job that failed
     * and said so marked its export failed: that one stays failed (ask for the export again).
     */
    void restartInterrupted() {
        Duration settled = Duration.ofSeconds(2 * Math.max(1, pollSeconds));
        for (DataExports.Running running : exports.running(BATCH)) {
            try {
                jobs.restartIfInterrupted(running.claim().kind().jobName(), running.executionId(), settled).ifPresent(execution -> LOG.log(
                        Level.INFO, "Export {0} of workspace {1} was interrupted; execution {2} makes it again",
                        new Object[] {running.claim().exportId(), running.claim().workspaceId(), execution}));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Export {0} could not be restarted now: {1}", new Object[] {running.claim().exportId(),
                        e.getClass().getName()});
            }
        }
    }

    /** Starts the job of each pending export; answers how many started. */
    public int startPending() {
        int started = 0;
        for (DataExports.Claim claim : exports.claimPending(BATCH)) {
            Properties parameters = new Properties();
            parameters.setProperty(WORKSPACE_PARAMETER, Long.toString(claim.workspaceId()));
            parameters.setProperty(EXPORT_PARAMETER, Long.toString(claim.exportId()));
            long executionId = jobs.start(claim.kind().jobName(), parameters);
            exports.startedAs(claim, executionId);
            started++;
        }
        return started;
    }
}
