package com.signalops.jobs.history;

import com.signalops.jobs.domain.NightlyJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Properties;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Registers {@code job-history-sweep} with the nightly scheduler: 03:15 UTC by default.
 * {@code signalops.job-history.max-age-days} overrides the job's default age of 90 days.
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
        Properties parameters = new Properties();
        parameters.setProperty("asOf", scheduledFor.toString());
        ConfigProvider.getConfig().getOptionalValue("signalops.job-history.max-age-days", Integer.class)
                .ifPresent(days -> parameters.setProperty("maxAgeDays", Integer.toString(days)));
        return parameters;
    }
}
