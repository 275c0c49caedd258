package com.signalops.identity.web;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import com.signalops.identity.service.SignInService;
import com.signalops.identity.service.StaffAccessService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ResourceBundle;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The login page: one message for every kind of failure. */
@Named
@RequestScoped
public class SignInBacking {

    @Inject
    private SecurityContext securityContext;

    @Inject
    private FacesContext faces;

    @Inject
    private SignInResult result;

    @Inject
    private ConsoleSession session;

    @EJB
    private SignInService signIns;

    @EJB
    private StaffAccessService staffAccess;

    /** How long a signed-in session may sit idle before it ends (30 minutes unless configured). */
    @Inject
    @ConfigProperty(name = "SIGNALOPS_SESSION_IDLE_TIMEOUT", defaultValue = "PT30M")
    Duration idleTimeout;

    private String email;
    private String password;

    public void signIn() throws IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        AuthenticationStatus status = securityContext.authenticate(request, response,
                withParams().newAuthentication(true).credential(new UsernamePasswordCredential(email == null ? "" : email,
                        new Password(password == null ? "" : password))));
        password = null;
        if (status == AuthenticationStatus.SUCCESS || status == AuthenticationStatus.SEND_CONTINUE) {
            // a new session id for the signed-in session: nothing from before sign-in carries over
            request.changeSessionId();
            request.getSession().setMaxInactiveInterval((int) idleTimeout.toSeconds());
            if (result.get() != null) {
                long userId = result.get().userId();
                session.begin(result.get(), signIns.workspacesOf(userId), staffAccess.isStaff(userId), Instant.now());
            }
            if (status == AuthenticationStatus.SEND_CONTINUE) {
                faces.responseComplete();
            } else {
                external.redirect(external.getRequestContextPath() + "/");
            }
            return;
        }
        ResourceBundle messages = ResourceBundle.getBundle("messages", faces.getViewRoot().getLocale());
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, messages.getString("signin.failed"), null));
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
