package com.signalops.tenancy.rest;

import com.signalops.identity.domain.Permission;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.service.DirectoryService;
import com.signalops.web.rest.ApiCaller;
import com.signalops.web.rest.RequiresPermission;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/v1/stores} and {@code /api/v1/stores/{id}}: the stores the token's scope sees.
 * A store out of scope, of another workspace or unknown answers one 404 problem.
 */
@Path("/stores")
@RequiresPermission(Permission.STORES_VIEW)
@Produces(MediaType.APPLICATION_JSON)
public class StoreResource {

    /** A store as the API shows it; {@code districtId} is null for a store in no district. */
    public record StoreEntry(long id, String code, String shopDomain, String currency, String timezone, Long districtId) {

        static StoreEntry of(Store store) {
            return new StoreEntry(store.id(), store.storeCode(), store.shopDomain(), store.currency().getCurrencyCode(),
                    store.timezone().getId(), store.districtId().orElse(null));
        }
    }

    @EJB
    private DirectoryService directory;

    @Inject
    private ApiCaller caller;

    @GET
    public List<StoreEntry> list() {
        return directory.listStores(caller.viewer()).stream().map(StoreEntry::of).toList();
    }

    @GET
    @Path("/{id}")
    public StoreEntry get(@PathParam("id") String id) {
        return StoreEntry.of(directory.store(caller.viewer(), ApiCaller.id(id, "Store")));
    }
}
