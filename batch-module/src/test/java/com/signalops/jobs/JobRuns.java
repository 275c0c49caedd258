package com.signalops.jobs;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import java.time.Duration;
import java.util.Properties;

/** Job executions in the batch tests: the operator, job parameters, waiting for an execution to end, step metrics. */
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

    /** Job parameters of one {@code name=value}, e.g. a chunk or page size. */
    public static Properties parameter(String name, String value) {
        Properties parameters = new Properties();
        parameters.setProperty(name, value);
        return parameters;
    }

    /** The value of metric {@code type} of {@code step}. */
    public static long metric(StepExecution step, Metric.MetricType type) {
        for (Metric metric : step.getMetrics()) {
            if (metric.getType() == type) {
                return metric.getValue();
            }
        }
        throw new AssertionError("no metric " + type);
    }
}
