package com.signalops.testing;

import java.util.List;

/** Reads what the audit trail wrote, for assertions. */
public final class AuditRows {

    private AuditRows() {
    }

    /** One audit record, as {@code action entityType:entityId outcome actor}. */
    public static List<String> records(JpaTestDatabase db, long workspaceId) {
        return db.withoutWorkspace(em -> em.createNativeQuery("SELECT CONCAT(action, ' ', COALESCE(entity_type, '-'), ':', "
                        + "COALESCE(entity_id, '-'), ' ', outcome, ' by ', COALESCE(actor_id, '-')) FROM audit_record "
                        + "WHERE workspace_id = ? ORDER BY id")
                .setParameter(1, workspaceId).getResultList().stream().map(String::valueOf).toList());
    }

    /** One security event, as {@code type severity: details}. */
    public static List<String> securityEvents(JpaTestDatabase db, long workspaceId) {
        return db.withoutWorkspace(em -> em.createNativeQuery("SELECT CONCAT(type, ' ', severity, ': ', COALESCE(details, '')) "
                        + "FROM security_event WHERE workspace_id = ? ORDER BY id")
                .setParameter(1, workspaceId).getResultList().stream().map(String::valueOf).toList());
    }
}
