package com.signalops.jobs.deletion;

import com.signalops.jobs.domain.NightlyJob;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Registers {@code data-deletion} with the scheduler: every five minutes by default, so that an
 * uninstalled store's data is gone well within its 48 hours and a deadline warning is raised
 * promptly. {@code SIGNALOPS_SCHEDULE_DATA_DELETION} overrides it.
 */
@ApplicationScoped
public class DataDeletionSchedule implements NightlyJob {

    static final String JOB_NAME = "data-deletion";

    @Override
    public String jobName() {
        return JOB_NAME;
    }

    @Override
    public String defaultSchedule() {
        return "0 */5 * * * *";
    }
}
