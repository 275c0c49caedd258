package com.signalops.jobs;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.time.Duration;

/** Job executions in the batch tests: the operator, and waiting for an execution to end. */
public final class JobRuns {

    private JobRuns() {
    }

    public static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    /** The execution once it has ended (completed, failed, stopped or abandoned); fails after 60 s. */
    public static JobExecution await(long executionId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JobExecution execution = operator().getJobExecution(executionId);
            BatchStatus status = execution.getBatchStatus();
            if (status != BatchStatus.STARTING && status != BatchStatus.STARTED && status != BatchStatus.STOPPING) {
                return execution;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job execution " + executionId + " did not finish in 60 s");
    }
}
