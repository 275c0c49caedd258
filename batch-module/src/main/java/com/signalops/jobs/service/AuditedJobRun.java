package com.signalops.jobs.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditAppend;
import com.signalops.shared.ApplicationDatabase;
import com.signalops.shared.RequestIds;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit record of every batch job execution, listed as a listener by every job: one
 * {@code job.run} record when the execution ends, actor SYSTEM (the job), source BATCH, entity the
 * execution, outcome SUCCESS unless the execution failed or was stopped, with its statuses in the
 * after snapshot. While the job runs, the records its steps write carry request id
 * {@code batch-<execution id>}. An execution killed with its server ends without a record; its
 * restart, a new execution, writes its own.
 */
@Named
@Dependent
public class AuditedJobRun implements JobListener {

    @Inject
    private JobContext job;

    @Inject
    private ApplicationDatabase database;

    @Override
    public void beforeJob() {
        RequestIds.set(RequestIds.ofBatch(job.getExecutionId()));
    }

    @Override
    public void afterJob() throws Exception {
        try {
            BatchStatus status = job.getBatchStatus();
            boolean failed = status == BatchStatus.FAILED || status == BatchStatus.STOPPED || status == BatchStatus.STOPPING;
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("job", job.getJobName());
            after.put("instanceId", job.getInstanceId());
            after.put("batchStatus", status == null ? null : status.name());
            after.put("exitStatus", job.getExitStatus());
            AuditEntry entry = AuditEntry.of(AuditAction.JOB_RUN, failed ? AuditOutcome.FAILED : AuditOutcome.SUCCESS)
                    .by(ActorType.SYSTEM, job.getJobName()).via(AuditSource.BATCH).on(job.getExecutionId()).after(after).build();
            try (Connection connection = database.dataSource().getConnection()) {
                AuditAppend.of(entry, Instant.now(), RequestIds.ofBatch(job.getExecutionId())).appendTo(connection);
            }
        } finally {
            RequestIds.clear();
        }
    }
}
