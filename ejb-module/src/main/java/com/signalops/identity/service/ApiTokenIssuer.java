package com.signalops.identity.service;

import com.signalops.identity.domain.AccessToken;
import com.signalops.identity.domain.ApiCredential;
import com.signalops.identity.domain.PemKeys;
import com.signalops.shared.UnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs the API's bearer tokens with the private key named by configuration (a PKCS#8 PEM file).
 * Issuer and audience are the values MicroProfile JWT checks (server.xml's {@code mpJwt}).
 */
@ApplicationScoped
public class ApiTokenIssuer {

    private static final Logger LOG = Logger.getLogger(ApiTokenIssuer.class.getName());

    @Inject
    @ConfigProperty(name = "SIGNALOPS_JWT_ISSUER")
    String issuer;

    @Inject
    @ConfigProperty(name = "SIGNALOPS_JWT_AUDIENCE")
    String audience;

    @Inject
    @ConfigProperty(name = "SIGNALOPS_JWT_PRIVATE_KEY_LOCATION")
    String privateKeyLocation;

    private volatile PrivateKey key;

    /** The issuer tokens name, and the one their verification expects. */
    public String issuer() {
        return issuer;
    }

    /** The audience tokens name, and the one their verification expects. */
    public String audience() {
        return audience;
    }

    /** A signed token for {@code credential}; a server without its signing key cannot issue. */
    public String issue(ApiCredential credential, Instant now) {
        return AccessToken.sign(credential, issuer, audience, signingKey(), now);
    }

    private PrivateKey signingKey() {
        PrivateKey loaded = key;
        if (loaded == null) {
            try {
                loaded = PemKeys.readPrivate(Path.of(privateKeyLocation));
                key = loaded;
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                LOG.severe("The API token signing key cannot be read (SIGNALOPS_JWT_PRIVATE_KEY_LOCATION): " + e.getClass().getSimpleName());
                throw new UnavailableException("token.unavailable", "Tokens cannot be issued: the server has no signing key");
            }
        }
        return loaded;
    }
}
