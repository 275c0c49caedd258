package com.signalops.identity.rest;

import com.signalops.identity.domain.AccessToken;
import com.signalops.identity.domain.ApiCredential;
import com.signalops.identity.service.ApiKeyService;
import com.signalops.identity.service.ApiTokenIssuer;
import com.signalops.web.rest.Problem;
import com.signalops.web.rest.PublicEndpoint;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /api/v1/auth/token}: exchanges a workspace API key for a 15-minute RS256 bearer
 * token. A key that is unknown, malformed, wrong, revoked or expired answers one 401.
 */
@Path("/auth/token")
@PublicEndpoint
public class TokenResource {

    /** The request: {@code {"apiKey": "sok_..."}}. */
    public record TokenRequest(String apiKey) {
    }

    /** The answer, in OAuth 2.0's shape. */
    public record TokenResponse(String access_token, String token_type, long expires_in) {
    }

    @EJB
    private ApiKeyService keys;

    @Inject
    private ApiTokenIssuer issuer;

    @Context
    private HttpServletRequest http;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response exchange(TokenRequest request) {
        Optional<ApiCredential> credential = keys.authenticate(request == null ? null : request.apiKey(), http.getRemoteAddr());
        if (credential.isEmpty()) {
            return Problem.of(Response.Status.UNAUTHORIZED, "invalid-api-key", "The API key is not valid.").toResponse();
        }
        String token = issuer.issue(credential.get(), Instant.now());
        return Response.ok(new TokenResponse(token, "Bearer", AccessToken.LIFETIME.toSeconds())).header("Cache-Control", "no-store")
                .build();
    }
}
