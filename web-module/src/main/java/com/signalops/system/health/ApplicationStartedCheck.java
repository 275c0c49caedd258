package com.signalops.system.health;

import com.signalops.system.service.SystemInfoService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the application is deployed; MicroProfile Health answers DOWN before that. */
@Startup
@ApplicationScoped
public class ApplicationStartedCheck implements HealthCheck {

    @EJB
    private SystemInfoService systemInfo;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("application")
                .up()
                .withData("version", systemInfo.version())
                .build();
    }
}
