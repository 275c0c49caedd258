package com.signalops.system.health;

import com.signalops.system.service.SchemaMigrator;
import com.signalops.system.service.SystemInfoService;
import com.signalops.tenancy.service.TenantScopingProbe;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers, the schema migrations have run and tenant scoping is
 * proven in force. Each probe asks the
 * database again, so readiness comes back by itself when the database does.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    @EJB
    private SystemInfoService systemInfo;

    @EJB
    private SchemaMigrator migrator;

    @EJB
    private TenantScopingProbe tenantScoping;

    @Override
    public HealthCheckResponse call() {
        boolean databaseUp = systemInfo.databaseAnswers();
        boolean migrated = migrator.isMigrated();
        boolean scoped = databaseUp && migrated && tenantScoping.inForce().orElse(false);
        return HealthCheckResponse.named("database")
                .status(databaseUp && migrated && scoped)
                .withData("database", databaseUp ? "UP" : "DOWN")
                .withData("schemaMigrated", migrated)
                .withData("tenantScoping", scoped)
                .build();
    }
}
