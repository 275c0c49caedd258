package com.signalops.web.rest;

import com.signalops.shared.BusinessException;
import com.signalops.shared.ForbiddenException;
import com.signalops.shared.NotFoundException;
import com.signalops.shared.UnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception that leaves a REST resource into an RFC 9457 problem response.
 * Unexpected failures answer a bare 500 whose detail says nothing of the cause; the cause
 * goes to the log.
 */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        return problemFor(exception).toResponse();
    }

    static Problem problemFor(Throwable exception) {
        if (exception instanceof NotFoundException notFound) {
            return Problem.of(Response.Status.NOT_FOUND, notFound.code(), notFound.getMessage());
        }
        if (exception instanceof ForbiddenException forbidden) {
            return Problem.of(Response.Status.FORBIDDEN, forbidden.code(), forbidden.getMessage());
        }
        if (exception instanceof UnavailableException unavailable) {
            return Problem.of(Response.Status.SERVICE_UNAVAILABLE, unavailable.code(), unavailable.getMessage());
        }
        if (exception instanceof BusinessException business) {
            return Problem.of(Response.Status.BAD_REQUEST, business.code(), business.getMessage());
        }
        if (exception instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            Response.Status known = Response.Status.fromStatusCode(status.getStatusCode());
            Response.Status resolved = known == null ? Response.Status.BAD_REQUEST : known;
            return Problem.of(resolved, "http-" + resolved.getStatusCode(), resolved.getReasonPhrase());
        }
        LOG.log(Level.SEVERE, "Unexpected failure in a REST call", exception);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error", "The request could not be completed.");
    }
}
