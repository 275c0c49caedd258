package com.signalops.privacy.web;

import com.signalops.identity.web.ConsoleSession;
import com.signalops.privacy.service.AccountErasure;
import com.signalops.shared.BusinessException;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * The account erasure page: the signed-in user erases their own account by typing its email; the session then ends
 * (the data-deletion job carries the erasure out within minutes).
 */
@Named
@RequestScoped
public class AccountErasureBacking {

    @EJB
    private AccountErasure erasure;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleMessages messages;

    @Inject
    private FacesContext faces;

    private String typedEmail;

    public boolean isRequested() {
        return erasure.open(session.getUserId()).isPresent();
    }

    public void erase() throws IOException, ServletException {
        try {
            erasure.request(session.getUserId(), typedEmail);
        } catch (BusinessException refused) {
            messages.refused(refused, "erasure.failed");
            return;
        } finally {
            typedEmail = null;
        }
        ExternalContext external = faces.getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/login.xhtml?erased=true");
    }

    public String getTypedEmail() {
        return typedEmail;
    }

    public void setTypedEmail(String typedEmail) {
        this.typedEmail = typedEmail;
    }
}
