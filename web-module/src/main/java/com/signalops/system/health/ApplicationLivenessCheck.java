package com.signalops.system.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the JVM has heap to work with; a database outage is a readiness matter and
 * must not get the server restarted.
 */
@Liveness
@ApplicationScoped
public class ApplicationLivenessCheck implements HealthCheck {

    private static final double MAX_HEAP_USED = 0.95;

    @Override
    public HealthCheckResponse call() {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        double ratio = (double) used / runtime.maxMemory();
        return HealthCheckResponse.named("heap")
                .status(ratio < MAX_HEAP_USED)
                .withData("usedRatio", String.format(java.util.Locale.ROOT, "%.2f", ratio))
                .build();
    }
}
