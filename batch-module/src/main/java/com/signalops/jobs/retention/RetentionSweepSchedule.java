package com.signalops.jobs.retention;

import com.signalops.jobs.domain.NightlyJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Properties;

/**
 * Registers {@code retention-sweep} with the nightly scheduler: 03:45 UTC by default, after the job-history sweep
 * ({@code SIGNALOPS_SCHEDULE_RETENTION_SWEEP} overrides it, {@code off} disables it). Each run measures the periods
 * back from the minute it was scheduled for.
 */
@ApplicationScoped
public class RetentionSweepSchedule implements NightlyJob {

    static final String JOB_NAME = "retention-sweep";

    @Override
    public String jobName() {
        return JOB_NAME;
    }

    @Override
    public String defaultSchedule() {
        return "0 45 3 * * *";
    }

    @Override
    public Properties parameters(Instant scheduledFor) {
        Properties parameters = new Properties();
        parameters.setProperty("asOf", scheduledFor.toString());
        return parameters;
    }
}
