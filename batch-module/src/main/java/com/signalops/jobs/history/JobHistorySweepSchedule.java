package com.signalops.jobs.history;

import com.signalops.jobs.domain.NightlyJob;
import com.signalops.retention.domain.RetentionCategory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Properties;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Registers {@code job-history-sweep} with the nightly scheduler: 03:15 UTC by default.
 * The job repository belongs to no workspace: it keeps job history for the default period of
 * {@link RetentionCategory#JOB_HISTORY} (90 days; a workspace's own setting governs its imports, which the
 * retention sweep deletes), unless {@code signalops.job-history.max-age-days} says otherwise.
 */
@ApplicationScoped
public class JobHistorySweepSchedule implements NightlyJob {

    static final String JOB_NAME = "job-history-sweep";

    @Override
    public String jobName() {
        return JOB_NAME;
    }

    @Override
    public String defaultSchedule() {
        return "0 15 3 * * *";
    }

    @Override
    public Properties parameters(Instant scheduledFor) {
        Properties parameters = NightlyJob.super.parameters(scheduledFor);
        int days = ConfigProvider.getConfig().getOptionalValue("signalops.job-history.max-age-days", Integer.class)
                .orElse(RetentionCategory.JOB_HISTORY.defaultDays());
        parameters.setProperty("maxAgeDays", Integer.toString(days));
        return parameters;
    }
}
