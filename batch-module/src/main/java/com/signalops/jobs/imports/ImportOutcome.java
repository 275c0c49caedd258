package com.signalops.jobs.imports;

import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the import's row in step with its job: running when an execution starts (a restart
 * clears the failure before it), failed with the execution's statuses when it fails or is stopped.
 * A server killed mid-run leaves the row running until the restart's execution ends.
 */
@Named
@Dependent
public class ImportOutcome implements JobListener {

    private static final Logger LOG = Logger.getLogger(ImportOutcome.class.getName());

    @Inject
    private JobContext job;

    @Inject
    private ApplicationDatabase database;

    @Override
    public void beforeJob() throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            new ImportRecord(ImportParameters.of(job)).running(connection);
        }
    }

    @Override
    public void afterJob() throws Exception {
        BatchStatus status = job.getBatchStatus();
        if (status == BatchStatus.FAILED || status == BatchStatus.STOPPED || status == BatchStatus.STOPPING) {
            ImportParameters parameters = ImportParameters.of(job);
            LOG.log(Level.WARNING, "store-import: import {0} of workspace {1} ended {2} in execution {3}; a restart continues it",
                    new Object[] {Long.toString(parameters.importId()), Long.toString(parameters.workspaceId()), status,
                        Long.toString(job.getExecutionId())});
            try (Connection connection = database.dataSource().getConnection()) {
                new ImportRecord(parameters).failed(connection, "execution " + job.getExecutionId() + " ended " + status
                        + (job.getExitStatus() == null ? "" : " (" + job.getExitStatus() + ")"));
            }
        }
    }
}
