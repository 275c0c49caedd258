package com.signalops.audit.domain;

import java.time.Instant;

/**
 * An audit record as the viewers show it. {@code seq} is its position in its workspace's chain,
 * null until the sealer has linked it (seconds after it committed). {@code beforeJson} and
 * {@code afterJson} are read for the detail view and exports only; on list pages they are null.
 */
public record AuditRecordView(long id, Long seq, Instant occurredAt, String actorType, String actorId, String actorName,
        String source, String action, String entityType, String entityId, String outcome, String requestId,
        String beforeJson, String afterJson) {
}
