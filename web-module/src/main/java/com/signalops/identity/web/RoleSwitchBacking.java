package com.signalops.identity.web;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.identity.domain.SignedIn;
import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Switches the active role of a user who holds several (audited: it changes what the session may do). */
@Named
@RequestScoped
public class RoleSwitchBacking {

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleAudit audit;

    private Integer selected;

    public String switchRole() {
        if (selected != null && selected != session.getActiveGrant()) {
            session.switchTo(selected);
            SignedIn.Grant active = session.getActiveRole();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("role", active.roleCode());
            after.put("scope", active.scope().name());
            after.put("districtId", active.districtId());
            after.put("storeId", active.storeId());
            audit.succeeded(AuditAction.SESSION_SWITCH_ROLE, null, after);
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
