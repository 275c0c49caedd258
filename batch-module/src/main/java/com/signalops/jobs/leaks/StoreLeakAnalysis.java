package com.signalops.jobs.leaks;

import com.signalops.leaks.domain.AnalysisProgress;
import com.signalops.leaks.domain.LeakAnalysis;
import com.signalops.leaks.domain.LeakRule;
import com.signalops.leaks.domain.LeakSettings;
import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One partition of {@code revenue-leak-analysis}: the eight rules for one store, each in a transaction of its own on a
 * connection of its own, with the store's settings and the run's overrides. A replay after a failure at any point
 * runs the rules again over the same asOf: their upserts give the findings a clean run gives, never duplicates.
 * Reports its progress a rule at a time and, at the end, records the store's open totals of the day for the dashboards.
 * Honours stop between two rules.
 */
@Named
@Dependent
public class StoreLeakAnalysis extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(StoreLeakAnalysis.class.getName());

    @Inject
    private JobContext job;

    @Inject
    private ApplicationDatabase database;

    @Inject
    @BatchProperty
    private String workspaceId;

    @Inject
    @BatchProperty
    private String storeId;

    private volatile boolean stopped;

    @Override
    public String process() throws Exception {
        AnalysisParameters parameters = AnalysisParameters.of(job);
        if (storeId == null || storeId.isBlank()) {
            return "NO_STORE_DUE";
        }
        long workspace = Long.parseLong(workspaceId);
        long store = Long.parseLong(storeId);
        LeakSettings settings;
        try (Connection connection = database.dataSource().getConnection()) {
            settings = LeakSettings.ofStore(connection, workspace, store).with(parameters.overrides());
        }
        LeakAnalysis analysis = new LeakAnalysis(workspace, store, parameters.asOf(), settings);
        AnalysisProgress progress = new AnalysisProgress(job.getInstanceId(), workspace, store, Clock.systemUTC());
        try (Connection connection = database.dataSource().getConnection()) {
            progress.started(connection, parameters.asOf());
        }
        int matched = 0;
        for (LeakRule rule : LeakRule.values()) {
            if (stopped) {
                return BatchStatus.STOPPED.name();
            }
            try (Connection connection = database.dataSource().getConnection()) {
                LeakAnalysis.RuleOutcome outcome = analysis.run(connection, rule);
                progress.ruleDone(connection);
                matched += outcome.matched();
                LOG.log(Level.FINE, "Store {0} rule {1}: {2} matched, {3} resolved", new Object[] {store, rule, outcome.matched(),
                        outcome.resolved()});
            }
        }
        try (Connection connection = database.dataSource().getConnection()) {
            analysis.recordDailyTotals(connection);
            progress.finished(connection);
        }
        LOG.log(Level.INFO, "Revenue-leak analysis of store {0} as of {1}: {2} findings match", new Object[] {store, parameters.asOf(),
                matched});
        return "ANALYSED";
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
