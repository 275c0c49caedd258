package com.signalops.jobs.service;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts JSR-352 jobs by name. Outside any transaction: the batch runtime keeps its own. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobLauncher {

    private static final Logger LOG = Logger.getLogger(JobLauncher.class.getName());

    /** Starts {@code jobName} and answers its execution id. */
    public long start(String jobName, Properties parameters) {
        JobOperator operator = BatchRuntime.getJobOperator();
        long executionId = operator.start(jobName, parameters);
        LOG.log(Level.INFO, "Started job {0} as execution {1}", new Object[] {jobName, executionId});
        return executionId;
    }
}
