package com.signalops.identity.web;

import com.signalops.identity.domain.Role;
import com.signalops.identity.service.InvitationService;
import com.signalops.shared.BusinessException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.ResourceBundle;

/** The users page: invite someone into the current workspace with a role. */
@Named
@RequestScoped
public class InviteBacking {

    @EJB
    private InvitationService invitations;

    @Inject
    private ConsoleSession session;

    @Inject
    private FacesContext faces;

    private String email;
    private String roleCode;
    private List<Role> roles;

    public List<Role> getRoles() {
        if (roles == null) {
            roles = invitations.roles(session.getWorkspaceId());
        }
        return roles;
    }

    public void invite() {
        ResourceBundle messages = ResourceBundle.getBundle("messages", faces.getViewRoot().getLocale());
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        String consoleUrl = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + request.getContextPath();
        try {
            invitations.invite(session.getWorkspaceId(), session.getUserId(), session.getActiveRole(), email, roleCode,
                    consoleUrl);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, messages.getString("invite.sent"), null));
            email = null;
        } catch (BusinessException | IllegalArgumentException refused) {
            String key = refused instanceof BusinessException business ? business.code() : "invite.bad-email";
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    messages.containsKey(key) ? messages.getString(key) : messages.getString("invite.failed"), null));
        }
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getRoleCode() {
        return roleCode;
    }

    public void setRoleCode(String roleCode) {
        this.roleCode = roleCode;
    }
}
