package com.signalops.jobs.retention;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.context.JobContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Properties;

/**
 * A run's parameters as its artifacts read them from the job's properties: the reference time every period is
 * measured back from, whether it only counts, and how many rows (or audit records) go per transaction. Without
 * {@code asOf} the reference is when the run's first execution was created, so a restart measures from the same
 * instant as the execution it continues.
 */
record SweepRun(Instant asOf, boolean dryRun, int chunkSize, long jobInstanceId) {

    static SweepRun of(JobContext job) {
        Properties properties = job.getProperties();
        String asOf = properties.getProperty("asOf");
        Instant reference = asOf == null || asOf.isBlank() ? firstExecutionCreated(job) : Instant.parse(asOf.trim());
        return new SweepRun(reference, Boolean.parseBoolean(properties.getProperty("dryRun", "false").trim()),
                Integer.parseInt(properties.getProperty("chunkSize").trim()), job.getInstanceId());
    }

    private static Instant firstExecutionCreated(JobContext job) {
        JobOperator operator = BatchRuntime.getJobOperator();
        return operator.getJobExecutions(operator.getJobInstance(job.getExecutionId())).stream()
                .min(Comparator.comparingLong(JobExecution::getExecutionId))
                .map(first -> first.getCreateTime().toInstant()).orElseGet(Instant::now).truncatedTo(ChronoUnit.SECONDS);
    }
}
