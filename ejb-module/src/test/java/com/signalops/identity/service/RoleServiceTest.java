package com.signalops.identity.service;

import static com.signalops.identity.domain.Permission.JOBS_RUN;
import static com.signalops.identity.domain.Permission.LEAKS_TRIAGE;
import static com.signalops.identity.domain.Permission.LEAKS_VIEW;
import static com.signalops.identity.domain.Permission.STORES_VIEW;
import static com.signalops.identity.domain.Permission.USERS_MANAGE;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.signalops.identity.domain.BuiltInRole;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.Role;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.testing.AuditRows;
import com.signalops.testing.JpaTestDatabase;
import com.signalops.testing.WorkspaceBuilder;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Custom roles: nobody makes or reshapes a role stronger than their own active role, built-in
 * roles never change, a role in use is not deleted, and every change leaves an audit record and
 * a security event naming the permissions added and removed.
 */
class RoleServiceTest {

    private static final long ACTOR = 77;
    private static final Set<Permission> ADMIN = BuiltInRole.ADMIN.permissions();
    private static final Set<Permission> MANAGER = BuiltInRole.MANAGER.permissions();

    private static JpaTestDatabase db;

    @BeforeAll
    static void start() throws SQLException {
        db = JpaTestDatabase.start("signalops_roles");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void listsTheBuiltInRolesFirstWithTheirPermissions() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Listing roles");
        roles(s -> s.createCustomRole(ws.id(), ACTOR, ADMIN, "auditor", "Auditor", EnumSet.of(Permission.AUDIT_VIEW)));
        List<Role> roles = roles(s -> s.roles(ws.id()));
        assertEquals(List.of("admin", "district_manager", "manager", "rep", "auditor"), roles.stream().map(Role::code).toList());
        assertEquals(EnumSet.allOf(Permission.class), roles.get(0).permissions());
        assertEquals(BuiltInRole.REP.permissions(), roles.get(3).permissions());
        assertEquals(EnumSet.of(Permission.AUDIT_VIEW), roles.get(4).permissions());
    }

    @Test
    void aCustomRoleWithinTheActorsPermissionsIsCreatedAuditedAndRaised() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Creating roles");
        Role role = roles(s -> s.createCustomRole(ws.id(), ACTOR, MANAGER, "triager", "Triager", EnumSet.of(LEAKS_VIEW, STORES_VIEW)));
        assertEquals(EnumSet.of(STORES_VIEW, LEAKS_VIEW), roles(s -> s.roles(ws.id())).stream()
                .filter(r -> r.code().equals("triager")).findFirst().orElseThrow().permissions());
        assertEquals(List.of("role.create role:" + role.id() + " SUCCESS by " + ACTOR), AuditRows.records(db, ws.id()));
        assertEquals(List.of("role.create MEDIUM: role triager; added: stores.view,leaks.view; removed: none"),
                AuditRows.securityEvents(db, ws.id()));
    }

    @Test
    void aRoleStrongerThanTheActorsIsRefused() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Escalation");
        assertRefused("role.too-powerful", () -> roles(s -> s.createCustomRole(ws.id(), ACTOR, MANAGER, "boss", "Boss",
                EnumSet.of(LEAKS_VIEW, USERS_MANAGE))));
        assertEquals(List.of("admin", "district_manager", "manager", "rep"), roles(s -> s.roles(ws.id())).stream().map(Role::code).toList());
        assertEquals(List.of("role.create role:- DENIED by " + ACTOR), AuditRows.records(db, ws.id()));
        assertEquals(List.of("role.escalation-refused MEDIUM: role.create refused; beyond the actor's role: users.manage"),
                AuditRows.securityEvents(db, ws.id()));
    }

    @Test
    void builtInCodesAreReservedAndBadCodesAndNamesRefused() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Codes");
        Set<Permission> some = EnumSet.of(LEAKS_VIEW);
        assertAll(
                () -> assertRefused("role.code-reserved", () -> create(ws, "admin", "Admin 2", some)),
                () -> assertRefused("role.code-reserved", () -> create(ws, "Manager", "Manager 2", some)),
                () -> assertRefused("role.code-reserved", () -> create(ws, "district-manager", "DM", some)),
                () -> assertRefused("role.code-reserved", () -> create(ws, "district_manager", "DM", some)),
                () -> assertRefused("role.code-invalid", () -> create(ws, "x", "Too short", some)),
                () -> assertRefused("role.code-invalid", () -> create(ws, "Has Space", "Space", some)),
                () -> assertRefused("role.name-invalid", () -> create(ws, "nameless", "  ", some)));
        create(ws, "analyst", "Analyst", some);
        assertRefused("role.code-taken", () -> create(ws, "analyst", "Analyst again", some));
        assertEquals(5, roles(s -> s.roles(ws.id())).size());
    }

    @Test
    void builtInRolesCannotBeChangedOrDeleted() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Built-in");
        for (BuiltInRole builtIn : BuiltInRole.values()) {
            assertRefused("role.built-in", () -> roles(s -> s.updateCustomRole(ws.id(), ACTOR, ADMIN, builtIn.code(), "Renamed",
                    EnumSet.of(LEAKS_VIEW))));
            assertRefused("role.built-in", () -> delete(ws, ADMIN, builtIn.code()));
        }
        List<Role> roles = roles(s -> s.roles(ws.id()));
        assertEquals(List.of("Admin", "District manager", "Manager", "Rep"), roles.stream().map(Role::name).toList());
        assertEquals(BuiltInRole.REP.permissions(), roles.get(3).permissions());
        assertEquals(List.of(), AuditRows.securityEvents(db, ws.id()));
    }

    @Test
    void anUpdateNamesWhatItAddedAndRemoved() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Updating");
        Role role = create(ws, "support", "Support", EnumSet.of(STORES_VIEW, LEAKS_VIEW));
        Role updated = roles(s -> s.updateCustomRole(ws.id(), ACTOR, MANAGER, "support", "Support desk",
                EnumSet.of(STORES_VIEW, LEAKS_TRIAGE)));
        assertEquals("Support desk", updated.name());
        assertEquals(EnumSet.of(STORES_VIEW, LEAKS_TRIAGE), updated.permissions());
        assertEquals("role.update MEDIUM: role support; added: leaks.triage; removed: leaks.view",
                AuditRows.securityEvents(db, ws.id()).get(1));
        assertEquals("role.update role:" + role.id() + " SUCCESS by " + ACTOR, AuditRows.records(db, ws.id()).get(1));
    }

    @Test
    void nobodyReshapesARoleStrongerThanTheirOwn() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Reshaping");
        create(ws, "operator", "Operator", EnumSet.of(LEAKS_VIEW, JOBS_RUN));
        create(ws, "viewer", "Viewer", EnumSet.of(LEAKS_VIEW));
        // adding what the actor lacks
        assertRefused("role.too-powerful", () -> roles(s -> s.updateCustomRole(ws.id(), ACTOR, MANAGER, "viewer", "Viewer",
                EnumSet.of(LEAKS_VIEW, USERS_MANAGE))));
        // or touching a role that holds what the actor lacks (a manager has no jobs.run), even to weaken it
        assertRefused("role.too-powerful", () -> roles(s -> s.updateCustomRole(ws.id(), ACTOR, MANAGER, "operator", "Operator",
                EnumSet.of(LEAKS_VIEW))));
        assertRefused("role.too-powerful", () -> delete(ws, MANAGER, "operator"));
        List<Role> roles = roles(s -> s.roles(ws.id()));
        assertEquals(EnumSet.of(LEAKS_VIEW, JOBS_RUN), find(roles, "operator").permissions());
        assertEquals(EnumSet.of(LEAKS_VIEW), find(roles, "viewer").permissions());
    }

    @Test
    void aRoleInUseIsNotDeletedAndAnUnusedOneIs() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Deleting");
        Role used = create(ws, "used", "Used", EnumSet.of(LEAKS_VIEW));
        Role unused = create(ws, "unused", "Unused", EnumSet.of(LEAKS_VIEW, STORES_VIEW));
        ws.memberOverWorkspace(WorkspaceBuilder.account(db, "holder@deleting.test"), "used");
        assertRefused("role.in-use", () -> delete(ws, ADMIN, "used"));
        delete(ws, ADMIN, "unused");
        assertEquals(List.of("used"), roles(s -> s.roles(ws.id())).stream().filter(r -> !r.isBuiltIn()).map(Role::code).toList());
        assertEquals("role.delete role:" + unused.id() + " SUCCESS by " + ACTOR, AuditRows.records(db, ws.id()).get(2));
        assertEquals("role.delete MEDIUM: role unused; added: none; removed: stores.view,leaks.view",
                AuditRows.securityEvents(db, ws.id()).get(2));
        assertEquals(used.id(), find(roles(s -> s.roles(ws.id())), "used").id());
    }

    @Test
    void anotherWorkspacesRoleIsNotFound() {
        WorkspaceBuilder mine = WorkspaceBuilder.workspace(db, "Mine");
        WorkspaceBuilder theirs = WorkspaceBuilder.workspace(db, "Theirs");
        create(theirs, "theirs-only", "Theirs only", EnumSet.of(LEAKS_VIEW));
        assertThrows(NotFoundException.class, () -> roles(s -> s.updateCustomRole(mine.id(), ACTOR, ADMIN, "theirs-only", "Mine now",
                EnumSet.of(LEAKS_VIEW))));
        assertThrows(NotFoundException.class, () -> delete(mine, ADMIN, "theirs-only"));
        assertThrows(NotFoundException.class, () -> delete(mine, ADMIN, "never-was"));
        assertEquals("Theirs only", find(roles(s -> s.roles(theirs.id())), "theirs-only").name());
    }

    private static <T> T roles(Function<RoleService, T> call) {
        return db.call(RoleService::new, call);
    }

    private static Role create(WorkspaceBuilder ws, String code, String name, Set<Permission> permissions) {
        return roles(s -> s.createCustomRole(ws.id(), ACTOR, ADMIN, code, name, permissions));
    }

    private static void delete(WorkspaceBuilder ws, Set<Permission> actorPermissions, String code) {
        roles(s -> {
            s.deleteCustomRole(ws.id(), ACTOR, actorPermissions, code);
            return null;
        });
    }

    private static Role find(List<Role> roles, String code) {
        return roles.stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    private static void assertRefused(String code, Executable call) {
        BusinessException refused = assertThrows(BusinessException.class, call);
        assertEquals(code, refused.code(), refused.getMessage());
    }
}
