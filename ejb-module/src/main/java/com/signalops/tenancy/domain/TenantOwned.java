package com.signalops.tenancy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * The base of every entity that belongs to a workspace. Its {@code workspace_id} is the
 * EclipseLink tenant discriminator (declared in META-INF/eclipselink-orm.xml, so that it
 * needs no provider classes at run time): every read is filtered by, and every insert stamped
 * with, the workspace of the current persistence context. A persistence context without a
 * workspace cannot touch these entities at all.
 */
@MappedSuperclass
public abstract class TenantOwned {

    /** The persistence-context property that carries the current workspace id. */
    public static final String TENANT_PROPERTY = "signalops.workspace-id";

    @Column(name = "workspace_id", insertable = false, updatable = false)
    private Long workspaceId;

    /** The workspace this row belongs to (read-only: the tenant mechanism writes it). */
    public Long workspaceId() {
        return workspaceId;
    }
}
