package com.signalops.jobs.leaks;

import com.signalops.jobs.domain.NightlyJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Properties;

/**
 * Registers {@code revenue-leak-analysis} with the nightly scheduler: every hour at minute 30, as of the scheduled
 * instant, analysing the stores whose night is due in their own time zone (from 03:30 local; {@link NightlyStores}),
 * each once per local night; a night missed while the server was down is analysed at the first trigger after.
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
        return "0 30 * * * *";
    }

    @Override
    public Properties parameters(Instant scheduledFor) {
        Properties parameters = NightlyJob.super.parameters(scheduledFor);
        parameters.setProperty("nightly", "true");
        return parameters;
    }
}
