package com.signalops.identity.web;

import com.signalops.identity.service.AccountService;
import com.signalops.shared.BusinessException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ResourceBundle;

/** The change-password page. */
@Named
@RequestScoped
public class ChangePasswordBacking {

    @EJB
    private AccountService accounts;

    @Inject
    private ConsoleSession session;

    @Inject
    private FacesContext faces;

    private String current;
    private String replacement;
    private String confirmation;

    public void change() {
        ResourceBundle messages = ResourceBundle.getBundle("messages", faces.getViewRoot().getLocale());
        if (replacement == null || !replacement.equals(confirmation)) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, messages.getString("password.mismatch"), null));
            return;
        }
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        try {
            accounts.changePassword(session.getUserId(), current.toCharArray(), replacement.toCharArray(), request.getRemoteAddr());
            request.changeSessionId();
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, messages.getString("password.changed"), null));
        } catch (BusinessException refused) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, messages.getString(refused.code()), null));
        } finally {
            current = null;
            replacement = null;
            confirmation = null;
        }
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getReplacement() {
        return replacement;
    }

    public void setReplacement(String replacement) {
        this.replacement = replacement;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
