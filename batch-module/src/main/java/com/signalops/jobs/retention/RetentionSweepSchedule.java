package com.signalops.jobs.retention;

import com.signalops.jobs.domain.NightlyJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Properties;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Registers {@code retention-sweep} with the nightly scheduler: 04:30 UTC by default, after the other nightly jobs
 * ({@code SIGNALOPS_SCHEDULE_RETENTION_SWEEP} overrides it, {@code off} disables it). Each run measures the periods
 * back from the minute it was scheduled for. With {@code SIGNALOPS_RETENTION_DRY_RUN=true} the scheduled runs only
 * report what they would delete (to watch the periods' effect before letting them delete, and in the system tests).
 */
@ApplicationScoped
public class RetentionSweepSchedule implements NightlyJob {

    static final String JOB_NAME = "retention-sweep";
    static final String DRY_RUN = "signalops.retention.dry-run";

    @Override
    public String jobName() {
        return JOB_NAME;
    }

    @Override
    public String defaultSchedule() {
        return "0 30 4 * * *";
    }

    @Override
    public Properties parameters(Instant scheduledFor) {
        Properties parameters = NightlyJob.super.parameters(scheduledFor);
        boolean dryRun = ConfigProvider.getConfig().getOptionalValue(DRY_RUN, Boolean.class).orElse(false);
        parameters.setProperty("dryRun", Boolean.toString(dryRun));
        return parameters;
    }
}
