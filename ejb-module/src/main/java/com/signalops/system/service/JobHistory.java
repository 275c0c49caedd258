package com.signalops.system.service;

import com.signalops.system.domain.JobExecutionSummary;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/** Reads the JSR-352 job repository through the standard job operator. */
@ApplicationScoped
public class JobHistory {

    /** The latest {@code limit} job executions of any job, newest first. */
    public List<JobExecutionSummary> latest(int limit) {
        JobOperator operator = BatchRuntime.getJobOperator();
        List<JobExecutionSummary> all = new ArrayList<>();
        for (String jobName : operator.getJobNames()) {
            for (JobInstance instance : operator.getJobInstances(jobName, 0, limit)) {
                for (JobExecution execution : operator.getJobExecutions(instance)) {
                    all.add(new JobExecutionSummary(execution.getExecutionId(), execution.getJobName(),
                            String.valueOf(execution.getBatchStatus()), execution.getExitStatus(),
                            instant(execution.getCreateTime()), instant(execution.getEndTime())));
                }
            }
        }
        all.sort(Comparator.comparing(JobExecutionSummary::executionId).reversed());
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : List.copyOf(all);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
