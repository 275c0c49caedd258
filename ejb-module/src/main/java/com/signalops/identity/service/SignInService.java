package com.signalops.identity.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.LoginThrottle;
import com.signalops.identity.domain.Membership;
import com.signalops.identity.domain.PasswordHasher;
import com.signalops.identity.domain.SignedIn;
import com.signalops.identity.domain.UserAccount;
import com.signalops.shared.Digests;
import com.signalops.shared.UtcInstantConverter;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Checks a sign-in against the stored password under the brute-force limits. An unknown
 * account, a wrong password and a refused (locked) attempt answer alike and take alike: a
 * password hash is computed every time. Every attempt is recorded, audited and, when it fails,
 * raised as a security event.
 */
@Stateless
public class SignInService {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    private static final UtcInstantConverter UTC = new UtcInstantConverter();

    private final PasswordHasher hasher = new PasswordHasher();
    private final LoginThrottle throttle = new LoginThrottle();
    private final Clock clock = Clock.systemUTC();

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<SignedIn> signIn(String email, char[] password, String clientAddress) {
        Instant now = clock.instant();
        String normalised = normalised(email);
        String account = Digests.sha256("account:" + (normalised == null ? String.valueOf(email) : normalised));
        String address = Digests.sha256("address:" + clientAddress);
        boolean refused = throttle.refuses(failures("account_digest", account, now), failures("address_digest", address, now), now);
        UserAccount user = normalised == null ? null : em.createNamedQuery("UserAccount.findByEmail", UserAccount.class)
                .setParameter("email", normalised).getResultStream().findFirst().orElse(null);
        boolean matches;
        if (user != null && user.passwordHash() != null) {
            matches = hasher.verify(password, user.passwordHash());
        } else {
            hasher.verifyDummy(password);
            matches = false;
        }
        boolean success = !refused && matches && user.canSignIn();
        em.createNativeQuery("INSERT INTO login_attempt (account_digest, address_digest, attempted_at, succeeded) VALUES (?, ?, ?, ?)")
                .setParameter(1, account).setParameter(2, address).setParameter(3, utc(now)).setParameter(4, success)
                .executeUpdate();
        String actorId = user == null ? null : user.id().toString();
        if (!success) {
            audit.record(AuditEntry.of(AuditAction.SESSION_SIGN_IN, refused ? AuditOutcome.DENIED : AuditOutcome.FAILED)
                    .by(ActorType.USER, actorId).via(AuditSource.UI).on(actorId).from(clientAddress).build());
            audit.securityEvent(null, refused ? "sign-in.refused-locked" : "sign-in.failed", refused ? Severity.MEDIUM : Severity.LOW,
                    "account " + account.substring(0, 12) + ", address " + address.substring(0, 12));
            return Optional.empty();
        }
        if (hasher.needsRehash(user.passwordHash())) {
            user.setPassword(hasher.hash(password), now);
        }
        SignedIn signedIn = access(user);
        audit.record(AuditEntry.of(AuditAction.SESSION_SIGN_IN, AuditOutcome.SUCCESS).in(signedIn.workspaceId())
                .by(ActorType.USER, actorId).named(user.displayName()).via(AuditSource.UI).on(actorId).from(clientAddress).build());
        return Optional.of(signedIn);
    }

    /** The workspaces where account {@code userId} holds a membership that is not suspended, by name. */
    public List<SignedIn.WorkspaceChoice> workspacesOf(long userId) {
        // which workspaces an account belongs to is an identity question, asked across workspaces
        List<?> rows = em.createNativeQuery("SELECT DISTINCT w.id, w.name FROM membership m JOIN workspace w ON w.id = m.workspace_id "
                        + "WHERE m.user_id = ? AND m.suspended_at IS NULL ORDER BY w.name, w.id")
                .setParameter(1, userId).getResultList();
        return rows.stream().map(row -> (Object[]) row)
                .map(row -> new SignedIn.WorkspaceChoice(((Number) row[0]).longValue(), (String) row[1])).toList();
    }

    /**
     * Enters workspace {@code workspaceId} for a signed-in account that belongs to it: what its
     * memberships there give. Empty (and audited as denied) when it does not belong there.
     */
    public Optional<SignedIn> enter(long userId, long workspaceId) {
        UserAccount user = em.find(UserAccount.class, userId);
        boolean member = user != null && user.canSignIn()
                && workspacesOf(userId).stream().anyMatch(choice -> choice.id() == workspaceId);
        audit.record(AuditEntry.of(AuditAction.SESSION_ENTER_WORKSPACE, member ? AuditOutcome.SUCCESS : AuditOutcome.DENIED)
                .in(member ? workspaceId : null).by(ActorType.USER, userId).via(AuditSource.UI).on(workspaceId).build());
        return member ? Optional.of(access(user, workspaceId)) : Optional.empty();
    }

    /**
     * Whether account {@code userId} may still be in workspace {@code workspaceId}: the account
     * may sign in and holds a membership there that is not suspended. Asked on every console
     * request, so that a suspension or a disabled account ends open sessions at once.
     */
    public boolean stillBelongs(long userId, long workspaceId) {
        UserAccount user = em.find(UserAccount.class, userId);
        if (user == null || !user.canSignIn()) {
            return false;
        }
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
        return em.createNamedQuery("Membership.countActiveOfUser", Long.class).setParameter("userId", userId).getSingleResult() > 0;
    }

    /**
     * What {@code user} holds in the first of their workspaces (by name) where they have a
     * membership that is not suspended; suspended memberships give nothing.
     */
    private SignedIn access(UserAccount user) {
        List<SignedIn.WorkspaceChoice> workspaces = workspacesOf(user.id());
        if (workspaces.isEmpty()) {
            return new SignedIn(user.id(), user.displayName(), null, List.of());
        }
        return access(user, workspaces.get(0).id());
    }

    private SignedIn access(UserAccount user, long workspaceId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
        List<SignedIn.Grant> grants = em.createNamedQuery("Membership.findActiveByUser", Membership.class).setParameter("user", user)
                .getResultList().stream()
                .map(m -> new SignedIn.Grant(m.role().code(), m.role().name(), m.scope(),
                        m.district().map(d -> d.id()).orElse(null), m.store().map(s -> s.id()).orElse(null), m.role().permissions(),
                        m.store().map(s -> s.storeCode()).orElse(null)))
                .toList();
        return new SignedIn(user.id(), user.displayName(), workspaceId, grants);
    }

    private List<Instant> failures(String column, String digest, Instant now) {
        return em.createNativeQuery("SELECT attempted_at FROM login_attempt WHERE " + column + " = ? AND succeeded = FALSE "
                        + "AND attempted_at >= ?")
                .setParameter(1, digest).setParameter(2, utc(now.minus(LoginThrottle.LOOKBACK)))
                .getResultList().stream().map(SignInService::toInstant).toList();
    }

    private static String normalised(String email) {
        try {
            return UserAccount.normaliseEmail(email);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return UTC.convertToDatabaseColumn(instant);
    }

    /** A UTC DATETIME as a native query returns it (the driver gives a Timestamp). */
    private static Instant toInstant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return UTC.convertToEntityAttribute(timestamp.toLocalDateTime());
        }
        if (value instanceof LocalDateTime local) {
            return UTC.convertToEntityAttribute(local);
        }
        throw new IllegalStateException("Unexpected time value " + value);
    }
}
