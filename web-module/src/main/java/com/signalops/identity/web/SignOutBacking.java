package com.signalops.identity.web;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.web.ConsoleAudit;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/** Sign-out: the session ends on the server, not only in the browser, and the trail records it. */
@Named
@RequestScoped
public class SignOutBacking {

    @Inject
    private FacesContext faces;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleAudit audit;

    public void signOut() throws IOException, ServletException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        if (session.isSignedIn()) {
            audit.succeeded(AuditAction.SESSION_SIGN_OUT, session.getUserId(), null);
        }
        request.logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/login.xhtml?signedOut=true");
    }
}
