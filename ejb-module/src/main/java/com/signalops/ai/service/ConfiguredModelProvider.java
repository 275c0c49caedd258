package com.signalops.ai.service;

import com.signalops.ai.domain.ChatCompletionsProvider;
import com.signalops.ai.domain.ModelEndpoint;
import com.signalops.ai.domain.ModelProvider;
import com.signalops.shared.BusinessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The model provider this server is configured with: {@value ModelEndpoint#BASE_URL_VARIABLE} (empty, the default: none,
 * AI is off), {@value ModelEndpoint#API_KEY_VARIABLE} and {@value ModelEndpoint#MODEL_VARIABLE}, read once.
 */
@ApplicationScoped
public class ConfiguredModelProvider {

    private static final Logger LOG = Logger.getLogger(ConfiguredModelProvider.class.getName());

    @Inject
    private Config config;

    private volatile Optional<ModelProvider> provider;
    private volatile String misconfiguration;

    /**
     * The configured provider, or none when no base URL is set.
     *
     * @throws BusinessException ({@code ai.misconfigured}) when the settings are given but unusable
     */
    public Optional<ModelProvider> provider() {
        if (provider == null && misconfiguration == null) {
            try {
                provider = ModelEndpoint.configured(value(ModelEndpoint.BASE_URL_VARIABLE), value(ModelEndpoint.API_KEY_VARIABLE),
                        value(ModelEndpoint.MODEL_VARIABLE)).map(ChatCompletionsProvider::new);
                provider.ifPresent(p -> LOG.log(Level.INFO, "AI suggestions through model {0}", p.model()));
            } catch (IllegalArgumentException e) {
                misconfiguration = e.getMessage();
                LOG.log(Level.WARNING, "AI suggestions are unavailable: {0}", misconfiguration);
            }
        }
        if (misconfiguration != null) {
            throw new BusinessException("ai.misconfigured", "The AI model provider is misconfigured: " + misconfiguration);
        }
        return provider;
    }

    private String value(String name) {
        return config.getOptionalValue(name, String.class).orElse("");
    }
}
