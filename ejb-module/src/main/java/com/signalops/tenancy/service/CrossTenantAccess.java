package com.signalops.tenancy.service;

import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.AuditTrail;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Tells an id of another workspace from an unknown one, after a tenant-scoped lookup by id has
 * missed: the caller answers both alike (not found), but an id that lives in another workspace is
 * a cross-tenant attempt and raises a security event. The event belongs to no workspace (the
 * platform's), so that neither workspace learns the other's id from it.
 */
public final class CrossTenantAccess {

    /** The security event's type. */
    public static final String EVENT = "tenant.cross-access-denied";

    /** The tenant-owned tables looked up by id; the names are fixed here, never taken from a caller. */
    public enum Table {
        DISTRICT("district"), STORE("store"), API_KEY("api_key"), STAFF_ACCESS("staff_access");

        private final String name;

        Table(String name) {
            this.name = name;
        }

        public String tableName() {
            return name;
        }
    }

    private CrossTenantAccess() {
    }

    /**
     * Raises {@link #EVENT} (MEDIUM) when row {@code id} of {@code table}, not found in workspace
     * {@code workspaceId}, exists in another workspace; does nothing for an unknown id.
     */
    public static void reportIfElsewhere(EntityManager em, AuditTrail audit, Table table, long id, long workspaceId) {
        // a native query is not tenant-scoped: the one place that asks across workspaces, by primary key only
        List<?> owners = em.createNativeQuery("SELECT workspace_id FROM " + table.tableName() + " WHERE id = ?").setParameter(1, id)
                .getResultList();
        if (owners.isEmpty()) {
            return;
        }
        long owner = ((Number) owners.get(0)).longValue();
        if (owner != workspaceId) {
            audit.securityEvent(null, EVENT, Severity.MEDIUM,
                    table.tableName() + " " + id + " of workspace " + owner + " asked for from workspace " + workspaceId);
        }
    }
}
