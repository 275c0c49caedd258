package com.signalops.jobs.domain;

import java.util.Optional;
import java.util.Properties;

/**
 * Starts a JSR-352 job and describes an execution, for callers outside the batch module (the job
 * XMLs live there, and a job starts in the context of the module that holds it).
 */
public interface JobStarter {

    /** Starts {@code jobName} with {@code parameters}; answers the execution id. */
    long start(String jobName, Properties parameters);

    /** Execution {@code executionId}, if the batch runtime knows it. */
    Optional<JobRun> describe(long executionId);

    /** One job execution as the batch runtime reports it, with the job instance it belongs to (a restart keeps it). */
    record JobRun(long executionId, long instanceId, String jobName, String batchStatus, String exitStatus, Properties parameters) {
    }
}
