package com.signalops.identity.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.domain.Severity;
import com.signalops.identity.domain.BuiltInRole;
import com.signalops.identity.domain.Membership;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.PlatformStaff;
import com.signalops.identity.domain.Role;
import com.signalops.identity.domain.SignedIn;
import com.signalops.identity.domain.StaffAccess;
import com.signalops.identity.domain.UserAccount;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.Workspace;
import com.signalops.testing.JpaTestDatabase;
import com.signalops.testing.RecordingAuditTrail;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Platform staff reach a workspace only through time-boxed access with a reason, listed to that
 * workspace's admins and to nobody else, audited at every step; everyone else is refused.
 */
class StaffAccessServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final String REASON = "Ticket 4711: the leak report of store A-01 is empty";
    private static final PlatformStaff STAFF = PlatformStaff.parse("Ana@SignalOps.io, ben@signalops.io");

    private static JpaTestDatabase db;
    private static long workspaceA;
    private static long workspaceB;
    private static long ana;
    private static long ben;
    private static long mallory;
    private static long adminOfA;
    private static long repOfA;

    private final RecordingAuditTrail audit = new RecordingAuditTrail();

    @BeforeAll
    static void workspacesAndPeople() throws SQLException {
        db = JpaTestDatabase.start("signalops_staff_access");
        workspaceA = db.withoutWorkspace(em -> persist(em, new Workspace("Alpha Outfitters", NOW)).id());
        workspaceB = db.withoutWorkspace(em -> persist(em, new Workspace("Beta Goods", NOW)).id());
        ana = db.withoutWorkspace(em -> persist(em, new UserAccount("ana@signalops.io", "Ana Support", NOW)).id());
        ben = db.withoutWorkspace(em -> persist(em, new UserAccount("ben@signalops.io", "Ben Support", NOW)).id());
        mallory = db.withoutWorkspace(em -> persist(em, new UserAccount("mallory@example.com", "Mallory", NOW)).id());
        adminOfA = member(workspaceA, "admin@alpha.example", BuiltInRole.ADMIN);
        repOfA = member(workspaceA, "rep@alpha.example", BuiltInRole.REP);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void noAccessLeftOpen() {
        db.withoutWorkspace(em -> em.createNativeQuery("DELETE FROM staff_access").executeUpdate());
    }

    @Test
    void someoneNotOnTheAllowlistIsRefusedAndTheRefusalIsAudited() {
        BusinessException refused = assertThrows(BusinessException.class,
                () -> call(NOW, s -> s.begin(mallory, "mallory@example.com", workspaceA, REASON, null)));
        assertEquals("staff.not-allowed", refused.code());
        assertEquals(List.of(AuditEntry.of(AuditAction.STAFF_ACCESS_START, AuditOutcome.DENIED).in(workspaceA)
                .by(ActorType.USER, mallory).via(AuditSource.UI).on("workspace", workspaceA).build()), audit.entries);
        assertEquals(1, audit.events.size());
        assertEquals("staff-access.refused", audit.events.get(0).type());
        assertEquals(Severity.HIGH, audit.events.get(0).severity());
        assertTrue(history(workspaceA).isEmpty());
    }

    @Test
    void aStaffAddressClaimedForAnotherAccountIsRefused() {
        BusinessException refused = assertThrows(BusinessException.class,
                () -> call(NOW, s -> s.begin(mallory, "ana@signalops.io", workspaceA, REASON, null)));
        assertEquals("staff.not-allowed", refused.code());
        assertEquals("staff-access.refused", audit.events.get(0).type());
    }

    @Test
    void nobodyIsStaffWhenTheListIsBlank() {
        assertThrows(BusinessException.class, () -> db.withoutWorkspace(em -> new StaffAccessService(em, audit,
                PlatformStaff.parse(""), Clock.fixed(NOW, ZoneOffset.UTC)).begin(ana, "ana@signalops.io", workspaceA, REASON, null)));
    }

    @Test
    void anUnknownWorkspaceIsNotFound() {
        assertThrows(NotFoundException.class, () -> call(NOW, s -> s.begin(ana, "ana@signalops.io", workspaceB + 1000, REASON, null)));
    }

    @Test
    void staffAccessIsListedInItsWorkspaceOnlyAndAudited() {
        SignedIn session = call(NOW, s -> s.begin(ana, "ANA@signalops.io ", workspaceA, REASON, null));

        assertTrue(session.isTemporaryAccess());
        assertEquals(ana, session.userId());
        assertEquals(workspaceA, session.workspaceId());
        assertEquals(NOW.plus(Duration.ofHours(1)), session.temporaryAccess().expiresAt());
        long accessId = session.temporaryAccess().accessId();

        List<StaffAccess> active = call(NOW.plusSeconds(60), s -> s.active(workspaceA, NOW.plusSeconds(60)));
        assertEquals(1, active.size());
        assertEquals("ana@signalops.io", active.get(0).staff().email());
        assertEquals("Ana Support", active.get(0).staff().displayName());
        assertEquals(REASON, active.get(0).reason());
        assertEquals(NOW, active.get(0).startedAt());
        assertEquals(workspaceA, active.get(0).workspaceId());

        assertTrue(call(NOW, s -> s.active(workspaceB, NOW)).isEmpty());
        assertTrue(history(workspaceB).isEmpty());
        assertFalse(isActive(workspaceB, accessId, NOW), "not a pass into another workspace");

        Map<String, Object> after = new LinkedHashMap<>();
        after.put("id", accessId);
        after.put("staffUserId", ana);
        after.put("reason", REASON);
        after.put("startedAt", NOW.toString());
        after.put("expiresAt", NOW.plus(Duration.ofHours(1)).toString());
        after.put("endedAt", null);
        after.put("endedBy", null);
        assertEquals(List.of(AuditEntry.of(AuditAction.STAFF_ACCESS_START, AuditOutcome.SUCCESS).in(workspaceA)
                .by(ActorType.STAFF, ana).via(AuditSource.UI).on(accessId).after(after).build()), audit.entries);
        RecordingAuditTrail.Event started = audit.events.get(0);
        assertEquals("staff-access.started", started.type());
        assertEquals(Severity.MEDIUM, started.severity());
        assertEquals(workspaceA, started.workspaceId());
        assertTrue(started.details().contains(REASON), started.details());
    }

    @Test
    void theSessionHoldsOnlyTheReadOnlySupportGrant() {
        SignedIn session = call(NOW, s -> s.begin(ana, "ana@signalops.io", workspaceA, REASON, null));
        assertEquals(1, session.grants().size());
        SignedIn.Grant grant = session.grants().get(0);
        assertEquals(StaffAccess.SUPPORT_PERMISSIONS, grant.permissions());
        for (Permission manage : List.of(Permission.USERS_MANAGE, Permission.ROLES_MANAGE, Permission.API_KEYS_MANAGE,
                Permission.PRIVACY_MANAGE, Permission.EXPORTS_REQUEST, Permission.EXPORTS_DOWNLOAD, Permission.SETTINGS_MANAGE)) {
            assertFalse(grant.permissions().contains(manage), manage.key());
        }
    }

    @Test
    void accessExpiresAfterItsDuration() {
        long accessId = call(NOW, s -> s.begin(ana, "ana@signalops.io", workspaceA, REASON, Duration.ofMinutes(30)))
                .temporaryAccess().accessId();
        Instant expiry = NOW.plus(Duration.ofMinutes(30));
        assertTrue(isActive(workspaceA, accessId, expiry.minusMillis(1)));
        assertFalse(isActive(workspaceA, accessId, expiry));
        assertTrue(call(NOW, s -> s.active(workspaceA, expiry)).isEmpty());
        assertEquals(1, history(workspaceA).size(), "an expired access stays in the history");
        BusinessException over = assertThrows(BusinessException.class, () -> call(expiry, s -> {
            s.end(workspaceA, accessId, ana);
            return null;
        }));
        assertEquals("staff-access.not-active", over.code());
    }

    @Test
    void staffEndTheirAccessEarly() {
        long accessId = call(NOW, s -> s.begin(ana, "ana@signalops.io", workspaceA, REASON, null)).temporaryAccess().accessId();
        audit.clear();
        Instant later = NOW.plus(Duration.ofMinutes(20));
        call(later, s -> {
            s.end(workspaceA, accessId, ana);
            return null;
        });
        assertFalse(isActive(workspaceA, accessId, later.plusMillis(1)));
        StaffAccess ended = history(workspaceA).get(0);
        assertEquals(later, ended.endedAt().orElseThrow());
        assertEquals(ana, ended.endedBy().orElseThrow());
        assertEquals(AuditAction.STAFF_ACCESS_END, audit.entries.get(0).action());
        assertEquals(ActorType.STAFF, audit.entries.get(0).actorType());
        assertEquals("staff-access.ended", audit.events.get(0).type());
    }

    @Test
    void aWorkspaceAdminRevokesItButNeitherARepNorAnotherStaffMemberCan() {
        long accessId = call(NOW, s -> s.begin(ana, "ana@signalops.io", workspaceA, REASON, null)).temporaryAccess().accessId();
        audit.clear();
        for (long notAllowed : List.of(repOfA, ben)) {
            BusinessException refused = assertThrows(BusinessException.class, () -> call(NOW.plusSeconds(60), s -> {
                s.end(workspaceA, accessId, notAllowed);
                return null;
            }));
            assertEquals("staff-access.end-not-allowed", refused.code());
        }
        assertEquals(List.of(AuditOutcome.DENIED, AuditOutcome.DENIED), audit.entries.stream().map(AuditEntry::outcome).toList());
        assertTrue(isActive(workspaceA, accessId, NOW.plusSeconds(61)));

        audit.clear();
        call(NOW.plusSeconds(120), s -> {
            s.end(workspaceA, accessId, adminOfA);
            return null;
        });
        assertFalse(isActive(workspaceA, accessId, NOW.plusSeconds(121)));
        assertEquals(adminOfA, history(workspaceA).get(0).endedBy().orElseThrow());
        assertEquals("staff-access.revoked", audit.events.get(0).type());
    }

    @Test
    void anotherWorkspaceCannotEndIt() {
        long accessId = call(NOW, s -> s.begin(ana, "ana@signalops.io", workspaceA, REASON, null)).temporaryAccess().accessId();
        assertThrows(NotFoundException.class, () -> call(NOW, s -> {
            s.end(workspaceB, accessId, ana);
            return null;
        }));
        assertTrue(isActive(workspaceA, accessId, NOW.plusSeconds(1)));
    }

    @Test
    void durationAndReasonAreBounded() {
        assertEquals("staff-access.duration-too-long", assertThrows(BusinessException.class,
                () -> call(NOW, s -> s.begin(ana, "ana@signalops.io", workspaceA, REASON, Duration.ofHours(8).plusMinutes(1)))).code());
        assertEquals("staff-access.duration-too-short", assertThrows(BusinessException.class,
                () -> call(NOW, s -> s.begin(ana, "ana@signalops.io", workspaceA, REASON, Duration.ofMinutes(4)))).code());
        assertEquals("staff-access.reason-required", assertThrows(BusinessException.class,
                () -> call(NOW, s -> s.begin(ana, "ana@signalops.io", workspaceA, "  ", null))).code());
        assertEquals("staff-access.reason-too-long", assertThrows(BusinessException.class,
                () -> call(NOW, s -> s.begin(ana, "ana@signalops.io", workspaceA, "x".repeat(501), null))).code());
        SignedIn longest = call(NOW, s -> s.begin(ana, "ana@signalops.io", workspaceA, REASON, Duration.ofHours(8)));
        assertEquals(NOW.plus(Duration.ofHours(8)), longest.temporaryAccess().expiresAt());
        assertEquals(1, history(workspaceA).size());
    }

    /** Calls the service in one transaction, as the container would, with the clock at {@code now}. */
    private <T> T call(Instant now, Function<StaffAccessService, T> work) {
        return db.withoutWorkspace(em -> work.apply(new StaffAccessService(em, audit, STAFF, Clock.fixed(now, ZoneOffset.UTC))));
    }

    private boolean isActive(long workspaceId, long accessId, Instant at) {
        return call(at, s -> s.isActive(workspaceId, accessId, at));
    }

    private List<StaffAccess> history(long workspaceId) {
        return call(NOW, s -> s.history(workspaceId));
    }

    private static long member(long workspaceId, String email, BuiltInRole builtIn) {
        long user = db.withoutWorkspace(em -> persist(em, new UserAccount(email, "Member", NOW)).id());
        db.runInWorkspace(workspaceId, em -> {
            Role role = em.createNamedQuery("Role.findByCode", Role.class).setParameter("code", builtIn.code()).getResultStream()
                    .findFirst().orElseGet(() -> persist(em, Role.builtIn(builtIn)));
            persist(em, Membership.ofWorkspace(em.find(UserAccount.class, user), role, NOW));
        });
        return user;
    }

    private static <T> T persist(EntityManager em, T entity) {
        em.persist(entity);
        em.flush();
        return entity;
    }
}
