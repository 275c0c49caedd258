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
 * One audit record as it is inserted: redacted snapshots, the client address as a digest, the
 * display name cut to its column, and the content digest of canonical form version 3. The insert
 * touches no chain head, so it adds one row to the caller's transaction and nothing more; the
 * {@link AuditSealer} links the committed record into its chain afterwards (V17). {@link AuditTrail}
 * inserts it through JPA, batch jobs through {@link #appendTo} on their connection.
 */
public final class AuditAppend {

    /** The insert, with one placeholder per {@link #parameters()} value. */
    public static final String INSERT = "INSERT INTO audit_record (workspace_id, occurred_at, actor_type, actor_id, actor_name, source, "
            + "action, entity_type, entity_id, outcome, client_address_digest, request_id, before_json, after_json, form_version, "
            + "content_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + AuditRecordCanonicalForm.VERSION_3 + ", ?)";

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
        return new AuditAppend(Arrays.asList(entry.workspaceId(), occurredAt,
                entry.actorType().name(), entry.actorId(), actorName(entry.actorName()), entry.source().name(), entry.action().key(),
                entry.entityType(), entry.entityId(), entry.outcome().name(), addressDigest, requestId, beforeJson, afterJson,
                contentDigest));
    }

    /** The values of {@link #INSERT}'s placeholders, in order (some null). */
    public List<Object> parameters() {
        return parameters;
    }

    /**
     * Inserts the record on {@code connection}, in its current transaction if it has one (a single
     * insert needs none of its own: no chain head is held).
     */
    public void appendTo(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < parameters.size(); i++) {
                insert.setObject(i + 1, parameters.get(i));
            }
            insert.executeUpdate();
        }
    }

    /** The display name cut to its column's width: a name too long must not lose the record. */
    private static String actorName(String name) {
        return name == null || name.length() <= ACTOR_NAME_LENGTH ? name : name.substring(0, ACTOR_NAME_LENGTH);
    }
}
