package com.signalops.web.rest;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail. {@code code} is a stable machine-readable extension member.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "code"})
public record Problem(String type, String title, int status, String detail, String code) {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    /** A problem of {@code status} whose type is the code under the SignalOps problem namespace. */
    public static Problem of(Response.Status status, String code, String detail) {
        return new Problem("https://signalops.dev/problems/" + code, status.getReasonPhrase(), status.getStatusCode(), detail, code);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
