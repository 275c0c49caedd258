package com.signalops.audit.service;

import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditRecordCanonicalForm;
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
import java.time.temporal.ChronoUnit;

/**
 * Writes audit records and security events. {@link #record} joins the caller's transaction, so
 * that a change and its record commit or roll back together; {@link #recordAlone} and
 * {@link #securityEvent} commit on their own, for denied or failed attempts. Each workspace's
 * records (and those of no workspace, chain 0) form a hash chain that {@link AuditChainVerifier}
 * checks; the database refuses to update or delete them.
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

    /**
     * Records {@code entry} in a transaction of its own. Not after {@link #record} of the same
     * workspace in the caller's transaction: that transaction holds the chain's head until it ends,
     * so this one would wait for it until the database's lock wait timeout.
     */
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
     * Appends {@code entry} to its chain: the chain's head row is locked until the transaction
     * ends, so that writers of one chain take turns and every record follows the one before it.
     */
    private void insert(AuditEntry entry) {
        long chainKey = AuditRecordCanonicalForm.chainKey(entry.workspaceId());
        LocalDateTime occurredAt = now();
        // creates the head of a new chain, or locks the existing one, in one statement
        em.createNativeQuery("INSERT INTO audit_chain_head (chain_key, seq, record_hash, updated_at) VALUES (?, 0, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE chain_key = chain_key")
                .setParameter(1, chainKey)
                .setParameter(2, AuditRecordCanonicalForm.GENESIS)
                .setParameter(3, occurredAt)
                .executeUpdate();
        Object[] head = (Object[]) em.createNativeQuery("SELECT seq, record_hash FROM audit_chain_head WHERE chain_key = ? FOR UPDATE")
                .setParameter(1, chainKey)
                .getSingleResult();
        long seq = ((Number) head[0]).longValue() + 1;
        String prevHash = (String) head[1];
        String addressDigest = entry.clientAddress() == null ? null : Digests.sha256("address:" + entry.clientAddress());
        String recordHash = Digests.sha256(AuditRecordCanonicalForm.of(seq, prevHash, occurredAt, entry.workspaceId(),
                entry.actorType(), entry.actorId(), entry.source(), entry.action(), entry.entityType(), entry.entityId(),
                entry.outcome(), addressDigest));
        em.createNativeQuery("INSERT INTO audit_record (workspace_id, seq, prev_hash, record_hash, occurred_at, actor_type, "
                        + "actor_id, source, action, entity_type, entity_id, outcome, client_address_digest) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .setParameter(1, entry.workspaceId())
                .setParameter(2, seq)
                .setParameter(3, prevHash)
                .setParameter(4, recordHash)
                .setParameter(5, occurredAt)
                .setParameter(6, entry.actorType())
                .setParameter(7, entry.actorId())
                .setParameter(8, entry.source())
                .setParameter(9, entry.action())
                .setParameter(10, entry.entityType())
                .setParameter(11, entry.entityId())
                .setParameter(12, entry.outcome())
                .setParameter(13, addressDigest)
                .executeUpdate();
        em.createNativeQuery("UPDATE audit_chain_head SET seq = ?, record_hash = ?, updated_at = ? WHERE chain_key = ?")
                .setParameter(1, seq)
                .setParameter(2, recordHash)
                .setParameter(3, occurredAt)
                .setParameter(4, chainKey)
                .executeUpdate();
    }

    /** Now, at the precision of the {@code occurred_at} columns, so that the hashed value is the stored one. */
    private LocalDateTime now() {
        return UTC.convertToDatabaseColumn(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
