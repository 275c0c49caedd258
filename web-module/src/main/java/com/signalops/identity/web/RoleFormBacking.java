package com.signalops.identity.web;

import com.signalops.audit.web.ConsoleAudit;
import com.signalops.audit.domain.AuditAction;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.Role;
import com.signalops.identity.service.RoleService;
import com.signalops.shared.BusinessException;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The form of the roles page: creates a custom role, or edits or deletes one. Every action
 * checks {@code roles.manage} itself: a form that was rendered is no licence to post it.
 */
@Named
@ViewScoped
public class RoleFormBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private RoleService roles;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleMessages messages;

    @Inject
    private ConsoleAudit audit;

    @Inject
    private RolesBacking table;

    /** The code of the custom role being edited; null while a new one is made. */
    private String editing;
    private String code;
    private String name;
    private PermissionChoices permissions = new PermissionChoices(EnumSet.allOf(Permission.class));

    public void save() {
        if (!mayManage(editing == null ? AuditAction.ROLE_CREATE : AuditAction.ROLE_UPDATE, editing == null ? code : editing)) {
            return;
        }
        try {
            if (editing == null) {
                roles.createCustomRole(session.getWorkspaceId(), session.getUserId(), session.getActiveRole().permissions(), code, name,
                        permissions.selected());
                messages.info("roles.created");
            } else {
                roles.updateCustomRole(session.getWorkspaceId(), session.getUserId(), session.getActiveRole().permissions(), editing,
                        name, permissions.selected());
                messages.info("roles.updated");
            }
            table.reload();
            reset();
        } catch (BusinessException refused) {
            messages.refused(refused, "roles.failed");
        }
    }

    /** Fills the form with custom role {@code roleCode}. */
    public void edit(String roleCode) {
        if (!mayManage()) {
            return;
        }
        Optional<Role> role = roles.roles(session.getWorkspaceId()).stream().filter(r -> r.code().equals(roleCode)).findFirst();
        if (role.isEmpty()) {
            messages.error("not-found");
        } else if (role.get().isBuiltIn()) {
            messages.error("role.built-in");
        } else {
            editing = roleCode;
            code = roleCode;
            name = role.get().name();
            permissions.select(role.get().permissions());
        }
    }

    public void delete(String roleCode) {
        if (!mayManage(AuditAction.ROLE_DELETE, roleCode)) {
            return;
        }
        try {
            roles.deleteCustomRole(session.getWorkspaceId(), session.getUserId(), session.getActiveRole().permissions(), roleCode);
            messages.info("roles.deleted");
            table.reload();
            if (roleCode.equals(editing)) {
                reset();
            }
        } catch (BusinessException refused) {
            messages.refused(refused, "roles.failed");
        }
    }

    public void cancel() {
        reset();
    }

    /** Whether the active role may manage roles; a refusal of {@code action} is recorded. */
    private boolean mayManage(AuditAction action, String roleCode) {
        return audit.permits(Permission.ROLES_MANAGE, action, roleCode, "roles.not-allowed");
    }

    /** Whether the active role may manage roles (for filling the form: nothing changes, nothing is recorded). */
    private boolean mayManage() {
        if (!session.may(Permission.ROLES_MANAGE)) {
            messages.error("roles.not-allowed");
            return false;
        }
        return true;
    }

    private void reset() {
        editing = null;
        code = null;
        name = null;
        permissions = new PermissionChoices(EnumSet.allOf(Permission.class));
    }

    public String getEditing() {
        return editing;
    }

    public PermissionChoices getPermissions() {
        return permissions;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
