package com.signalops.identity.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.identity.domain.BuiltInRole;
import com.signalops.identity.domain.Member;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.Role;
import com.signalops.identity.domain.ScopeType;
import com.signalops.identity.domain.SignedIn;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.testing.AuditRows;
import com.signalops.testing.JpaTestDatabase;
import com.signalops.testing.WorkspaceBuilder;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The users of a workspace: suspension is per workspace (the account and its other workspaces go
 * on), nobody suspends themselves or acts beyond their own role, and a workspace always keeps an
 * active workspace-wide admin.
 */
class MemberServiceTest {

    private static final Set<Permission> ADMIN = BuiltInRole.ADMIN.permissions();
    private static final Set<Permission> DISTRICT_MANAGER = BuiltInRole.DISTRICT_MANAGER.permissions();

    private static JpaTestDatabase db;

    @BeforeAll
    static void start() throws SQLException {
        db = JpaTestDatabase.start("signalops_members");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void listsEachMemberWithTheirMembershipsHere() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Listing");
        long north = ws.district("North");
        long store = ws.store("L-01", north);
        long ann = WorkspaceBuilder.account(db, "ann@listing.test");
        long bob = WorkspaceBuilder.account(db, "bob@listing.test");
        long annAdmin = ws.memberOverWorkspace(ann, "admin");
        long bobManager = ws.memberOverDistrict(bob, "district_manager", north);
        long bobRep = ws.memberOverStore(bob, "rep", store);
        WorkspaceBuilder.workspace(db, "Elsewhere").memberOverWorkspace(bob, "admin");

        List<Member> members = members(s -> s.members(ws.id()));

        assertEquals(List.of(
                new Member(ann, "ann", "ann@listing.test", Member.Status.ACTIVE,
                        List.of(new Member.Held(annAdmin, "admin", "Admin", ScopeType.WORKSPACE, null, null, false))),
                new Member(bob, "bob", "bob@listing.test", Member.Status.ACTIVE, List.of(
                        new Member.Held(bobManager, "district_manager", "District manager", ScopeType.DISTRICT, north, null, false),
                        new Member.Held(bobRep, "rep", "Rep", ScopeType.STORE, null, store, false)))), members);
    }

    @Test
    void aUserSuspendedInOneWorkspaceSignsInToTheirOtherWorkspace() {
        WorkspaceBuilder first = WorkspaceBuilder.workspace(db, "First");
        WorkspaceBuilder second = WorkspaceBuilder.workspace(db, "Second");
        long admin = WorkspaceBuilder.account(db, "admin@first.test");
        long dana = WorkspaceBuilder.account(db, "dana@both.test");
        first.memberOverWorkspace(admin, "admin");
        first.memberOverWorkspace(dana, "manager");
        second.memberOverWorkspace(dana, "rep");
        assertEquals(first.id(), signIn("dana@both.test").workspaceId());

        Member suspended = members(s -> s.suspend(first.id(), admin, ADMIN, dana));

        assertEquals(Member.Status.SUSPENDED, suspended.status());
        SignedIn signedIn = signIn("dana@both.test");
        assertEquals(second.id(), signedIn.workspaceId());
        assertEquals(List.of("rep"), signedIn.grants().stream().map(SignedIn.Grant::roleCode).toList());
        assertEquals(Member.Status.ACTIVE, memberOf(second.id(), dana).status(), "the other workspace is not affected");

        members(s -> s.reinstate(first.id(), admin, ADMIN, dana));
        assertEquals(first.id(), signIn("dana@both.test").workspaceId());
        assertEquals(List.of("member.suspend user:" + dana + " SUCCESS by " + admin,
                "member.reinstate user:" + dana + " SUCCESS by " + admin),
                AuditRows.records(db, first.id()).stream().filter(r -> r.startsWith("member.")).toList());
        assertEquals(List.of(), AuditRows.records(db, second.id()).stream().filter(r -> r.startsWith("member.")).toList());
    }

    @Test
    void aUserSuspendedInTheirOnlyWorkspaceGetsNoGrant() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Only");
        long admin = WorkspaceBuilder.account(db, "admin@only.test");
        long eve = WorkspaceBuilder.account(db, "eve@only.test");
        ws.memberOverWorkspace(admin, "admin");
        ws.memberOverWorkspace(eve, "manager");
        ws.memberOverWorkspace(eve, "rep");

        members(s -> s.suspend(ws.id(), admin, ADMIN, eve));

        SignedIn signedIn = signIn("eve@only.test");
        assertNull(signedIn.workspaceId());
        assertEquals(List.of(), signedIn.grants());
        assertTrue(memberOf(ws.id(), eve).memberships().stream().allMatch(Member.Held::suspended));
    }

    @Test
    void nobodySuspendsThemselvesOrSomeoneStrongerOrSomeoneOfAnotherWorkspace() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Guarded");
        long north = ws.district("North");
        long admin = WorkspaceBuilder.account(db, "admin@guarded.test");
        long manager = WorkspaceBuilder.account(db, "manager@guarded.test");
        long stranger = WorkspaceBuilder.account(db, "stranger@elsewhere.test");
        ws.memberOverWorkspace(admin, "admin");
        ws.memberOverDistrict(manager, "district_manager", north);
        WorkspaceBuilder.workspace(db, "Elsewhere 2").memberOverWorkspace(stranger, "rep");

        assertRefused("member.self", () -> members(s -> s.suspend(ws.id(), admin, ADMIN, admin)));
        assertRefused("member.self", () -> members(s -> s.reinstate(ws.id(), admin, ADMIN, admin)));
        assertRefused("member.too-powerful", () -> members(s -> s.suspend(ws.id(), manager, DISTRICT_MANAGER, admin)));
        assertThrows(NotFoundException.class, () -> members(s -> s.suspend(ws.id(), admin, ADMIN, stranger)));
        assertThrows(NotFoundException.class, () -> members(s -> s.suspend(ws.id(), admin, ADMIN, 987_654_321L)));
        assertEquals(Member.Status.ACTIVE, memberOf(ws.id(), admin).status());
        assertEquals(List.of("member.suspend user:" + admin + " DENIED by " + manager), AuditRows.records(db, ws.id()));
    }

    @Test
    void theLastActiveWorkspaceAdminCanBeNeitherSuspendedNorRevoked() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Last admin");
        long north = ws.district("North");
        long ann = WorkspaceBuilder.account(db, "ann@last.test");
        long zed = WorkspaceBuilder.account(db, "zed@last.test");
        long annAdmin = ws.memberOverWorkspace(ann, "admin");
        long zedAdmin = ws.memberOverWorkspace(zed, "admin");
        // an admin over one district only does not keep the workspace administrable
        ws.memberOverDistrict(zed, "admin", north);

        members(s -> s.suspend(ws.id(), ann, ADMIN, zed));
        assertRefused("member.last-admin", () -> members(s -> s.suspend(ws.id(), zed, ADMIN, ann)));
        assertRefused("member.last-admin", () -> revoke(s -> s.revokeMembership(ws.id(), ann, ADMIN, annAdmin)));

        members(s -> s.reinstate(ws.id(), ann, ADMIN, zed));
        revoke(s -> s.revokeMembership(ws.id(), ann, ADMIN, annAdmin));
        assertRefused("member.last-admin", () -> revoke(s -> s.revokeMembership(ws.id(), zed, ADMIN, zedAdmin)));
        assertEquals(Member.Status.ACTIVE, memberOf(ws.id(), zed).status());
        assertEquals(List.of("member.suspend user:" + zed + " SUCCESS by " + ann,
                "member.suspend user:" + ann + " DENIED by " + zed,
                "membership.revoke membership:" + annAdmin + " DENIED by " + ann,
                "member.reinstate user:" + zed + " SUCCESS by " + ann,
                "membership.revoke membership:" + annAdmin + " SUCCESS by " + ann,
                "membership.revoke membership:" + zedAdmin + " DENIED by " + zed), AuditRows.records(db, ws.id()));
    }

    @Test
    void aRoleIsGrantedOverAScopeOfThisWorkspaceNoStrongerThanTheGrantersOwn() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Grants");
        long north = ws.district("North");
        long store = ws.store("G-01", north);
        WorkspaceBuilder other = WorkspaceBuilder.workspace(db, "Other grants");
        long districtOfOther = other.district("North");
        long manager = WorkspaceBuilder.account(db, "manager@grants.test");
        long fay = WorkspaceBuilder.account(db, "fay@grants.test");
        long stranger = WorkspaceBuilder.account(db, "stranger@grants.test");
        ws.memberOverDistrict(manager, "district_manager", north);
        ws.memberOverStore(fay, "rep", store);
        other.memberOverWorkspace(stranger, "rep");

        assertRefused("role.too-powerful",
                () -> grant(ws, manager, DISTRICT_MANAGER, fay, "admin", ScopeType.DISTRICT, north, null));
        assertThrows(NotFoundException.class, () -> grant(ws, manager, DISTRICT_MANAGER, fay, "manager", ScopeType.DISTRICT,
                districtOfOther, null));
        assertThrows(NotFoundException.class, () -> grant(ws, manager, DISTRICT_MANAGER, stranger, "rep", ScopeType.STORE, null, store));
        assertRefused("role.unknown", () -> grant(ws, manager, DISTRICT_MANAGER, fay, "no-such-role", ScopeType.WORKSPACE, null, null));
        assertRefused("membership.scope-invalid", () -> grant(ws, manager, DISTRICT_MANAGER, fay, "manager", ScopeType.DISTRICT, null,
                store));
        assertRefused("membership.duplicate", () -> grant(ws, manager, DISTRICT_MANAGER, fay, "rep", ScopeType.STORE, null, store));

        long granted = grant(ws, manager, DISTRICT_MANAGER, fay, "manager", ScopeType.DISTRICT, north, null);

        assertEquals(List.of("rep", "manager"), memberOf(ws.id(), fay).memberships().stream().map(Member.Held::roleCode).toList());
        assertEquals(List.of("membership.grant role:" + roleId(ws, "admin") + " DENIED by " + manager,
                "membership.grant membership:" + granted + " SUCCESS by " + manager), AuditRows.records(db, ws.id()));
        assertEquals(List.of("membership.grant MEDIUM: membership " + granted + " of user " + fay + ": role manager over DISTRICT "
                + north), AuditRows.securityEvents(db, ws.id()));
    }

    @Test
    void aSuspendedMemberIsReinstatedBeforeGettingMoreRoles() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Suspended grants");
        long admin = WorkspaceBuilder.account(db, "admin@suspended.test");
        long gus = WorkspaceBuilder.account(db, "gus@suspended.test");
        ws.memberOverWorkspace(admin, "admin");
        ws.memberOverWorkspace(gus, "rep");
        members(s -> s.suspend(ws.id(), admin, ADMIN, gus));
        assertRefused("member.suspended", () -> grant(ws, admin, ADMIN, gus, "manager", ScopeType.WORKSPACE, null, null));
    }

    @Test
    void aMembershipIsRevokedByNoOneWeakerThanItsRole() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Revokes");
        long north = ws.district("North");
        long admin = WorkspaceBuilder.account(db, "admin@revokes.test");
        long manager = WorkspaceBuilder.account(db, "manager@revokes.test");
        long hal = WorkspaceBuilder.account(db, "hal@revokes.test");
        ws.memberOverWorkspace(admin, "admin");
        ws.memberOverDistrict(manager, "district_manager", north);
        long halAdmin = ws.memberOverDistrict(hal, "admin", north);
        long halRep = ws.memberOverWorkspace(hal, "rep");

        assertRefused("role.too-powerful", () -> revoke(s -> s.revokeMembership(ws.id(), manager, DISTRICT_MANAGER, halAdmin)));
        revoke(s -> s.revokeMembership(ws.id(), manager, DISTRICT_MANAGER, halRep));
        assertThrows(NotFoundException.class, () -> revoke(s -> s.revokeMembership(ws.id(), manager, DISTRICT_MANAGER, halRep)));

        assertEquals(List.of(halAdmin), memberOf(ws.id(), hal).memberships().stream().map(Member.Held::membershipId).toList());
        assertEquals(List.of("membership.revoke MEDIUM: membership " + halRep + " of user " + hal + ": role rep over WORKSPACE"),
                AuditRows.securityEvents(db, ws.id()));
    }

    private static <T> T members(Function<MemberService, T> call) {
        return db.call(MemberService::new, call);
    }

    private static void revoke(Consumer<MemberService> call) {
        members(s -> {
            call.accept(s);
            return null;
        });
    }

    private static long grant(WorkspaceBuilder ws, long actor, Set<Permission> actorPermissions, long userId, String role,
            ScopeType scope, Long districtId, Long storeId) {
        return members(s -> s.grantRole(ws.id(), actor, actorPermissions, userId, role, scope, districtId, storeId));
    }

    private static Member memberOf(long workspaceId, long userId) {
        return members(s -> s.members(workspaceId)).stream().filter(m -> m.userId() == userId).findFirst().orElseThrow();
    }

    private static long roleId(WorkspaceBuilder ws, String code) {
        return db.inWorkspace(ws.id(), em -> em.createNamedQuery("Role.findByCode", Role.class).setParameter("code", code)
                .getSingleResult().id());
    }

    private static SignedIn signIn(String email) {
        return db.call(SignInService::new, s -> s.signIn(email, WorkspaceBuilder.PASSWORD.toCharArray(), "127.0.0.1")).orElseThrow();
    }

    private static void assertRefused(String code, Executable call) {
        BusinessException refused = assertThrows(BusinessException.class, call);
        assertEquals(code, refused.code(), refused.getMessage());
    }
}
