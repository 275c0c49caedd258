package com.signalops.system.domain;

import java.util.List;

/**
 * What the running system reports about itself.
 *
 * @param version       the build version of the application
 * @param databaseUp    whether a connection to the database answers now
 * @param schemaVersion the Flyway schema version applied, or null when migrations have not run
 * @param recentJobs    the latest batch job executions, newest first
 */
public record SystemInfo(String version, boolean databaseUp, String schemaVersion, List<JobExecutionSummary> recentJobs) {

    public SystemInfo {
        recentJobs = List.copyOf(recentJobs);
    }
}
