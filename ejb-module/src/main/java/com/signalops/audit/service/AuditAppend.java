package com.signalops.audit.service;

import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditRecordCanonicalForm;
import com.signalops.audit.domain.AuditRedactor;
import com.signalops.shared.Digests;
import com.signalops.shared.UtcInstantConverter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * One audit record as the {@code audit_append} procedure (V14) takes it: redacted snapshots, the
 * client address as a digest, the display name cut to its column, and the content digest of
 * canonical form version 3. The procedure links it into its chain in the caller's transaction;
 * {@link AuditTrail} calls it through JPA, batch jobs through {@link #appendTo} on their connection.
 */
public final class AuditAppend {

    /** The call, with one placeholder per {@link #parameters()} value. */
    public static final String CALL = "CALL audit_append(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final int ACTOR_NAME_LENGTH = 120;
    private static final UtcInstantConverter UTC = new UtcInstantConverter();

    private final List<Object> parameters;

    private AuditAppend(List<Object> parameters) {
        this.parameters = parameters;
    }

    /**
     * {@code entry}, which happened at {@code at} in request {@code requestId} (may be null); the
     * time is kept, and hashed, at the {@code occurred_at} column's precision (milliseconds, UTC).
     */
    public static AuditAppend of(AuditEntry entry, Instant at, String requestId) {
        LocalDateTime occurredAt = UTC.convertToDatabaseColumn(at.truncatedTo(ChronoUnit.MILLIS));
        String addressDigest = entry.clientAddress() == null ? null : Digests.sha256("address:" + entry.clientAddress());
        String beforeJson = AuditRedactor.DEFAULT.toJson(entry.before());
        String afterJson = AuditRedactor.DEFAULT.toJson(entry.after());
        String contentDigest = Digests.sha256(AuditRecordCanonicalForm.contentOfVersion3(occurredAt, entry.workspaceId(),
                entry.actorType().name(), entry.actorId(), entry.source().name(), entry.action().key(), entry.entityType(),
                entry.entityId(), entry.outcome().name(), addressDigest, requestId, beforeJson, afterJson));
        return new AuditAppend(Arrays.asList(AuditRecordCanonicalForm.chainKey(entry.workspaceId()), entry.workspaceId(), occurredAt,
                entry.actorType().name(), entry.actorId(), actorName(entry.actorName()), entry.source().name(), entry.action().key(),
                entry.entityType(), entry.entityId(), entry.outcome().name(), addressDigest, requestId, beforeJson, afterJson,
                contentDigest));
    }

    /** The values of {@link #CALL}'s placeholders, in order (some null). */
    public List<Object> parameters() {
        return parameters;
    }

    /**
     * Appends the record on {@code connection} in a local transaction of its own (the chain's head
     * must stay locked from reading it to moving it), for a caller outside any transaction.
     */
    public void appendAlone(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            appendTo(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Appends the record on {@code connection}, in its current transaction (never in auto-commit: the head's lock must hold). */
    public void appendTo(Connection connection) throws SQLException {
        try (PreparedStatement call = connection.prepareStatement(CALL)) {
            for (int i = 0; i < parameters.size(); i++) {
                call.setObject(i + 1, parameters.get(i));
            }
            call.execute();
        }
    }

    /** The display name cut to its column's width: a name too long must not lose the record. */
    private static String actorName(String name) {
        return name == null || name.length() <= ACTOR_NAME_LENGTH ? name : name.substring(0, ACTOR_NAME_LENGTH);
    }
}
