package com.signalops.identity.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.Role;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The roles of a workspace: the four built-in ones, which nobody edits, and custom ones built
 * from the permission catalogue. Nobody makes or changes a role that gives more than their own
 * active role holds. Every change is audited and raised as a security event that names the
 * permissions added and removed.
 */
@Stateless
public class RoleService {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    /** The roles of workspace {@code workspaceId}, built-in first, each with its permissions. */
    public List<Role> roles(long workspaceId) {
        in(workspaceId);
        return em.createNamedQuery("Role.findAll", Role.class).getResultList();
    }

    /**
     * Creates custom role {@code code} with {@code permissions}.
     *
     * @param actorPermissions the permissions of the actor's active role
     * @throws BusinessException {@code role.too-powerful}, {@code role.code-reserved} (a built-in
     *                           role's code), {@code role.code-invalid}, {@code role.code-taken} or
     *                           {@code role.name-invalid}
     */
    public Role createCustomRole(long workspaceId, long actorUserId, Set<Permission> actorPermissions, String code, String name,
            Set<Permission> permissions) {
        in(workspaceId);
        if (Role.isReservedCode(code)) {
            throw new BusinessException("role.code-reserved", "That is the code of a built-in role");
        }
        if (!Role.isValidCustomCode(code)) {
            throw new BusinessException("role.code-invalid", "A role code has 2 to 60 lower-case letters, digits or '-'");
        }
        requireNoStrongerThanActor(workspaceId, actorUserId, actorPermissions, permissions, AuditAction.ROLE_CREATE, null);
        if (find(code) != null) {
            throw new BusinessException("role.code-taken", "A role with this code exists already");
        }
        Role role = named(() -> Role.custom(code, name, permissions));
        em.persist(role);
        em.flush();
        changed(workspaceId, actorUserId, AuditAction.ROLE_CREATE, role, EnumSet.noneOf(Permission.class), role.permissions());
        return role;
    }

    /**
     * Renames custom role {@code code} and replaces its permissions. Neither its present nor its
     * new permissions may exceed the actor's: nobody reshapes a role stronger than their own.
     *
     * @throws NotFoundException when the workspace has no role {@code code}
     * @throws BusinessException {@code role.built-in}, {@code role.too-powerful} or {@code role.name-invalid}
     */
    public Role updateCustomRole(long workspaceId, long actorUserId, Set<Permission> actorPermissions, String code, String name,
            Set<Permission> permissions) {
        in(workspaceId);
        Role role = get(code);
        requireCustom(workspaceId, actorUserId, role, AuditAction.ROLE_UPDATE);
        Set<Permission> before = role.permissions();
        requireNoStrongerThanActor(workspaceId, actorUserId, actorPermissions, union(before, permissions), AuditAction.ROLE_UPDATE, role);
        named(() -> {
            role.rename(name);
            return role;
        });
        role.grantOnly(permissions);
        em.flush();
        changed(workspaceId, actorUserId, AuditAction.ROLE_UPDATE, role, before, role.permissions());
        return role;
    }

    /**
     * Deletes custom role {@code code}, which no membership and no invitation may refer to.
     *
     * @throws NotFoundException when the workspace has no role {@code code}
     * @throws BusinessException {@code role.built-in}, {@code role.too-powerful} or {@code role.in-use}
     */
    public void deleteCustomRole(long workspaceId, long actorUserId, Set<Permission> actorPermissions, String code) {
        in(workspaceId);
        Role role = get(code);
        requireCustom(workspaceId, actorUserId, role, AuditAction.ROLE_DELETE);
        requireNoStrongerThanActor(workspaceId, actorUserId, actorPermissions, role.permissions(), AuditAction.ROLE_DELETE, role);
        long memberships = em.createNamedQuery("Membership.countByRole", Long.class).setParameter("role", role).getSingleResult();
        long invitations = em.createNamedQuery("Invitation.countByRole", Long.class).setParameter("role", role).getSingleResult();
        if (memberships + invitations > 0) {
            throw new BusinessException("role.in-use", "The role is held or offered; take it away from everyone first");
        }
        Set<Permission> before = role.permissions();
        em.remove(role);
        em.flush();
        changed(workspaceId, actorUserId, AuditAction.ROLE_DELETE, role, before, EnumSet.noneOf(Permission.class));
    }

    private void in(long workspaceId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
    }

    private Role find(String code) {
        return em.createNamedQuery("Role.findByCode", Role.class).setParameter("code", code).getResultStream().findFirst()
                .orElse(null);
    }

    private Role get(String code) {
        Role role = find(code);
        if (role == null) {
            throw new NotFoundException("Role");
        }
        return role;
    }

    private void requireCustom(long workspaceId, long actorUserId, Role role, AuditAction action) {
        if (role.isBuiltIn()) {
            audit.recordAlone(entry(workspaceId, actorUserId, action, role, AuditOutcome.DENIED).build());
            throw new BusinessException("role.built-in", "Built-in roles cannot be changed");
        }
    }

    private void requireNoStrongerThanActor(long workspaceId, long actorUserId, Set<Permission> actorPermissions,
            Set<Permission> wanted, AuditAction action, Role role) {
        Set<Permission> beyond = EnumSet.noneOf(Permission.class);
        beyond.addAll(wanted);
        beyond.removeAll(actorPermissions);
        if (!beyond.isEmpty()) {
            audit.recordAlone(entry(workspaceId, actorUserId, action, role, AuditOutcome.DENIED).build());
            audit.securityEvent(workspaceId, "role.escalation-refused", Severity.MEDIUM,
                    action.key() + " refused; beyond the actor's role: " + keys(beyond));
            throw new BusinessException("role.too-powerful", "That role would have permissions your active role does not have");
        }
    }

    private void changed(long workspaceId, long actorUserId, AuditAction action, Role role, Set<Permission> before,
            Set<Permission> after) {
        audit.record(entry(workspaceId, actorUserId, action, role, AuditOutcome.SUCCESS)
                .before(action == AuditAction.ROLE_CREATE ? null : snapshot(role, before))
                .after(action == AuditAction.ROLE_DELETE ? null : snapshot(role, after)).build());
        Set<Permission> added = EnumSet.noneOf(Permission.class);
        added.addAll(after);
        added.removeAll(before);
        Set<Permission> removed = EnumSet.noneOf(Permission.class);
        removed.addAll(before);
        removed.removeAll(after);
        audit.securityEvent(workspaceId, action.key(), Severity.MEDIUM,
                "role " + role.code() + "; added: " + keys(added) + "; removed: " + keys(removed));
    }

    private static AuditEntry.Builder entry(long workspaceId, long actorUserId, AuditAction action, Role role,
            AuditOutcome outcome) {
        return AuditEntry.of(action, outcome).in(workspaceId).by(ActorType.USER, actorUserId).via(AuditSource.UI)
                .on(role == null ? null : role.id());
    }

    private static Map<String, Object> snapshot(Role role, Set<Permission> permissions) {
        return Map.of("code", role.code(), "permissions", permissions.stream().map(Permission::key).sorted().toList());
    }

    private static Role named(Supplier<Role> change) {
        try {
            return change.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BusinessException("role.name-invalid", "A role name has 1 to " + Role.NAME_LENGTH + " characters");
        }
    }

    private static Set<Permission> union(Set<Permission> a, Set<Permission> b) {
        Set<Permission> union = EnumSet.noneOf(Permission.class);
        union.addAll(a);
        union.addAll(b);
        return union;
    }

    private static String keys(Set<Permission> permissions) {
        return permissions.isEmpty() ? "none" : permissions.stream().map(Permission::key).collect(Collectors.joining(","));
    }
}
