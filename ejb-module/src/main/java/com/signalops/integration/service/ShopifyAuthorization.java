package com.signalops.integration.service;

import com.signalops.integration.domain.ShopifyApiSecrets;
import com.signalops.integration.domain.ShopifyApp;
import com.signalops.integration.domain.ShopifyCallbackSignature;
import com.signalops.integration.domain.ShopifyGrant;
import com.signalops.shared.BusinessException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.Config;

/**
 * Shopify's side of connecting a store (the authorization code grant): the app's configuration,
 * the URL the merchant approves the access at, the check of the callback's {@code hmac}, and the
 * server-to-server exchange of the code for an offline access token over verified TLS. The token
 * goes back to the caller only; nothing here logs a code, a token or the secret.
 * <p>
 * Configuration: {@value #API_KEY}, {@value ShopifyApiSecrets#VARIABLE} (the first one signs the token request),
 * {@value #BASE_URL}, {@value #SCOPES}, {@value #REDIRECT_URL}, and {@value #TRUSTED_CERTIFICATE}: a
 * PEM certificate that alone is trusted for Shopify's TLS, for a fake Shopify in tests; unset, the
 * JVM's trusted authorities are.
 */
@ApplicationScoped
public class ShopifyAuthorization {

    public static final String API_KEY = "SIGNALOPS_SHOPIFY_API_KEY";
    public static final String BASE_URL = "SIGNALOPS_SHOPIFY_BASE_URL";
    public static final String SCOPES = "SIGNALOPS_SHOPIFY_SCOPES";
    public static final String REDIRECT_URL = "SIGNALOPS_SHOPIFY_REDIRECT_URL";
    public static final String TRUSTED_CERTIFICATE = "SIGNALOPS_SHOPIFY_TRUSTED_CERTIFICATE";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(ShopifyAuthorization.class.getName());

    @Inject
    private Config config;

    private ShopifyApp app;
    private ShopifyCallbackSignature signature;
    private HttpClient client;

    @PostConstruct
    void load() {
        ShopifyApiSecrets secrets = ShopifyApiSecrets.parse(value(ShopifyApiSecrets.VARIABLE));
        app = ShopifyApp.of(value(API_KEY), secrets, value(BASE_URL), value(SCOPES), value(REDIRECT_URL));
        signature = ShopifyCallbackSignature.of(secrets);
        client = HttpClient.newBuilder().sslContext(sslContext(value(TRUSTED_CERTIFICATE))).connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        if (app.isConfigured()) {
            LOG.log(Level.INFO, "Shopify connections: {0}", app);
        } else {
            LOG.log(Level.WARNING, "Stores cannot be connected to Shopify until these are set: {0}", app.missing());
        }
    }

    public ShopifyApp app() {
        return app;
    }

    /** The client of every call to Shopify: TLS as configured, no redirects followed. */
    HttpClient httpClient() {
        return client;
    }

    /** Whether the callback's query {@code parameters} carry Shopify's valid {@code hmac}. */
    public boolean isSignedByShopify(java.util.Map<String, List<String>> parameters) {
        return signature.verifies(parameters);
    }

    /**
     * Exchanges {@code code} at shop {@code shopDomain} for an offline access token.
     *
     * @throws BusinessException {@code shopify.token-exchange-failed} when Shopify is unreachable,
     *                           refuses the code or answers something else than a token; the
     *                           message names neither the code nor anything Shopify answered
     */
    public ShopifyGrant exchange(String shopDomain, String code) {
        JsonObject body = Json.createObjectBuilder().add("client_id", app.apiKey()).add("client_secret", app.apiSecret())
                .add("code", code).build();
        HttpRequest request = HttpRequest.newBuilder(app.accessTokenUri(shopDomain)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw failed("Shopify could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted");
        }
        if (response.statusCode() != 200) {
            throw failed("Shopify answered " + response.statusCode());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            JsonObject answer = reader.readObject();
            String token = answer.get("access_token") instanceof JsonString t ? t.getString() : "";
            String scope = answer.get("scope") instanceof JsonString s ? s.getString() : "";
            if (token.isBlank()) {
                throw failed("Shopify's answer holds no access token");
            }
            return new ShopifyGrant(token, Arrays.stream(scope.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        } catch (JsonException | IllegalStateException e) {
            throw failed("Shopify's answer is not a JSON object");
        }
    }

    private static BusinessException failed(String why) {
        return new BusinessException("shopify.token-exchange-failed", "The authorization code was not exchanged: " + why);
    }

    private String value(String name) {
        return config.getOptionalValue(name, String.class).orElse("");
    }

    /** TLS that trusts only {@code certificateFile} when given (a fake Shopify's), else the JVM's default authorities. */
    static SSLContext sslContext(String certificateFile) {
        try {
            if (certificateFile == null || certificateFile.isBlank()) {
                return SSLContext.getDefault();
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            try (InputStream pem = Files.newInputStream(Path.of(certificateFile.strip()))) {
                int i = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                    trusted.setCertificateEntry("shopify-" + i++, certificate);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            LOG.log(Level.WARNING, "Shopify''s TLS is trusted through {0} only ({1}): a test setting", new Object[] {TRUSTED_CERTIFICATE,
                    certificateFile});
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(TRUSTED_CERTIFICATE + " could not be read: " + e.getClass().getSimpleName(), e);
        }
    }
}
