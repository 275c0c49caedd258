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
 * at the end. Version 3 (since V14) hashes in two steps: the writer hashes the record's content
 * ({@link #contentOfVersion3}: version 2's fields without chain key, position and predecessor)
 * and stores that digest with the record, and whoever knows the position hashes
 * {@link #linkOfVersion3} of that digest: the {@code audit_append} procedure in the writer's
 * transaction up to V16, the sealer after commit since V17. None covers {@code actor_name}, so
 * that a display name can be corrected or erased.
 */
public final class AuditRecordCanonicalForm {

    /** The form of records written before V10. */
    public static final int VERSION_1 = 1;
    /** The form of records written from V10 to V14. */
    public static final int VERSION_2 = 2;
    /** The form of records written since V14, linked by the sealer since V17. */
    public static final int VERSION_3 = 3;

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

    /**
     * The version 3 content form: workspace, time, actor type and id, source, action, entity type
     * and id, outcome, client address digest, request id, before and after JSON, written as in
     * version 2. Its SHA-256 is the content digest that {@link #linkOfVersion3} links.
     */
    public static String contentOfVersion3(LocalDateTime occurredAt, Long workspaceId, String actorType, String actorId,
            String source, String action, String entityType, String entityId, String outcome, String clientAddressDigest,
            String requestId, String beforeJson, String afterJson) {
        StringJoiner form = new StringJoiner("|");
        form.add(field(workspaceId == null ? null : workspaceId.toString()));
        form.add(OCCURRED_AT.format(occurredAt));
        for (String value : new String[] {actorType, actorId, source, action, entityType, entityId, outcome, clientAddressDigest,
                requestId, beforeJson, afterJson}) {
            form.add(field(value));
        }
        return form.toString();
    }

    /**
     * The version 3 text whose SHA-256 is the record's {@code record_hash}: chain key, position,
     * predecessor's hash and content digest joined by {@code |}, as the sealer links them (and as
     * {@code audit_append} concatenated them in SQL up to V16).
     */
    public static String linkOfVersion3(long chainKey, long seq, String prevHash, String contentDigest) {
        return chainKey + "|" + seq + "|" + prevHash + "|" + contentDigest;
    }

    private static String field(String value) {
        return value == null ? "-" : value.codePointCount(0, value.length()) + ":" + value;
    }
}
