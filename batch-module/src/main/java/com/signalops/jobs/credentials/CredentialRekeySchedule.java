package com.signalops.jobs.credentials;

import com.signalops.jobs.domain.NightlyJob;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Registers {@code credential-rekey} with the nightly scheduler: 04:15 UTC by default, so that
 * tokens move to a newly added key the night after it is configured. With nothing stale it reads
 * one empty page and ends.
 */
@ApplicationScoped
public class CredentialRekeySchedule implements NightlyJob {

    static final String JOB_NAME = "credential-rekey";

    @Override
    public String jobName() {
        return JOB_NAME;
    }

    @Override
    public String defaultSchedule() {
        return "0 15 4 * * *";
    }
}
