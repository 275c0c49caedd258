package com.signalops.jobs.service;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts and restarts JSR-352 jobs by name. Outside any transaction: the batch runtime keeps its own. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobLauncher {

    private static final Logger LOG = Logger.getLogger(JobLauncher.class.getName());
    private static final Set<BatchStatus> INTERRUPTED = Set.of(BatchStatus.FAILED, BatchStatus.STOPPED);

    /** Starts {@code jobName} and answers its execution id. */
    public long start(String jobName, Properties parameters) {
        long executionId = BatchRuntime.getJobOperator().start(jobName, parameters);
        LOG.log(Level.INFO, "Started job {0} as execution {1}", new Object[] {jobName, executionId});
        return executionId;
    }

    /** Whether an execution of {@code jobName} is starting or running now. */
    public boolean isRunning(String jobName) {
        try {
            return !BatchRuntime.getJobOperator().getRunningExecutions(jobName).isEmpty();
        } catch (NoSuchJobException e) {
            return false;
        }
    }

    /**
     * Restarts the latest run of {@code jobName} from its last checkpoint, with its original
     * parameters, when that run failed or was stopped (a server killed mid-run leaves it
     * FAILED). Answers the new execution id.
     */
    public Optional<Long> restartInterrupted(String jobName) {
        JobOperator operator = BatchRuntime.getJobOperator();
        List<JobInstance> latest;
        try {
            latest = operator.getJobInstances(jobName, 0, 1);
        } catch (NoSuchJobException e) {
            return Optional.empty();
        }
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        Optional<JobExecution> last = operator.getJobExecutions(latest.get(0)).stream()
                .max(Comparator.comparingLong(JobExecution::getExecutionId));
        if (last.isEmpty() || !INTERRUPTED.contains(last.get().getBatchStatus())) {
            return Optional.empty();
        }
        long previous = last.get().getExecutionId();
        long executionId = operator.restart(previous, operator.getParameters(previous));
        LOG.log(Level.INFO, "Restarted job {0}: execution {1} continues execution {2} from its checkpoint",
                new Object[] {jobName, executionId, previous});
        return Optional.of(executionId);
    }
}
