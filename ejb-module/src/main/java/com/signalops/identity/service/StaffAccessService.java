package com.signalops.identity.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.Membership;
import com.signalops.identity.domain.PlatformStaff;
import com.signalops.identity.domain.SignedIn;
import com.signalops.identity.domain.StaffAccess;
import com.signalops.identity.domain.UserAccount;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.TenantOwned;
import com.signalops.tenancy.domain.Workspace;
import com.signalops.tenancy.service.CrossTenantAccess;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Temporary access of platform staff to a workspace. Only addresses on the configured allowlist
 * ({@value PlatformStaff#CONFIG_PROPERTY}) get it, for a stated reason and a bounded time, with
 * read-only support permissions. Every start, refusal and end is audited and raised as a security
 * event; the workspace's admins list and end the accesses to their workspace.
 */
@Stateless
public class StaffAccessService {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Inject
    @ConfigProperty(name = PlatformStaff.CONFIG_PROPERTY)
    private java.util.Optional<String> allowlist;

    private PlatformStaff staff;
    private Clock clock = Clock.systemUTC();

    public StaffAccessService() {
    }

    /** Outside the container (tests): the given persistence context, audit trail, allowlist and clock. */
    StaffAccessService(EntityManager em, AuditTrail audit, PlatformStaff staff, Clock clock) {
        this.em = em;
        this.audit = audit;
        this.staff = staff;
        this.clock = clock;
    }

    @PostConstruct
    void readAllowlist() {
        // unset (or set empty, which MicroProfile Config also treats as unset) means nobody
        staff = PlatformStaff.parse(allowlist.orElse(""));
    }

    /**
     * Opens access to workspace {@code workspaceId} for the staff member {@code staffUserId}, who signed
     * in as {@code staffEmail}, for {@code duration} ({@link StaffAccess#DEFAULT_DURATION} when null).
     *
     * @return the console session of the access: one read-only support grant, marked temporary
     * @throws BusinessException {@code staff.not-allowed} when the account is not on the allowlist, or a
     *                           {@code staff-access.*} code when the reason or the duration are refused
     * @throws NotFoundException when the workspace does not exist
     */
    public SignedIn begin(long staffUserId, String staffEmail, long workspaceId, String reason, Duration duration) {
        Instant now = clock.instant();
        String actor = Long.toString(staffUserId);
        UserAccount user = em.find(UserAccount.class, staffUserId);
        // the allowlist is checked against the stored account, so a caller cannot borrow a staff address
        if (user == null || staffEmail == null || !user.email().equals(staffEmail.trim().toLowerCase(Locale.ROOT))
                || !staff.isStaff(user.email())) {
            // not on the allowlist: the actor is an ordinary user asking for staff access
            audit.recordAlone(AuditEntry.of(AuditAction.STAFF_ACCESS_START, AuditOutcome.DENIED).in(workspaceId)
                    .by(ActorType.USER, actor).via(AuditSource.UI).on("workspace", workspaceId).build());
            audit.securityEvent(workspaceId, "staff-access.refused", Severity.HIGH,
                    "user " + staffUserId + " is not platform staff, asked for workspace " + workspaceId);
            throw new BusinessException("staff.not-allowed", "Only platform staff can open temporary access to a workspace");
        }
        if (em.find(Workspace.class, workspaceId) == null) {
            throw new NotFoundException("Workspace");
        }
        StaffAccess.problemWith(reason, duration).ifPresent(problem -> {
            throw new BusinessException(problem, "Temporary access needs a reason of " + StaffAccess.REASON_MIN_LENGTH + " to "
                    + StaffAccess.REASON_MAX_LENGTH + " characters and lasts from 5 minutes to 8 hours");
        });
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
        StaffAccess access = new StaffAccess(user, reason, duration, now);
        em.persist(access);
        em.flush();
        audit.record(AuditEntry.of(AuditAction.STAFF_ACCESS_START, AuditOutcome.SUCCESS).in(workspaceId).by(ActorType.STAFF, actor)
                .via(AuditSource.UI).on(access.id()).after(snapshot(access)).build());
        audit.securityEvent(workspaceId, "staff-access.started", Severity.MEDIUM, "user " + staffUserId + ", access "
                + access.id() + ", until " + access.expiresAt() + ", reason: " + access.reason());
        return access.signedIn(workspaceId);
    }

    /**
     * Ends access {@code accessId} to workspace {@code workspaceId} before it expires. {@code actorUserId}
     * is the staff member themselves or someone holding {@link StaffAccess#OVERSIGHT_PERMISSION} there.
     */
    public void end(long workspaceId, long accessId, long actorUserId) {
        Instant now = clock.instant();
        String actor = Long.toString(actorUserId);
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
        StaffAccess access = em.find(StaffAccess.class, accessId);
        if (access == null) {
            CrossTenantAccess.reportIfElsewhere(em, audit, CrossTenantAccess.Table.STAFF_ACCESS, accessId, workspaceId);
            throw new NotFoundException("Staff access");
        }
        boolean self = access.staff().id() == actorUserId;
        if (!self && !oversees(actorUserId)) {
            audit.recordAlone(AuditEntry.of(AuditAction.STAFF_ACCESS_END, AuditOutcome.DENIED).in(workspaceId).by(ActorType.USER, actor)
                    .via(AuditSource.UI).on(accessId).build());
            audit.securityEvent(workspaceId, "staff-access.end-refused", Severity.MEDIUM,
                    "user " + actorUserId + " may not end access " + accessId);
            throw new BusinessException("staff-access.end-not-allowed", "Only the staff member or a workspace admin can end this access");
        }
        if (!access.isActive(now)) {
            throw new BusinessException("staff-access.not-active", "This access is already over");
        }
        Map<String, Object> before = snapshot(access);
        access.end(actorUserId, now);
        // the staff member ends their own access; anyone else ending it is a workspace admin
        audit.record(AuditEntry.of(AuditAction.STAFF_ACCESS_END, AuditOutcome.SUCCESS).in(workspaceId)
                .by(self ? ActorType.STAFF : ActorType.USER, actor).via(AuditSource.UI).on(accessId).before(before)
                .after(snapshot(access)).build());
        audit.securityEvent(workspaceId, self ? "staff-access.ended" : "staff-access.revoked", Severity.LOW,
                "access " + accessId + " of user " + access.staff().id() + " ended by user " + actorUserId);
    }

    /** A temporary access as the audit trail keeps it: who, why, its time box and its end. */
    private static Map<String, Object> snapshot(StaffAccess access) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", access.id());
        values.put("staffUserId", access.staff().id());
        values.put("reason", access.reason());
        values.put("startedAt", access.startedAt().toString());
        values.put("expiresAt", access.expiresAt().toString());
        values.put("endedAt", access.endedAt().map(Instant::toString).orElse(null));
        values.put("endedBy", access.endedBy().orElse(null));
        return values;
    }

    /** The accesses to workspace {@code workspaceId} in force at {@code now}, newest first. */
    public List<StaffAccess> active(long workspaceId, Instant now) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
        return em.createNamedQuery("StaffAccess.findActive", StaffAccess.class).setParameter("now", now).getResultList();
    }

    /** Whether account {@code userId} is platform staff (its email is on the configured allowlist). */
    public boolean isStaff(long userId) {
        UserAccount user = em.find(UserAccount.class, userId);
        return user != null && staff.isStaff(user.email());
    }

    /** The email of staff account {@code userId}, for {@link #begin}; empty for anyone not on the allowlist. */
    public java.util.Optional<String> staffEmail(long userId) {
        UserAccount user = em.find(UserAccount.class, userId);
        return user != null && staff.isStaff(user.email()) ? java.util.Optional.of(user.email()) : java.util.Optional.empty();
    }

    /** Every access to workspace {@code workspaceId}, newest first. */
    public List<StaffAccess> history(long workspaceId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
        return em.createNamedQuery("StaffAccess.findAll", StaffAccess.class).getResultList();
    }

    /** Whether access {@code accessId} to workspace {@code workspaceId} is in force at {@code now}: the per-request check. */
    public boolean isActive(long workspaceId, long accessId, Instant now) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
        StaffAccess access = em.find(StaffAccess.class, accessId);
        return access != null && access.isActive(now);
    }

    /** Whether {@code userId} holds a membership in the current workspace whose role oversees staff access. */
    private boolean oversees(long userId) {
        UserAccount user = em.find(UserAccount.class, userId);
        return user != null && em.createNamedQuery("Membership.findActiveByUser", Membership.class).setParameter("user", user)
                .getResultStream().anyMatch(m -> m.role().allows(StaffAccess.OVERSIGHT_PERMISSION));
    }
}
