package com.signalops.identity.web;

import com.signalops.identity.domain.Role;
import com.signalops.identity.service.RoleService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The roles page: every role of the workspace, built-in first, with its permissions by category. */
@Named
@RequestScoped
public class RolesBacking {

    @EJB
    private RoleService roles;

    @Inject
    private ConsoleSession session;

    private List<Role> list;

    public List<Role> getRoles() {
        if (list == null) {
            list = roles.roles(session.getWorkspaceId());
        }
        return list;
    }

    /** Reads the roles again: the table was read before a change of the same request. */
    public void reload() {
        list = null;
    }

    /** The permissions of {@code role}, one line per category. */
    public List<String> permissions(Role role) {
        return PermissionChoices.describe(role.permissions());
    }
}
