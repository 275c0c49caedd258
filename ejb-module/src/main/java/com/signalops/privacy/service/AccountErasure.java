package com.signalops.privacy.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.UserAccount;
import com.signalops.privacy.domain.DeletionOrigin;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SignalOps user's erasure of their own account, confirmed by typing their email: a deletion
 * request of kind USER (it belongs to no workspace, so it is kept by native SQL on its table),
 * audited {@code deletion-request.open} in the platform's chain and carried out by the
 * {@code data-deletion} job on its next run: audit records keep a pseudonym, memberships and
 * invitations go, the account keeps neither email, name nor password.
 */
@Stateless
public class AccountErasure {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    private Clock clock = Clock.systemUTC();

    /**
     * Requests the erasure of user {@code userId}'s account; answers the request's id.
     *
     * @throws BusinessException ({@code account-erasure.confirmation}) when {@code typedEmail} is not the account's email,
     *         ({@code account-erasure.already-requested}) when an erasure is open already
     */
    public long request(long userId, String typedEmail) {
        UserAccount account = Optional.ofNullable(em.find(UserAccount.class, userId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new NotFoundException("user"));
        if (typedEmail == null || !UserAccount.normaliseEmail(typedEmail).equals(account.email())) {
            throw new BusinessException("account-erasure.confirmation", "Type your account's email exactly to confirm its erasure");
        }
        if (open(userId).isPresent()) {
            throw new BusinessException("account-erasure.already-requested", "The erasure of your account is already requested");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant due = now.plus(DeletionOrigin.CONSOLE.deadline());
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        em.createNativeQuery("INSERT INTO deletion_request (kind, user_id, origin, requested_by, received_at, act_after, due_at, status) "
                + "VALUES ('USER', ?, 'CONSOLE', ?, ?, ?, ?, 'PENDING')").setParameter(1, userId).setParameter(2, Long.toString(userId))
                .setParameter(3, at).setParameter(4, at).setParameter(5, LocalDateTime.ofInstant(due, ZoneOffset.UTC)).executeUpdate();
        long requestId = open(userId).orElseThrow();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("kind", "USER");
        after.put("received_at", now.toString());
        after.put("due_at", due.toString());
        after.put("status", "PENDING");
        audit.record(AuditEntry.of(AuditAction.DELETION_REQUEST_OPEN, AuditOutcome.SUCCESS).by(ActorType.USER, userId)
                .via(AuditSource.UI).on(requestId).after(after).build());
        return requestId;
    }

    /** The open erasure request of user {@code userId}, if any. */
    public Optional<Long> open(long userId) {
        List<?> ids = em.createNativeQuery("SELECT id FROM deletion_request WHERE kind = 'USER' AND user_id = ? "
                + "AND status IN ('PENDING', 'RUNNING')").setParameter(1, userId).getResultList();
        return ids.stream().findFirst().map(id -> ((Number) id).longValue());
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }
}
