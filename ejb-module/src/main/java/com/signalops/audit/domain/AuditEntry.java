package com.signalops.audit.domain;

/**
 * One audited action. {@code action} is {@code noun.verb} (e.g. {@code session.sign-in});
 * identifiers are pseudonymous ids, never names, emails or secrets.
 */
public record AuditEntry(Long workspaceId, String actorType, String actorId, String source, String action,
        String entityType, String entityId, String outcome, String clientAddress) {
}
