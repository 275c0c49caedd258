package com.signalops.jobs.audit;

import com.signalops.jobs.domain.NightlyJob;
import jakarta.enterprise.context.ApplicationScoped;

/** Registers {@code audit-chain-verify} with the nightly scheduler: 03:45 UTC by default. */
@ApplicationScoped
public class AuditChainVerifySchedule implements NightlyJob {

    static final String JOB_NAME = "audit-chain-verify";

    @Override
    public String jobName() {
        return JOB_NAME;
    }

    @Override
    public String defaultSchedule() {
        return "0 45 3 * * *";
    }
}
