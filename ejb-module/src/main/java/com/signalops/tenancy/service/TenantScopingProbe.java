package com.signalops.tenancy.service;

import com.signalops.tenancy.domain.TenantOwned;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Proves, once per start, that tenant scoping is in force in this deployment: a query for a
 * tenant-owned entity from a persistence context without a workspace must be refused. If it
 * is not (the tenant mapping did not load), readiness stays DOWN: the server serves nothing
 * rather than mixing workspaces.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TenantScopingProbe {

    private static final Logger LOG = Logger.getLogger(TenantScopingProbe.class.getName());

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    private volatile Boolean inForce;

    /** Whether scoping is in force; empty while it could not be probed (the database is away). */
    public Optional<Boolean> inForce() {
        if (inForce == null) {
            inForce = probe();
        }
        return Optional.ofNullable(inForce);
    }

    private Boolean probe() {
        try {
            em.createNamedQuery("Store.findAll").setMaxResults(1).getResultList();
        } catch (RuntimeException refused) {
            for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
                if (String.valueOf(cause.getMessage()).contains(TenantOwned.TENANT_PROPERTY)) {
                    return Boolean.TRUE;
                }
            }
            LOG.log(Level.FINE, "Tenant scoping not probed yet: {0}", refused.getMessage());
            return null;
        }
        LOG.severe("Tenant scoping is NOT in force: a query without a workspace read tenant-owned rows. Not ready.");
        return Boolean.FALSE;
    }
}
