package com.signalops.tenancy.rest;

import com.signalops.identity.domain.Permission;
import com.signalops.tenancy.domain.District;
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
 * {@code GET /api/v1/districts} and {@code /api/v1/districts/{id}}: the districts the token's
 * scope sees. A district out of scope, of another workspace or unknown answers one 404 problem.
 */
@Path("/districts")
@RequiresPermission(Permission.STORES_VIEW)
@Produces(MediaType.APPLICATION_JSON)
public class DistrictResource {

    /** A district as the API shows it. */
    public record DistrictEntry(long id, String name) {

        static DistrictEntry of(District district) {
            return new DistrictEntry(district.id(), district.name());
        }
    }

    @EJB
    private DirectoryService directory;

    @Inject
    private ApiCaller caller;

    @GET
    public List<DistrictEntry> list() {
        return directory.listDistricts(caller.viewer()).stream().map(DistrictEntry::of).toList();
    }

    @GET
    @Path("/{id}")
    public DistrictEntry get(@PathParam("id") String id) {
        return DistrictEntry.of(directory.district(caller.viewer(), ApiCaller.id(id, "District")));
    }
}
