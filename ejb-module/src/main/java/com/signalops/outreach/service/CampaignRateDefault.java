package com.signalops.outreach.service;

import com.signalops.outreach.domain.StoreSendLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The send rate of a store without one of its own, in messages per minute: {@code SIGNALOPS_CAMPAIGN_RATE_PER_MINUTE}
 * (default 600), kept within the bounds of a store's rate.
 */
@ApplicationScoped
public class CampaignRateDefault {

    public static final String PROPERTY = "SIGNALOPS_CAMPAIGN_RATE_PER_MINUTE";

    @Inject
    @ConfigProperty(name = PROPERTY, defaultValue = "600")
    private int configured;

    protected CampaignRateDefault() {
    }

    /** A default of {@code configured} messages per minute (tests). */
    CampaignRateDefault(int configured) {
        this.configured = configured;
    }

    public int perMinute() {
        return Math.max(StoreSendLimit.MIN_PER_MINUTE, Math.min(StoreSendLimit.MAX_PER_MINUTE, configured));
    }
}
