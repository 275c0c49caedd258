package com.signalops.web.rest;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.audit.service.CurrentActor;
import com.signalops.identity.domain.ApiCredential;
import com.signalops.identity.service.ApiKeyService;
import com.signalops.identity.web.ApiTokenPrincipal;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;

/**
 * Every API call: the web module's authentication has verified the bearer token (signature,
 * issuer, audience, expiry) before the request gets here; this filter refuses tokens of revoked or expired keys
 * (401), then checks the method's permission against the token's (403). A method that declares
 * neither a permission, {@link Authenticated} nor {@link PublicEndpoint} is refused.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class ApiAuthorization implements ContainerRequestFilter {

    @Context
    private ResourceInfo resource;

    @Inject
    private ApiCaller caller;

    @EJB
    private ApiKeyService keys;

    @EJB
    private AuditTrail audit;

    @Context
    private HttpServletRequest http;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return; // no resource matched: JAX-RS answers 404/405 itself
        }
        if (declared(method, PublicEndpoint.class)) {
            return;
        }
        ApiCredential credential = request.getSecurityContext().getUserPrincipal() instanceof ApiTokenPrincipal token
                ? token.credential() : null;
        if (credential == null || !keys.isUsable(credential.workspaceId(), credential.keyId())) {
            request.abortWith(Problem.of(Response.Status.UNAUTHORIZED, "unauthenticated",
                    "A valid bearer token of a usable API key is required.").toResponse());
            return;
        }
        caller.authenticate(credential);
        // audit records of this call name the key and the address it calls from
        CurrentActor.set(ActorType.API_KEY, Long.toString(credential.keyId()), "API key " + credential.keyId(), http.getRemoteAddr());
        RequiresPermission needed = method.getAnnotation(RequiresPermission.class);
        if (needed == null) {
            needed = resource.getResourceClass().getAnnotation(RequiresPermission.class);
        }
        boolean allowed = needed != null ? credential.permissions().contains(needed.value()) : declared(method, Authenticated.class);
        if (!allowed) {
            audit.recordAlone(AuditEntry.of(AuditAction.ACCESS_DENY, AuditOutcome.DENIED).in(credential.workspaceId())
                    .by(ActorType.API_KEY, credential.keyId()).via(AuditSource.API).on(call(request, method)).build());
            request.abortWith(Problem.of(Response.Status.FORBIDDEN, "forbidden",
                    "The API key does not have the permission this call needs.").toResponse());
        }
    }

    /** The refused call as its method and path template, e.g. {@code GET /api/v1/audit-events/{id}}. */
    private String call(ContainerRequestContext request, Method method) {
        Path type = resource.getResourceClass().getAnnotation(Path.class);
        Path own = method.getAnnotation(Path.class);
        String template = "/" + String.join("/", java.util.stream.Stream.of(type == null ? "" : type.value(), own == null ? "" : own.value())
                .map(part -> part.replaceAll("^/+|/+$", "")).filter(part -> !part.isEmpty()).toList());
        return request.getMethod() + " " + http.getServletPath() + template;
    }

    private boolean declared(Method method, Class<? extends java.lang.annotation.Annotation> marker) {
        AnnotatedElement type = resource.getResourceClass();
        return method.isAnnotationPresent(marker) || type.isAnnotationPresent(marker);
    }

}
