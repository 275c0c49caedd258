package com.signalops.outreach.service;

import com.signalops.approvals.domain.Person;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.TenantOwned;
import com.signalops.tenancy.service.DirectoryService;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * How the outreach services read their store-owned rows for a person: in the person's workspace, and only of a store
 * the person's role reaches; anything else answers like an unknown row.
 */
final class StoreScoped {

    private StoreScoped() {
    }

    /** Row {@code id} of {@code type} as {@code who} may see it (named {@code what} when not found). */
    static <T extends TenantOwned> T find(EntityManager em, DirectoryService directory, Person who, Class<T> type, long id,
            ToLongFunction<T> storeOf, String what) {
        inWorkspace(em, who);
        T row = em.find(type, id);
        if (row == null) {
            throw new NotFoundException(what);
        }
        try {
            directory.store(who.viewer(), storeOf.applyAsLong(row));
        } catch (NotFoundException e) {
            throw new NotFoundException(what);
        }
        return row;
    }

    /** The rows of store {@code storeId} by named query {@code query} (parameter {@code storeId}), the store in {@code who}'s scope. */
    static <T> List<T> ofStore(EntityManager em, DirectoryService directory, Person who, long storeId, String query, Class<T> type) {
        inWorkspace(em, who);
        directory.store(who.viewer(), storeId);
        return em.createNamedQuery(query, type).setParameter("storeId", storeId).getResultList();
    }

    static void inWorkspace(EntityManager em, Person who) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(who.workspaceId()));
    }
}
