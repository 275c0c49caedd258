package com.signalops.identity.web;

import com.signalops.identity.domain.AccessToken;
import com.signalops.identity.domain.ApiCredential;
import com.signalops.identity.domain.PemKeys;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.ScopeType;
import com.signalops.identity.service.ApiTokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Verifies an API bearer token: RS256 only (no "none", no HMAC), signed by the configured key,
 * from the issuer and for the audience the signer ({@link ApiTokenIssuer}) names, not expired
 * (30 s clock skew), with every claim the API reads. Anything else is no token at all.
 */
@ApplicationScoped
public class ApiBearerTokens {

    private static final Logger LOG = Logger.getLogger(ApiBearerTokens.class.getName());
    private static final int CLOCK_SKEW_SECONDS = 30;

    /** The signer: the issuer and audience it writes into tokens are what verification expects. */
    @Inject
    ApiTokenIssuer signer;

    @Inject
    @ConfigProperty(name = "SIGNALOPS_JWT_PUBLIC_KEY_LOCATION")
    String publicKeyLocation;

    private volatile JwtConsumer consumer;

    /** The verified token's principal, or empty when the token is not one this server issued and still honours. */
    public Optional<ApiTokenPrincipal> verify(String token) {
        JwtConsumer verifier = consumer();
        if (verifier == null || token == null) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = verifier.processToClaims(token);
            return Optional.of(new ApiTokenPrincipal(token, claims, credential(claims)));
        } catch (InvalidJwtException | MalformedClaimException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ApiCredential credential(JwtClaims claims) throws MalformedClaimException {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        List<String> keys = claims.getStringListClaimValue(AccessToken.PERMISSIONS_CLAIM);
        for (String key : keys) {
            Permission.fromKey(key).ifPresent(permissions::add);
        }
        return new ApiCredential(number(claims, AccessToken.WORKSPACE_CLAIM), number(claims, AccessToken.KEY_CLAIM), permissions,
                ScopeType.valueOf(claims.getStringClaimValue(AccessToken.SCOPE_CLAIM)), optionalNumber(claims, AccessToken.DISTRICT_CLAIM),
                optionalNumber(claims, AccessToken.STORE_CLAIM));
    }

    private static long number(JwtClaims claims, String name) throws MalformedClaimException {
        Long value = optionalNumber(claims, name);
        if (value == null) {
            throw new MalformedClaimException("missing " + name);
        }
        return value;
    }

    private static Long optionalNumber(JwtClaims claims, String name) throws MalformedClaimException {
        Object value = claims.getClaimValue(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        throw new MalformedClaimException(name + " is not an integer");
    }

    private JwtConsumer consumer() {
        JwtConsumer built = consumer;
        if (built == null) {
            try {
                built = new JwtConsumerBuilder()
                        .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                        .setVerificationKey(PemKeys.readPublic(Path.of(publicKeyLocation)))
                        .setExpectedIssuer(true, signer.issuer())
                        .setExpectedAudience(true, signer.audience())
                        .setRequireExpirationTime()
                        .setRequireIssuedAt()
                        .setRequireSubject()
                        .setRequireJwtId()
                        .setMaxFutureValidityInMinutes((int) AccessToken.LIFETIME.toMinutes() + 1)
                        .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                        .build();
                consumer = built;
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                LOG.severe("The API token verification key cannot be read (SIGNALOPS_JWT_PUBLIC_KEY_LOCATION): "
                        + e.getClass().getSimpleName());
                return null;
            }
        }
        return built;
    }
}
