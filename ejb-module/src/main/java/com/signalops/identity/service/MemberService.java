package com.signalops.identity.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.Member;
import com.signalops.identity.domain.Membership;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.Role;
import com.signalops.identity.domain.ScopeType;
import com.signalops.identity.domain.UserAccount;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.District;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The users of a workspace and what they hold there. Accounts are global: suspending a user
 * suspends their memberships in this workspace only, and their other workspaces go on. Nobody
 * grants, revokes or suspends anything stronger than their own active role, nobody suspends
 * themselves, and the workspace always keeps one active workspace-wide admin. Every change is
 * audited; grants and revocations are also raised as security events.
 */
@Stateless
public class MemberService {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    private final Clock clock = Clock.systemUTC();

    /** The members of workspace {@code workspaceId}, by name, each with every membership they hold there. */
    public List<Member> members(long workspaceId) {
        in(workspaceId);
        Map<Long, List<Membership>> byUser = new LinkedHashMap<>();
        for (Membership membership : em.createNamedQuery("Membership.findAll", Membership.class).getResultList()) {
            byUser.computeIfAbsent(membership.user().id(), id -> new ArrayList<>()).add(membership);
        }
        return byUser.values().stream().map(Member::of).toList();
    }

    /**
     * Suspends {@code userId} in this workspace: none of their memberships here gives access any
     * more; their account and other workspaces are untouched.
     *
     * @throws NotFoundException when the user is no member of this workspace
     * @throws BusinessException {@code member.self}, {@code member.too-powerful} or {@code member.last-admin}
     */
    public Member suspend(long workspaceId, long actorUserId, Set<Permission> actorPermissions, long userId) {
        List<Membership> memberships = memberships(workspaceId, actorUserId, actorPermissions, userId, AuditAction.MEMBER_SUSPEND);
        requireAnAdminLeft(workspaceId, actorUserId, AuditAction.MEMBER_SUSPEND, "user", userId, m -> !m.user().id().equals(userId));
        Map<String, Object> before = snapshot(userId, memberships);
        Instant now = clock.instant();
        memberships.forEach(m -> m.suspend(now));
        em.flush();
        audit.record(entry(workspaceId, actorUserId, AuditAction.MEMBER_SUSPEND, "user", userId, AuditOutcome.SUCCESS)
                .before(before).after(snapshot(userId, memberships)).build());
        return Member.of(memberships);
    }

    /**
     * Lets {@code userId}'s memberships in this workspace give access again.
     *
     * @throws NotFoundException when the user is no member of this workspace
     * @throws BusinessException {@code member.self} or {@code member.too-powerful}
     */
    public Member reinstate(long workspaceId, long actorUserId, Set<Permission> actorPermissions, long userId) {
        List<Membership> memberships = memberships(workspaceId, actorUserId, actorPermissions, userId, AuditAction.MEMBER_REINSTATE);
        Map<String, Object> before = snapshot(userId, memberships);
        memberships.forEach(Membership::reinstate);
        em.flush();
        audit.record(entry(workspaceId, actorUserId, AuditAction.MEMBER_REINSTATE, "user", userId, AuditOutcome.SUCCESS)
                .before(before).after(snapshot(userId, memberships)).build());
        return Member.of(memberships);
    }

    /**
     * Gives member {@code userId} role {@code roleCode} over {@code scope}: the whole workspace,
     * district {@code districtId} or store {@code storeId}. New people join through invitations,
     * so the user must be a member of this workspace already, and not suspended.
     *
     * @return the new membership's id
     * @throws NotFoundException when the user is no member here, or the district or store is not of this workspace
     * @throws BusinessException {@code role.unknown}, {@code role.too-powerful}, {@code member.suspended},
     *                           {@code membership.scope-invalid} or {@code membership.duplicate}
     */
    public long grantRole(long workspaceId, long actorUserId, Set<Permission> actorPermissions, long userId, String roleCode,
            ScopeType scope, Long districtId, Long storeId) {
        in(workspaceId);
        List<Membership> existing = existing(userId);
        Role role = em.createNamedQuery("Role.findByCode", Role.class).setParameter("code", roleCode).getResultStream().findFirst()
                .orElseThrow(() -> new BusinessException("role.unknown", "No such role"));
        if (!role.isNoStrongerThan(actorPermissions)) {
            refuse(workspaceId, actorUserId, AuditAction.MEMBERSHIP_GRANT, "role", role.id(), "role.too-powerful",
                    "That role has permissions your active role does not have");
        }
        if (existing.stream().allMatch(Membership::isSuspended)) {
            throw new BusinessException("member.suspended", "The member is suspended here; reinstate them first");
        }
        if (existing.stream().anyMatch(m -> m.sameGrantAs(role, scope, districtId, storeId))) {
            throw new BusinessException("membership.duplicate", "The member holds this role over this scope already");
        }
        UserAccount user = existing.get(0).user();
        Instant now = clock.instant();
        requireScope(scope != null);
        Membership membership = switch (scope) {
            case WORKSPACE -> {
                requireScope(districtId == null && storeId == null);
                yield Membership.ofWorkspace(user, role, now);
            }
            case DISTRICT -> {
                requireScope(districtId != null && storeId == null);
                yield Membership.ofDistrict(user, role, found(em.find(District.class, districtId), "District"), now);
            }
            case STORE -> {
                requireScope(storeId != null && districtId == null);
                yield Membership.ofStore(user, role, found(em.find(Store.class, storeId), "Store"), now);
            }
        };
        em.persist(membership);
        em.flush();
        audit.record(entry(workspaceId, actorUserId, AuditAction.MEMBERSHIP_GRANT, "membership", membership.id(), AuditOutcome.SUCCESS)
                .after(snapshot(membership)).build());
        audit.securityEvent(workspaceId, "membership.grant", Severity.MEDIUM, describe(membership));
        return membership.id();
    }

    /**
     * Takes membership {@code membershipId} away. The last active workspace-wide admin stays.
     *
     * @throws NotFoundException when the workspace has no such membership
     * @throws BusinessException {@code role.too-powerful} or {@code member.last-admin}
     */
    public void revokeMembership(long workspaceId, long actorUserId, Set<Permission> actorPermissions, long membershipId) {
        in(workspaceId);
        Membership membership = found(em.find(Membership.class, membershipId), "Membership");
        if (!membership.role().isNoStrongerThan(actorPermissions)) {
            refuse(workspaceId, actorUserId, AuditAction.MEMBERSHIP_REVOKE, "membership", membershipId, "role.too-powerful",
                    "That membership's role has permissions your active role does not have");
        }
        requireAnAdminLeft(workspaceId, actorUserId, AuditAction.MEMBERSHIP_REVOKE, "membership", membershipId,
                m -> !m.id().equals(membershipId));
        String description = describe(membership);
        Map<String, Object> before = snapshot(membership);
        em.remove(membership);
        em.flush();
        audit.record(entry(workspaceId, actorUserId, AuditAction.MEMBERSHIP_REVOKE, "membership", membershipId, AuditOutcome.SUCCESS)
                .before(before).build());
        audit.securityEvent(workspaceId, "membership.revoke", Severity.MEDIUM, description);
    }

    private void in(long workspaceId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
    }

    /** The memberships here of {@code userId}, whom the actor may suspend or reinstate. */
    private List<Membership> memberships(long workspaceId, long actorUserId, Set<Permission> actorPermissions, long userId,
            AuditAction action) {
        in(workspaceId);
        if (actorUserId == userId) {
            throw new BusinessException("member.self", "You cannot do this to yourself");
        }
        List<Membership> memberships = existing(userId);
        if (memberships.stream().anyMatch(m -> !m.role().isNoStrongerThan(actorPermissions))) {
            refuse(workspaceId, actorUserId, action, "user", userId, "member.too-powerful",
                    "The member holds permissions your active role does not have");
        }
        return memberships;
    }

    private List<Membership> existing(long userId) {
        List<Membership> memberships = em.createNamedQuery("Membership.findByUserId", Membership.class)
                .setParameter("userId", userId).getResultList();
        if (memberships.isEmpty()) {
            throw new NotFoundException("Member");
        }
        return memberships;
    }

    /**
     * Refuses a change after which no active workspace-wide admin would be left, i.e. none that
     * {@code stays}. The admins' rows are locked, so two admins cannot remove each other at once.
     */
    private void requireAnAdminLeft(long workspaceId, long actorUserId, AuditAction action, String entityType, long entityId,
            Predicate<Membership> stays) {
        List<Membership> admins = em.createNamedQuery("Membership.findActiveWorkspaceAdmins", Membership.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (!admins.isEmpty() && admins.stream().noneMatch(stays)) {
            refuse(workspaceId, actorUserId, action, entityType, entityId, "member.last-admin",
                    "The workspace would have no active admin left");
        }
    }

    private void refuse(long workspaceId, long actorUserId, AuditAction action, String entityType, long entityId, String code,
            String message) {
        audit.recordAlone(entry(workspaceId, actorUserId, action, entityType, entityId, AuditOutcome.DENIED).build());
        throw new BusinessException(code, message);
    }

    private static void requireScope(boolean consistent) {
        if (!consistent) {
            throw new BusinessException("membership.scope-invalid",
                    "A workspace scope names no district or store, a district scope one district, a store scope one store");
        }
    }

    private static <T> T found(T row, String what) {
        if (row == null) {
            throw new NotFoundException(what);
        }
        return row;
    }

    /** A membership for a security event: ids, role code and scope, nothing personal. */
    private static String describe(Membership membership) {
        return "membership " + membership.id() + " of user " + membership.user().id() + ": role " + membership.role().code()
                + " over " + membership.scope() + membership.district().map(d -> " " + d.id()).orElse("")
                + membership.store().map(s -> " " + s.id()).orElse("");
    }

    private static AuditEntry.Builder entry(long workspaceId, long actorUserId, AuditAction action, String entityType, long entityId,
            AuditOutcome outcome) {
        return AuditEntry.of(action, outcome).in(workspaceId).by(ActorType.USER, actorUserId).via(AuditSource.UI)
                .on(entityType, entityId);
    }

    /** A membership as the audit trail keeps it: ids, role and scope, whether suspended. */
    private static Map<String, Object> snapshot(Membership membership) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", membership.id());
        values.put("userId", membership.user().id());
        values.put("role", membership.role().code());
        values.put("scope", membership.scope().name());
        values.put("districtId", membership.district().map(District::id).orElse(null));
        values.put("storeId", membership.store().map(Store::id).orElse(null));
        values.put("suspended", membership.isSuspended());
        return values;
    }

    /** A member of this workspace as the audit trail keeps it: their memberships here. */
    private static Map<String, Object> snapshot(long userId, List<Membership> memberships) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("userId", userId);
        values.put("memberships", memberships.stream().map(MemberService::snapshot).toList());
        return values;
    }
}
