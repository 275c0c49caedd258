package com.signalops.system.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which profile the server runs in: {@code prod} (the default) or {@code dev}, which the
 * README's run command sets: it seeds the demo workspace and answers the system info API,
 * which needs an API token once those exist.
 */
@Named
@ApplicationScoped
public class RuntimeProfile {

    @Inject
    @ConfigProperty(name = "signalops.profile", defaultValue = "prod")
    private String profile;

    public boolean isDev() {
        return "dev".equals(profile.trim().toLowerCase(Locale.ROOT));
    }

    public String name() {
        return isDev() ? "dev" : "prod";
    }
}
