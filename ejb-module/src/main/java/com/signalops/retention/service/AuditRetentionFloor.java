package com.signalops.retention.service;

import com.signalops.retention.domain.RetentionPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The legal floor of audit records for this installation, in days: {@code SIGNALOPS_AUDIT_RETENTION_FLOOR_DAYS}
 * (default 365), never less than a year. No workspace keeps its audit records shorter.
 */
@ApplicationScoped
public class AuditRetentionFloor {

    public static final String PROPERTY = "signalops.audit.retention-floor-days";

    @Inject
    @ConfigProperty(name = PROPERTY, defaultValue = "365")
    private int configuredDays;

    protected AuditRetentionFloor() {
    }

    /** A floor of {@code configuredDays} (tests). */
    AuditRetentionFloor(int configuredDays) {
        this.configuredDays = configuredDays;
    }

    public int days() {
        return RetentionPolicy.auditFloor(configuredDays);
    }
}
