package com.signalops.web;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * A form posted with a view state the server no longer holds (an expired session, a stale tab, a
 * forged post) sends the browser to the "page expired" page with a redirect, instead of failing
 * the request: nothing of the post is applied.
 */
public class ViewExpiredRedirects extends ExceptionHandlerFactory {

    public ViewExpiredRedirects(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    private static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() throws FacesException {
            for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator(); events.hasNext();) {
                Throwable failure = events.next().getContext().getException();
                while (failure instanceof FacesException && !(failure instanceof ViewExpiredException) && failure.getCause() != null) {
                    failure = failure.getCause();
                }
                if (failure instanceof ViewExpiredException) {
                    events.remove();
                    FacesContext faces = FacesContext.getCurrentInstance();
                    ExternalContext external = faces.getExternalContext();
                    try {
                        external.redirect(external.getRequestContextPath() + "/expired.xhtml");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    faces.responseComplete();
                }
            }
            getWrapped().handle();
        }
    }
}
