package com.signalops.identity.web;

import com.signalops.audit.domain.AuditAction;
import com.signalops.identity.domain.Role;
import com.signalops.identity.domain.ScopeType;
import com.signalops.identity.service.MemberService;
import com.signalops.identity.service.RoleService;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.model.SelectItem;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;

/**
 * The users page's form that gives a member a role over a scope. The scope is one choice:
 * {@code WORKSPACE}, {@code DISTRICT:<id>} or {@code STORE:<id>}.
 */
@Named
@RequestScoped
public class GrantRoleBacking {

    @EJB
    private MemberService memberService;

    @EJB
    private RoleService roleService;

    @EJB
    private DirectoryService directory;

    @Inject
    private ConsoleSession session;

    @Inject
    private MembersBacking members;

    @Inject
    private ConsoleMessages messages;

    private Long userId;
    private String roleCode;
    private String scope;
    private List<Role> roles;
    private List<SelectItem> scopes;

    public List<Role> getRoles() {
        if (roles == null) {
            roles = roleService.roles(session.getWorkspaceId());
        }
        return roles;
    }

    /** The scopes a role can be given over: the workspace, each district, each store. */
    public List<SelectItem> getScopes() {
        if (scopes == null) {
            Viewer viewer = Viewer.of(session.getWorkspaceId(), session.getActiveRole());
            scopes = new ArrayList<>();
            scopes.add(new SelectItem(ScopeType.WORKSPACE.name(), messages.text("members.scope.workspace")));
            directory.listDistricts(viewer).forEach(d -> scopes.add(new SelectItem(ScopeType.DISTRICT + ":" + d.id(),
                    messages.text("members.scope.district") + " " + d.name())));
            directory.listStores(viewer).forEach(s -> scopes.add(new SelectItem(ScopeType.STORE + ":" + s.id(),
                    messages.text("members.scope.store") + " " + s.storeCode())));
        }
        return scopes;
    }

    public void grant() {
        String[] chosen = scope == null ? new String[] {""} : scope.split(":", 2);
        ScopeType type;
        Long id;
        try {
            type = ScopeType.valueOf(chosen[0]);
            id = chosen.length == 2 ? Long.valueOf(chosen[1]) : null;
        } catch (IllegalArgumentException e) {
            messages.error("membership.scope-invalid");
            return;
        }
        members.change("members.granted", AuditAction.MEMBERSHIP_GRANT, "user", userId, actor -> memberService.grantRole(session.getWorkspaceId(), session.getUserId(),
                actor.permissions(), userId, roleCode, type, type == ScopeType.DISTRICT ? id : null,
                type == ScopeType.STORE ? id : null));
    }

    public Long getUserId() {
        return userId;
    }

    public void setUserId(Long userId) {
        this.userId = userId;
    }

    public String getRoleCode() {
        return roleCode;
    }

    public void setRoleCode(String roleCode) {
        this.roleCode = roleCode;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }
}
