package com.signalops.jobs.service;

import jakarta.batch.operations.JobOperator;
import com.signalops.jobs.domain.JobStarter;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
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

/**
 * Starts and restarts JSR-352 jobs by name, and describes executions; other modules reach it as
 * {@link JobStarter}. Outside any transaction: the batch runtime keeps its own.
 */
@Stateless
@LocalBean
@Local(JobStarter.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobLauncher implements JobStarter {

    private static final Logger LOG = Logger.getLogger(JobLauncher.class.getName());
    private static final Set<BatchStatus> INTERRUPTED = Set.of(BatchStatus.FAILED, BatchStatus.STOPPED);
    private static final Set<BatchStatus> IN_FLIGHT = Set.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);

    /** Starts {@code jobName} and answers its execution id. */
    @Override
    public long start(String jobName, Properties parameters) {
        long executionId = BatchRuntime.getJobOperator().start(jobName, parameters);
        LOG.log(Level.INFO, "Started job {0} as execution {1}", new Object[] {jobName, executionId});
        return executionId;
    }

    @Override
    public Optional<JobRun> describe(long executionId) {
        JobOperator operator = BatchRuntime.getJobOperator();
        try {
            JobExecution execution = operator.getJobExecution(executionId);
            Properties parameters = operator.getParameters(executionId);
            long instanceId = operator.getJobInstance(executionId).getInstanceId();
            return Optional.of(new JobRun(executionId, instanceId, execution.getJobName(), execution.getBatchStatus().name(),
                    execution.getExitStatus(), parameters == null ? new Properties() : parameters));
        } catch (NoSuchJobExecutionException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether an execution of {@code jobName} is starting or running now, as the batch runtime
     * says or as the latest run's last execution still says: after a crash that execution reads
     * STARTED until the runtime's start-up recovery marks it FAILED, and until then nothing new
     * may start in its place (its restart does the work once it is marked).
     */
    public boolean isRunning(String jobName) {
        JobOperator operator = BatchRuntime.getJobOperator();
        try {
            return !operator.getRunningExecutions(jobName).isEmpty()
                    || lastExecution(operator, jobName).map(e -> IN_FLIGHT.contains(e.getBatchStatus())).orElse(false);
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
        Optional<JobExecution> last;
        try {
            last = lastExecution(operator, jobName);
        } catch (NoSuchJobException e) {
            return Optional.empty();
        }
        if (last.isEmpty() || !INTERRUPTED.contains(last.get().getBatchStatus())) {
            return Optional.empty();
        }
        long previous = last.get().getExecutionId();
        long executionId = operator.restart(previous, operator.getParameters(previous));
        LOG.log(Level.INFO, "Restarted job {0}: execution {1} continues execution {2} from its checkpoint",
                new Object[] {jobName, executionId, previous});
        return Optional.of(executionId);
    }

    /**
     * Restarts the job instance of execution {@code firstExecutionId} (a run of {@code jobName})
     * from its last checkpoint when its latest execution failed or was stopped at least
     * {@code settled} ago (so that the job's own listeners have had their say), with that
     * execution's parameters. Answers the new execution id.
     */
    public Optional<Long> restartIfInterrupted(String jobName, long firstExecutionId, java.time.Duration settled) {
        JobOperator operator = BatchRuntime.getJobOperator();
        JobInstance instance;
        try {
            instance = operator.getJobInstance(firstExecutionId);
        } catch (NoSuchJobExecutionException e) {
            return Optional.empty();
        }
        if (!jobName.equals(instance.getJobName())) {
            return Optional.empty();
        }
        Optional<JobExecution> latest = operator.getJobExecutions(instance).stream().max(Comparator.comparingLong(JobExecution::getExecutionId));
        if (latest.isEmpty() || !INTERRUPTED.contains(latest.get().getBatchStatus())) {
            return Optional.empty();
        }
        java.util.Date ended = latest.get().getEndTime() != null ? latest.get().getEndTime() : latest.get().getLastUpdatedTime();
        if (ended != null && ended.toInstant().isAfter(java.time.Instant.now().minus(settled))) {
            return Optional.empty();
        }
        long previous = latest.get().getExecutionId();
        return Optional.of(operator.restart(previous, operator.getParameters(previous)));
    }

    /** The last execution of the latest run of {@code jobName}, if it ever ran. */
    private static Optional<JobExecution> lastExecution(JobOperator operator, String jobName) {
        List<JobInstance> latest = operator.getJobInstances(jobName, 0, 1);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        return operator.getJobExecutions(latest.get(0)).stream().max(Comparator.comparingLong(JobExecution::getExecutionId));
    }
}
