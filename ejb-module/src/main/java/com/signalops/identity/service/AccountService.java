package com.signalops.identity.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.PasswordHasher;
import com.signalops.identity.domain.PasswordPolicy;
import com.signalops.identity.domain.UserAccount;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Arrays;

/** What a signed-in user does with their own account. */
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

    private static AuditEntry entry(UserAccount user, AuditOutcome outcome, String clientAddress) {
        return AuditEntry.of(AuditAction.USER_CHANGE_PASSWORD, outcome).by(ActorType.USER, user.id()).via(AuditSource.UI)
                .on(user.id()).from(clientAddress).build();
    }
}
