package com.signalops.ai.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where the model provider is and how it is called: an OpenAI-compatible base URL (https, or http on the loopback
 * address for a local model or a test double), the API key sent as a bearer token, the model's name and the timeouts.
 * The key is never part of {@link #toString()}.
 *
 * @param apiKey empty when the provider needs none
 */
public record ModelEndpoint(URI baseUrl, String apiKey, String model, Duration connectTimeout, Duration readTimeout) {

    public static final String BASE_URL_VARIABLE = "SIGNALOPS_AI_BASE_URL";
    public static final String API_KEY_VARIABLE = "SIGNALOPS_AI_API_KEY";
    public static final String MODEL_VARIABLE = "SIGNALOPS_AI_MODEL";
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final int MODEL_LENGTH = 100;

    public ModelEndpoint {
        if (!"https".equals(baseUrl.getScheme()) && !("http".equals(baseUrl.getScheme()) && LOOPBACK.contains(host(baseUrl)))) {
            throw new IllegalArgumentException(BASE_URL_VARIABLE + " must be an https URL (http only on 127.0.0.1)");
        }
        if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException(BASE_URL_VARIABLE + " must hold no user, query or fragment");
        }
        if (model == null || model.isBlank() || model.length() > MODEL_LENGTH) {
            throw new IllegalArgumentException(MODEL_VARIABLE + " must name the model (at most " + MODEL_LENGTH + " characters)");
        }
        apiKey = apiKey == null ? "" : apiKey.strip();
        if (apiKey.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException(API_KEY_VARIABLE + " must be printable ASCII");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("the model provider's timeouts must be positive");
        }
    }

    /**
     * The endpoint the three settings describe, or none when {@code baseUrl} is empty (AI is off, the default).
     *
     * @throws IllegalArgumentException when a base URL is given but it or the model is not usable
     */
    public static Optional<ModelEndpoint> configured(String baseUrl, String apiKey, String model) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return Optional.empty();
        }
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        try {
            return Optional.of(new ModelEndpoint(new URI(base), apiKey, model == null ? null : model.strip(), CONNECT_TIMEOUT, READ_TIMEOUT));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(BASE_URL_VARIABLE + " is not a URL");
        }
    }

    /** The endpoint with other timeouts. */
    public ModelEndpoint withTimeouts(Duration connect, Duration read) {
        return new ModelEndpoint(baseUrl, apiKey, model, connect, read);
    }

    /** {@code POST} here: {@code {base}/v1/chat/completions}. */
    public URI chatCompletions() {
        return URI.create(baseUrl + "/v1/chat/completions");
    }

    private static String host(URI uri) {
        return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "ModelEndpoint[" + baseUrl + ", model " + model + ", key " + (apiKey.isEmpty() ? "none" : "set") + "]";
    }
}
