package com.signalops.audit.service;

import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditRecordCanonicalForm;
import com.signalops.audit.domain.AuditRedactor;
import com.signalops.audit.domain.Severity;
import com.signalops.shared.Digests;
import com.signalops.shared.RequestIds;
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
 * checks; the database refuses to update or delete them. A record names the current
 * {@link RequestIds request id}, keeps its before and after snapshots as {@link AuditRedactor}
 * redacts them, and is hashed in canonical form version 2.
 */
@Stateless
public class AuditTrail {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    private static final UtcInstantConverter UTC = new UtcInstantConverter();
    private static final int ACTOR_NAME_LENGTH = 120;

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
        String requestId = RequestIds.current().orElse(null);
        String beforeJson = AuditRedactor.DEFAULT.toJson(entry.before());
        String afterJson = AuditRedactor.DEFAULT.toJson(entry.after());
        String recordHash = Digests.sha256(AuditRecordCanonicalForm.ofVersion2(seq, prevHash, occurredAt, entry.workspaceId(),
                entry.actorType().name(), entry.actorId(), entry.source().name(), entry.action().key(), entry.entityType(),
                entry.entityId(), entry.outcome().name(), addressDigest, requestId, beforeJson, afterJson));
        em.createNativeQuery("INSERT INTO audit_record (workspace_id, seq, prev_hash, record_hash, occurred_at, actor_type, "
                        + "actor_id, actor_name, source, action, entity_type, entity_id, outcome, client_address_digest, request_id, "
                        + "before_json, after_json, form_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .setParameter(1, entry.workspaceId())
                .setParameter(2, seq)
                .setParameter(3, prevHash)
                .setParameter(4, recordHash)
                .setParameter(5, occurredAt)
                .setParameter(6, entry.actorType().name())
                .setParameter(7, entry.actorId())
                .setParameter(8, actorName(entry.actorName()))
                .setParameter(9, entry.source().name())
                .setParameter(10, entry.action().key())
                .setParameter(11, entry.entityType())
                .setParameter(12, entry.entityId())
                .setParameter(13, entry.outcome().name())
                .setParameter(14, addressDigest)
                .setParameter(15, requestId)
                .setParameter(16, beforeJson)
                .setParameter(17, afterJson)
                .setParameter(18, AuditRecordCanonicalForm.VERSION_2)
                .executeUpdate();
        em.createNativeQuery("UPDATE audit_chain_head SET seq = ?, record_hash = ?, updated_at = ? WHERE chain_key = ?")
                .setParameter(1, seq)
                .setParameter(2, recordHash)
                .setParameter(3, occurredAt)
                .setParameter(4, chainKey)
                .executeUpdate();
    }

    /** The display name cut to its column's width: a name too long must not lose the record. */
    private static String actorName(String name) {
        return name == null || name.length() <= ACTOR_NAME_LENGTH ? name : name.substring(0, ACTOR_NAME_LENGTH);
    }

    /** Now, at the precision of the {@code occurred_at} columns, so that the hashed value is the stored one. */
    private LocalDateTime now() {
        return UTC.convertToDatabaseColumn(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
