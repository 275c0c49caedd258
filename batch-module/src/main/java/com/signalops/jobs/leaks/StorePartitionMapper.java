package com.signalops.jobs.leaks;

import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One partition per store to analyse, in store id order: the store given, the stores of the workspace given, for a
 * nightly run the stores whose night is due in their own time zone ({@link NightlyStores}), or else every store that
 * has orders. A store given that its workspace does not hold is an error, not an empty run.
 */
@Named
@Dependent
public class StorePartitionMapper implements PartitionMapper {

    @Inject
    private JobContext job;

    @Inject
    private ApplicationDatabase database;

    @Inject
    @BatchProperty
    private String threads;

    @Override
    public PartitionPlan mapPartitions() throws SQLException {
        AnalysisParameters parameters = AnalysisParameters.of(job);
        List<long[]> stores = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection()) {
            if (parameters.nightly()) {
                stores.addAll(NightlyStores.claim(connection, parameters.asOf(), job.getInstanceId()));
            } else {
                try (PreparedStatement select = connection.prepareStatement(query(parameters))) {
                    int index = 1;
                    if (parameters.workspaceId().isPresent()) {
                        select.setLong(index++, parameters.workspaceId().get());
                    }
                    if (parameters.storeId().isPresent()) {
                        select.setLong(index, parameters.storeId().get());
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            stores.add(new long[] {rows.getLong(1), rows.getLong(2)});
                        }
                    }
                }
            }
        }
        if (parameters.storeId().isPresent() && stores.isEmpty()) {
            throw new IllegalArgumentException("No store " + parameters.storeId().get() + " in workspace " + parameters.workspaceId().get());
        }
        if (stores.isEmpty()) {
            // an hour in which no store's night is due: one partition that analyses nothing (a plan needs one)
            Properties nothing = new Properties();
            nothing.setProperty("workspaceId", "");
            nothing.setProperty("storeId", "");
            PartitionPlanImpl idle = new PartitionPlanImpl();
            idle.setPartitions(1);
            idle.setThreads(1);
            idle.setPartitionProperties(new Properties[] {nothing});
            return idle;
        }
        Properties[] partitions = new Properties[stores.size()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new Properties();
            partitions[i].setProperty("workspaceId", Long.toString(stores.get(i)[0]));
            partitions[i].setProperty("storeId", Long.toString(stores.get(i)[1]));
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(partitions.length);
        plan.setThreads(Math.max(1, Math.min(partitions.length, Integer.parseInt(threads == null || threads.isBlank() ? "2" : threads))));
        plan.setPartitionProperties(partitions);
        return plan;
    }

    private static String query(AnalysisParameters parameters) {
        if (parameters.storeId().isPresent()) {
            return "SELECT workspace_id, id FROM store WHERE workspace_id = ? AND id = ?";
        }
        if (parameters.workspaceId().isPresent()) {
            return "SELECT workspace_id, id FROM store WHERE workspace_id = ? ORDER BY id";
        }
        return "SELECT s.workspace_id, s.id FROM store s WHERE EXISTS (SELECT 1 FROM commerce_order o WHERE o.workspace_id = s.workspace_id "
                + "AND o.store_id = s.id) ORDER BY s.workspace_id, s.id";
    }
}
