package com.signalops.jobs.leaks;

import com.signalops.jobs.domain.NightlyJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Properties;

/**
 * Registers {@code revenue-leak-analysis} with the nightly scheduler: 03:30 in the scheduler's time zone
 * ({@code signalops.schedule.timezone}, UTC by default) for every store with orders, as of the scheduled instant.
 * One schedule for all stores: running each store at night in its own time zone is not done yet (issue 7).
 */
@ApplicationScoped
public class RevenueLeakAnalysisSchedule implements NightlyJob {

    static final String JOB_NAME = "revenue-leak-analysis";

    @Override
    public String jobName() {
        return JOB_NAME;
    }

    @Override
    public String defaultSchedule() {
        return "0 30 3 * * *";
    }

    @Override
    public Properties parameters(Instant scheduledFor) {
        Properties parameters = new Properties();
        parameters.setProperty("asOf", scheduledFor.toString());
        return parameters;
    }
}
