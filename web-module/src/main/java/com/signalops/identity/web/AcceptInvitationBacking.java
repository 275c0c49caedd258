package com.signalops.identity.web;

import com.signalops.identity.service.InvitationService;
import com.signalops.shared.BusinessException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.ResourceBundle;

/** The page an invitation link opens: the invited person chooses their name and password. */
@Named
@RequestScoped
public class AcceptInvitationBacking {

    @EJB
    private InvitationService invitations;

    @Inject
    private FacesContext faces;

    private String token;
    private String displayName;
    private String password;
    private String confirmation;

    public void accept() throws IOException {
        ResourceBundle messages = ResourceBundle.getBundle("messages", faces.getViewRoot().getLocale());
        if (password == null || !password.equals(confirmation)) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, messages.getString("password.mismatch"), null));
            return;
        }
        try {
            invitations.accept(token, displayName, password.toCharArray());
            ExternalContext external = faces.getExternalContext();
            external.redirect(external.getRequestContextPath() + "/login.xhtml?joined=true");
        } catch (BusinessException refused) {
            String key = messages.containsKey(refused.code()) ? refused.code() : "invitation.invalid";
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, messages.getString(key), null));
        } finally {
            password = null;
            confirmation = null;
        }
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
