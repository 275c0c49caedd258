package com.signalops.identity.web;

import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.AccessToken;
import com.signalops.identity.domain.RejectedBearerToken;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * Who calls, for every request of the web module. Two worlds that never mix:
 * <ul>
 * <li>The REST API ({@code /api/}) takes a bearer token only: verified on every call
 * ({@link ApiBearerTokens}), never a session, never a cookie; a call without a valid token to
 * a protected path answers a 401 problem. A token presented and refused raises a LOW
 * {@code api.token-rejected} security event.</li>
 * <li>The console signs in through its login page (the credential goes through the identity
 * store), the session carries the caller from then on, and a console page without a
 * signed-in user sends the browser to the login page.</li>
 * </ul>
 * (Liberty runs an application's Jakarta Security mechanism before MP JWT's own interceptor
 * and fails a protected request the mechanism leaves alone, so the two cannot be split across
 * mechanisms inside one web module: docs/decisions/0007.)
 */
@ApplicationScoped
public class SignalOpsAuthentication implements HttpAuthenticationMechanism {

    /** The role every signed-in console user has; what they may do comes from their SignalOps role. */
    public static final String CONSOLE_ROLE = "console";

    private static final String API_PREFIX = "/api/";
    private static final String BEARER = "Bearer ";

    @Inject
    private IdentityStoreHandler identityStores;

    @Inject
    private ApiBearerTokens bearerTokens;

    @EJB
    private AuditTrail audit;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (isApiCall(request)) {
            return api(request, response, context);
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            CredentialValidationResult result = identityStores.validate(credential);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                context.setRegisterSession(result.getCallerPrincipal().getName(), result.getCallerGroups());
            }
            return context.notifyContainerAboutLogin(result);
        }
        Principal signedIn = request.getUserPrincipal();
        if (signedIn != null) {
            // the session the container registered at sign-in: the same caller, the same groups
            return applySession(signedIn, context);
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return context.redirect(request.getContextPath() + "/login.xhtml");
    }

    private AuthenticationStatus api(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip()
                : null;
        Optional<ApiTokenPrincipal> caller = token == null ? Optional.empty() : bearerTokens.verify(token);
        if (caller.isPresent()) {
            return context.notifyContainerAboutLogin(caller.get(), Set.of(AccessToken.API_GROUP));
        }
        if (token != null && !token.isEmpty()) {
            audit.securityEvent(null, RejectedBearerToken.EVENT, Severity.LOW, RejectedBearerToken.details(token));
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return unauthorized(response);
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response) {
        try {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"signalops-api\"");
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"https://signalops.dev/problems/unauthenticated\",\"title\":\"Unauthorized\","
                    + "\"status\":401,\"detail\":\"A valid bearer token is required.\",\"code\":\"unauthenticated\"}");
        } catch (IOException e) {
            // the client went away; the status is what matters
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static AuthenticationStatus applySession(Principal principal, HttpMessageContext context) {
        try {
            context.getHandler().handle(new Callback[] {new CallerPrincipalCallback(context.getClientSubject(), principal)});
            return AuthenticationStatus.SUCCESS;
        } catch (IOException | UnsupportedCallbackException e) {
            return AuthenticationStatus.SEND_FAILURE;
        }
    }

    static boolean isApiCall(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(API_PREFIX);
    }
}
