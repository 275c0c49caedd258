package com.signalops.audit.domain;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.StringJoiner;

/**
 * The text an audit record's {@code record_hash} is the SHA-256 of: its chain key, position,
 * predecessor's hash and every stored field, NULL as {@code -} and any other value as
 * {@code <length in characters>:<value>}, joined by {@code |}, so that no two different records
 * share a text. Migration V9 writes the same form in SQL, once, to hash the records that existed
 * before the chain; the two must stay equal.
 * <p>
 * A record's {@code form_version} says which form its hash is of: version 1 (records written
 * before V10) covers the fields above; version 2 adds the request id and the before and after JSON
 * at the end. Neither covers {@code actor_name}, so that a display name can be corrected or erased.
 */
public final class AuditRecordCanonicalForm {

    /** The form of records written before V10. */
    public static final int VERSION_1 = 1;
    /** The form {@link com.signalops.audit.service.AuditTrail} writes. */
    public static final int VERSION_2 = 2;

    /** The {@code prev_hash} of the first record of a chain. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter OCCURRED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private AuditRecordCanonicalForm() {
    }

    /** The chain a record of {@code workspaceId} belongs to: the workspace's id, or 0 for none. */
    public static long chainKey(Long workspaceId) {
        return workspaceId == null ? 0L : workspaceId;
    }

    /** The version 1 canonical form of a record as stored ({@code occurredAt} at the column's precision, milliseconds). */
    public static String of(long seq, String prevHash, LocalDateTime occurredAt, Long workspaceId, String actorType,
            String actorId, String source, String action, String entityType, String entityId, String outcome,
            String clientAddressDigest) {
        StringJoiner form = new StringJoiner("|");
        form.add(Long.toString(chainKey(workspaceId)));
        form.add(Long.toString(seq));
        form.add(prevHash);
        form.add(field(workspaceId == null ? null : workspaceId.toString()));
        form.add(OCCURRED_AT.format(occurredAt));
        for (String value : new String[] {actorType, actorId, source, action, entityType, entityId, outcome, clientAddressDigest}) {
            form.add(field(value));
        }
        return form.toString();
    }

    /** The version 2 canonical form: version 1's, then the request id, the before JSON and the after JSON. */
    public static String ofVersion2(long seq, String prevHash, LocalDateTime occurredAt, Long workspaceId, String actorType,
            String actorId, String source, String action, String entityType, String entityId, String outcome,
            String clientAddressDigest, String requestId, String beforeJson, String afterJson) {
        return of(seq, prevHash, occurredAt, workspaceId, actorType, actorId, source, action, entityType, entityId, outcome,
                clientAddressDigest) + "|" + field(requestId) + "|" + field(beforeJson) + "|" + field(afterJson);
    }

    private static String field(String value) {
        return value == null ? "-" : value.codePointCount(0, value.length()) + ":" + value;
    }
}
