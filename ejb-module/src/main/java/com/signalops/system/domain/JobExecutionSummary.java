package com.signalops.system.domain;

import java.time.Instant;

/** One JSR-352 job execution as the System page and the system info API show it. */
public record JobExecutionSummary(long executionId, String jobName, String batchStatus, String exitStatus,
        Instant createTime, Instant endTime) {
}
