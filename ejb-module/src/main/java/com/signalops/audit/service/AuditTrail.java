package com.signalops.audit.service;

import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.Severity;
import com.signalops.shared.Digests;
import com.signalops.shared.UtcInstantConverter;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;

/**
 * Writes audit records and security events. {@link #record} joins the caller's transaction, so
 * that a change and its record commit or roll back together; {@link #recordAlone} and
 * {@link #securityEvent} commit on their own, for denied or failed attempts.
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

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordAlone(AuditEntry entry) {
        insert(entry);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void securityEvent(Long workspaceId, String type, Severity severity, String details) {
        em.createNativeQuery("INSERT INTO security_event (workspace_id, occurred_at, type, severity, details) VALUES (?, ?, ?, ?, ?)")
                .setParameter(1, workspaceId)
                .setParameter(2, now())
                .setParameter(3, type)
                .setParameter(4, severity.name())
                .setParameter(5, details == null ? null : details.substring(0, Math.min(details.length(), 500)))
                .executeUpdate();
    }

    private void insert(AuditEntry entry) {
        em.createNativeQuery("INSERT INTO audit_record (workspace_id, occurred_at, actor_type, actor_id, source, action, "
                        + "entity_type, entity_id, outcome, client_address_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .setParameter(1, entry.workspaceId())
                .setParameter(2, now())
                .setParameter(3, entry.actorType())
                .setParameter(4, entry.actorId())
                .setParameter(5, entry.source())
                .setParameter(6, entry.action())
                .setParameter(7, entry.entityType())
                .setParameter(8, entry.entityId())
                .setParameter(9, entry.outcome())
                .setParameter(10, entry.clientAddress() == null ? null : Digests.sha256("address:" + entry.clientAddress()))
                .executeUpdate();
    }

    private LocalDateTime now() {
        return UTC.convertToDatabaseColumn(clock.instant());
    }
}
