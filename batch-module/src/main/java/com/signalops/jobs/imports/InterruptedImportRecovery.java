package com.signalops.jobs.imports;

import com.signalops.commerce.service.StoreImports;
import com.signalops.jobs.service.JobLauncher;
import com.signalops.shared.ApplicationDatabase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Restarts imports whose job was interrupted: an import still marked running whose latest
 * execution the batch runtime reports failed or stopped (a server killed mid-import, whose
 * execution start-up recovery marked failed, or a database gone when the job tried to record
 * its failure), once the execution has ended two intervals ago (a job that fails records it on
 * its row just after the runtime marks the execution). The restart continues from the last
 * checkpoint. Checked every
 * {@code SIGNALOPS_IMPORT_RECOVERY_SECONDS} (default 60). On several servers two may try the
 * same restart; the batch runtime lets one through.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InterruptedImportRecovery {

    private static final Logger LOG = Logger.getLogger(InterruptedImportRecovery.class.getName());

    @Resource
    private TimerService timerService;

    @EJB
    private JobLauncher launcher;

    @Inject
    private ApplicationDatabase database;

    @Inject
    @ConfigProperty(name = "SIGNALOPS_IMPORT_RECOVERY_SECONDS", defaultValue = "60")
    private long intervalSeconds;

    @PostConstruct
    void schedule() {
        long interval = Math.max(1, intervalSeconds) * 1000;
        timerService.createIntervalTimer(interval, interval, new TimerConfig("interrupted-import-recovery", false));
    }

    @Timeout
    void recover() {
        List<long[]> running = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT workspace_id, id, job_execution_id FROM store_import "
                        + "WHERE status = 'RUNNING' AND job_execution_id IS NOT NULL ORDER BY id LIMIT 100");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                running.add(new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3)});
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Interrupted imports could not be looked up: {0}", e.getMessage());
            return;
        }
        for (long[] row : running) {
            try {
                launcher.restartIfInterrupted(StoreImports.JOB, row[2], java.time.Duration.ofSeconds(2 * Math.max(1, intervalSeconds)))
                        .ifPresent(execution -> LOG.log(Level.INFO,
                        "store-import: import {0} of workspace {1} was interrupted; execution {2} continues it from its checkpoint",
                        new Object[] {Long.toString(row[1]), Long.toString(row[0]), Long.toString(execution)}));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "store-import: import {0} could not be restarted now: {1}",
                        new Object[] {Long.toString(row[1]), e.toString()});
            }
        }
    }
}
