package com.signalops.jobs.campaigns;

import com.signalops.jobs.service.JobLauncher;
import com.signalops.shared.ApplicationDatabase;
import com.signalops.system.service.SchemaMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts the {@code campaign-send} job of every campaign whose approval is APPROVED, unexpired and unused, within
 * {@value #POLL_VARIABLE} seconds of the approval, and restarts, from where they were, the sends a stopped or killed
 * server interrupted (campaigns SENDING whose latest execution failed or stopped). A non-persistent interval timer:
 * the state is in the campaign and approval_request tables. The job itself claims the approval, so a second start of
 * the same campaign sends nothing.
 */
@Singleton
@Startup
@DependsOn("signalops-ejb.jar#SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CampaignSendProcessor {

    static final String POLL_VARIABLE = "SIGNALOPS_OUTREACH_POLL_SECONDS";
    private static final Logger LOG = Logger.getLogger(CampaignSendProcessor.class.getName());
    private static final Set<BatchStatus> IN_FLIGHT = Set.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);
    private static final int BATCH = 20;

    @Resource
    private TimerService timerService;

    @EJB
    private SchemaMigrator migrator;

    @EJB
    private JobLauncher jobs;

    @Inject
    private ApplicationDatabase database;

    @Inject
    @ConfigProperty(name = POLL_VARIABLE, defaultValue = "10")
    private long pollSeconds;

    private final AtomicBoolean running = new AtomicBoolean();
    /** The executions this server started, by campaign, until they have claimed or given up. */
    private final Map<Long, Long> started = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        long interval = Math.max(1, pollSeconds) * 1000;
        timerService.createIntervalTimer(interval, interval, new TimerConfig("campaign-sends", false));
    }

    @Timeout
    void tick(Timer timer) {
        if (!migrator.isMigrated() || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            startApproved();
            restartInterrupted();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Campaign sends could not be processed, trying again at the next tick: {0}", e.getClass().getName());
        } finally {
            running.set(false);
        }
    }

    /** Starts the send of each approved, unused campaign that no execution of this server is about to claim. */
    void startApproved() throws SQLException {
        started.values().removeIf(execution -> !IN_FLIGHT.contains(BatchRuntime.getJobOperator().getJobExecution(execution).getBatchStatus()));
        for (long[] campaign : select("SELECT c.workspace_id, c.id FROM approval_request r JOIN campaign c ON c.workspace_id = r.workspace_id "
                + "AND c.id = r.subject_id WHERE r.subject_kind = 'CAMPAIGN' AND r.status = 'APPROVED' AND r.used_at IS NULL "
                + "AND r.expires_at > UTC_TIMESTAMP(3) AND c.status = 'DRAFT' AND r.subject_version = c.version ORDER BY r.id LIMIT " + BATCH)) {
            if (started.containsKey(campaign[1])) {
                continue;
            }
            long execution = jobs.start(CampaignRun.JOB, CampaignRun.parameters(campaign[0], campaign[1]));
            started.put(campaign[1], execution);
        }
    }

    /** Restarts the send of each SENDING campaign whose latest execution was interrupted two ticks ago or more. */
    void restartInterrupted() throws SQLException {
        Duration settled = Duration.ofSeconds(2 * Math.max(1, pollSeconds));
        for (long[] campaign : select("SELECT workspace_id, id, send_execution_id FROM campaign WHERE status = 'SENDING' "
                + "AND send_execution_id IS NOT NULL ORDER BY id LIMIT " + BATCH)) {
            try {
                jobs.restartIfInterrupted(CampaignRun.JOB, campaign[2], settled).ifPresent(execution -> LOG.log(Level.INFO,
                        "The send of campaign {0} of workspace {1} was interrupted; execution {2} continues it",
                        new Object[] {Long.toString(campaign[1]), Long.toString(campaign[0]), Long.toString(execution)}));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The send of campaign {0} could not be restarted now: {1}",
                        new Object[] {Long.toString(campaign[1]), e.getClass().getName()});
            }
        }
    }

    private List<long[]> select(String sql) throws SQLException {
        List<long[]> rows = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection(); PreparedStatement query = connection.prepareStatement(sql);
                ResultSet row = query.executeQuery()) {
            int columns = row.getMetaData().getColumnCount();
            while (row.next()) {
                long[] values = new long[columns];
                for (int i = 0; i < columns; i++) {
                    values[i] = row.getLong(i + 1);
                }
                rows.add(values);
            }
        }
        return rows;
    }
}
