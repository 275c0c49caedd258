package com.signalops.jobs.domain;

import java.time.Instant;
import java.util.Properties;

/**
 * A batch job the nightly scheduler starts. Implement it as an {@code @ApplicationScoped}
 * bean next to the job; the scheduler finds every implementation. The schedule can be
 * overridden with the configuration property {@code signalops.schedule.<jobName>}
 * (environment: {@code SIGNALOPS_SCHEDULE_<JOB_NAME>}); {@code off} disables it.
 */
public interface NightlyJob {

    /** The JSR-352 job id (the name of its job XML). */
    String jobName();

    /** The default schedule in {@link ScheduleSpec} form, e.g. {@code "0 30 2 * * *"} (02:30 UTC). */
    String defaultSchedule();

    /**
     * Job parameters for the run triggered for {@code scheduledFor}: by default its {@code asOf}, the scheduled instant
     * (so that a restart of the run works as of the same instant); a job adds its own to these.
     */
    default Properties parameters(Instant scheduledFor) {
        Properties parameters = new Properties();
        parameters.setProperty("asOf", scheduledFor.toString());
        return parameters;
    }
}
