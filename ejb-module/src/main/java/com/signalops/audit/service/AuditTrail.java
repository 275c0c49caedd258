package com.signalops.audit.service;

import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.Severity;
import com.signalops.shared.RequestIds;
import com.signalops.shared.UtcInstantConverter;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes audit records and security events. {@link #record} joins the caller's transaction, so
 * that a change and its record commit or roll back together; {@link #recordAlone} and
 * {@link #securityEvent} commit on their own, for denied or failed attempts. Each workspace's
 * records (and those of no workspace, chain 0) form a hash chain that {@link AuditSealer} links
 * after commit and {@link AuditChainVerifier} checks; the database refuses to update or delete them. A record names the current
 * {@link RequestIds request id}, keeps its before and after snapshots as {@link AuditRedactor}
 * redacts them, and is hashed in canonical form version 3 ({@link AuditAppend}).
 */
@Stateless
public class AuditTrail {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    private static final UtcInstantConverter UTC = new UtcInstantConverter();

    private final Clock clock = Clock.systemUTC();

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(AuditEntry entry) {
        insert(entry);
    }

    /** Records {@code entry} in a transaction of its own, for a denied or failed attempt. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordAlone(AuditEntry entry) {
        insert(entry);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void securityEvent(Long workspaceId, String type, Severity severity, String details) {
        em.createNativeQuery(SecurityEvents.INSERT)
                .setParameter(1, workspaceId)
                .setParameter(2, now())
                .setParameter(3, type)
                .setParameter(4, severity.name())
                .setParameter(5, SecurityEvents.fitted(details))
                .executeUpdate();
    }

    /**
     * Inserts {@code entry} with its content digest, one row and no lock beyond it: the
     * {@link AuditSealer} links it into its chain once the transaction has committed.
     */
    private void insert(AuditEntry given) {
        AuditEntry entry = CurrentActor.complete(given);
        List<Object> parameters = AuditAppend.of(entry, clock.instant(), RequestIds.current().orElse(null)).parameters();
        Query call = em.createNativeQuery(AuditAppend.INSERT);
        for (int i = 0; i < parameters.size(); i++) {
            call.setParameter(i + 1, parameters.get(i));
        }
        call.executeUpdate();
    }

    /** Now, at the precision of the {@code occurred_at} column of security events. */
    private LocalDateTime now() {
        return UTC.convertToDatabaseColumn(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
