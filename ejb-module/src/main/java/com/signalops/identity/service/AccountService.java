package com.signalops.identity.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.AccountMembership;
import com.signalops.identity.domain.PasswordHasher;
import com.signalops.identity.domain.PasswordPolicy;
import com.signalops.identity.domain.ScopeType;
import com.signalops.identity.domain.UserAccount;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What a signed-in user does with their own account: change the password, see and correct their own data. */
@Stateless
public class AccountService {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    private final PasswordHasher hasher = new PasswordHasher();
    private final PasswordPolicy policy = new PasswordPolicy();
    private final Clock clock = Clock.systemUTC();

    /**
     * Replaces the password of {@code userId} after checking the current one; the new one must
     * pass the {@link PasswordPolicy}. Both arrays are wiped.
     *
     * @throws BusinessException {@code password.current-wrong} or the policy's code
     */
    public void changePassword(long userId, char[] current, char[] replacement, String clientAddress) {
        try {
            UserAccount user = em.find(UserAccount.class, userId);
            if (user == null) {
                throw new NotFoundException("Account");
            }
            if (!hasher.verify(current, user.passwordHash())) {
                audit.recordAlone(entry(user, AuditOutcome.FAILED, clientAddress));
                throw new BusinessException("password.current-wrong", "The current password is not right");
            }
            policy.problemWith(replacement, user.email()).ifPresent(problem -> {
                throw new BusinessException(problem, "The new password is not acceptable");
            });
            user.setPassword(hasher.hash(replacement), clock.instant());
            audit.record(entry(user, AuditOutcome.SUCCESS, clientAddress));
        } finally {
            Arrays.fill(current, '\0');
            Arrays.fill(replacement, '\0');
        }
    }

    /** The account {@code userId}. */
    public UserAccount profile(long userId) {
        UserAccount user = em.find(UserAccount.class, userId);
        if (user == null) {
            throw new NotFoundException("Account");
        }
        return user;
    }

    /**
     * Corrects the display name of {@code userId} (rectification), audited in every workspace
     * the user belongs to, with the name before and after ({@code workspaceId} the one they act in).
     *
     * @throws BusinessException {@code profile.name-invalid} for an empty or too long name
     */
    public UserAccount rename(long userId, long workspaceId, String newName, String clientAddress) {
        UserAccount user = profile(userId);
        String before = user.displayName();
        try {
            user.rename(newName);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BusinessException("profile.name-invalid", "A display name has 1 to " + UserAccount.NAME_LENGTH + " characters");
        }
        if (!before.equals(user.displayName())) {
            audit.record(AuditEntry.of(AuditAction.USER_UPDATE_PROFILE, AuditOutcome.SUCCESS).in(workspaceId).by(ActorType.USER, userId)
                    .via(AuditSource.UI).on(userId).from(clientAddress).before(Map.of("displayName", before))
                    .after(Map.of("displayName", user.displayName())).build());
        }
        return user;
    }

    /** Every membership of {@code userId}, in every workspace, oldest first. */
    public List<AccountMembership> memberships(long userId) {
        // across workspaces: the account's own view of where it belongs, as sign-in reads it
        List<?> rows = em.createNativeQuery("SELECT m.id, w.id, w.name, r.code, r.name, m.scope_type, m.district_id, m.store_id, "
                + "m.created_at, m.suspended_at FROM membership m JOIN workspace w ON w.id = m.workspace_id "
                + "JOIN role r ON r.workspace_id = m.workspace_id AND r.id = m.role_id WHERE m.user_id = ? ORDER BY m.id")
                .setParameter(1, userId).getResultList();
        List<AccountMembership> memberships = new ArrayList<>();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            memberships.add(new AccountMembership(number(c[0]), number(c[1]), (String) c[2], (String) c[3], (String) c[4],
                    ScopeType.valueOf((String) c[5]), c[6] == null ? null : number(c[6]), c[7] == null ? null : number(c[7]),
                    instant(c[8]), instant(c[9])));
        }
        return memberships;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    /** A UTC DATETIME as a native query returns it. */
    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        LocalDateTime at = value instanceof Timestamp timestamp ? timestamp.toLocalDateTime() : (LocalDateTime) value;
        return at.toInstant(ZoneOffset.UTC);
    }

    private static AuditEntry entry(UserAccount user, AuditOutcome outcome, String clientAddress) {
        return AuditEntry.of(AuditAction.USER_CHANGE_PASSWORD, outcome).by(ActorType.USER, user.id()).via(AuditSource.UI)
                .on(user.id()).from(clientAddress).build();
    }
}
