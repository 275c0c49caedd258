package com.signalops.identity.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Switches the active role of a user who holds several. */
@Named
@RequestScoped
public class RoleSwitchBacking {

    @Inject
    private ConsoleSession session;

    private Integer selected;

    public String switchRole() {
        if (selected != null) {
            session.switchTo(selected);
        }
        return "/index?faces-redirect=true";
    }

    public Integer getSelected() {
        return selected == null ? session.getActiveGrant() : selected;
    }

    public void setSelected(Integer selected) {
        this.selected = selected;
    }
}
