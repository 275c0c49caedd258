package com.signalops.identity.web;

import com.signalops.identity.domain.SignedIn;
import com.signalops.identity.service.SignInService;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.Optional;

/** Moves a user who belongs to several workspaces into another of them. */
@Named
@RequestScoped
public class WorkspaceSwitchBacking {

    @EJB
    private SignInService signIns;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleMessages messages;

    private Long selected;

    public String switchWorkspace() {
        if (selected == null || session.isTemporaryAccess()) {
            return null;
        }
        Optional<SignedIn> entered = signIns.enter(session.getUserId(), selected);
        if (entered.isEmpty()) {
            messages.error("workspace.not-member");
            return null;
        }
        session.enter(entered.get(), Instant.now());
        return "/index?faces-redirect=true";
    }

    public Long getSelected() {
        return selected == null ? session.getWorkspaceId() : selected;
    }

    public void setSelected(Long selected) {
        this.selected = selected;
    }
}
