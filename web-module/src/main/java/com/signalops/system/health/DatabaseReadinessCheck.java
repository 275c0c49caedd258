package com.signalops.system.health;

import com.signalops.system.service.SchemaMigrator;
import com.signalops.system.service.SystemInfoService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers and the schema migrations have run. Each probe asks the
 * database again, so readiness comes back by itself when the database does.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    @EJB
    private SystemInfoService systemInfo;

    @EJB
    private SchemaMigrator migrator;

    @Override
    public HealthCheckResponse call() {
        boolean databaseUp = systemInfo.databaseAnswers();
        boolean migrated = migrator.isMigrated();
        return HealthCheckResponse.named("database")
                .status(databaseUp && migrated)
                .withData("database", databaseUp ? "UP" : "DOWN")
                .withData("schemaMigrated", migrated)
                .build();
    }
}
