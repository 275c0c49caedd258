package com.signalops.jobs.retention;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.context.JobContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;

/**
 * A run's parameters as its artifacts read them: the reference time every period is measured back from, and
 * whether it only counts. Without {@code asOf} the reference is when the run's first execution was created, so a
 * restart measures from the same instant as the execution it continues.
 */
record SweepRun(Instant asOf, boolean dryRun, long jobInstanceId) {

    static SweepRun of(String asOf, String dryRun, JobContext job) {
        Instant reference = asOf == null || asOf.isBlank() ? firstExecutionCreated(job) : Instant.parse(asOf.trim());
        return new SweepRun(reference, Boolean.parseBoolean(dryRun == null ? "false" : dryRun.trim()), job.getInstanceId());
    }

    private static Instant firstExecutionCreated(JobContext job) {
        JobOperator operator = BatchRuntime.getJobOperator();
        return operator.getJobExecutions(operator.getJobInstance(job.getExecutionId())).stream()
                .min(Comparator.comparingLong(JobExecution::getExecutionId))
                .map(first -> first.getCreateTime().toInstant()).orElseGet(Instant::now).truncatedTo(ChronoUnit.SECONDS);
    }
}
