package com.signalops.identity.web;

import com.signalops.identity.domain.ApiCredential;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;

/** The caller of an API request: a verified bearer token, seen through MicroProfile JWT's {@link JsonWebToken}. */
public final class ApiTokenPrincipal implements JsonWebToken {

    private final String raw;
    private final transient JwtClaims claims;
    private final ApiCredential credential;

    ApiTokenPrincipal(String raw, JwtClaims claims, ApiCredential credential) {
        this.raw = raw;
        this.claims = claims;
        this.credential = credential;
    }

    /** What the token grants: workspace, key, permissions, scope. */
    public ApiCredential credential() {
        return credential;
    }

    @Override
    public String getName() {
        return "api-key:" + credential.keyId();
    }

    @Override
    public Set<String> getClaimNames() {
        return Set.copyOf(claims.getClaimNames());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        if ("raw_token".equals(claimName)) {
            return (T) raw;
        }
        return (T) claims.getClaimValue(claimName);
    }

    @Override
    public String toString() {
        return "ApiTokenPrincipal[" + getName() + "]";
    }
}
