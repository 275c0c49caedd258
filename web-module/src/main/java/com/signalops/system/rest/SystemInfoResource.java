package com.signalops.system.rest;

import com.signalops.identity.domain.Permission;
import com.signalops.shared.NotFoundException;
import com.signalops.system.domain.SystemInfo;
import com.signalops.system.service.RuntimeProfile;
import com.signalops.system.service.SystemInfoService;
import com.signalops.web.rest.RequiresPermission;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/system/info}: version, database status, schema version and the latest
 * batch runs. Until API authentication exists it answers on the dev profile only, and 404
 * (as for any unknown resource) elsewhere.
 */
@Path("/system/info")
@RequiresPermission(Permission.JOBS_VIEW)
public class SystemInfoResource {

    @EJB
    private SystemInfoService systemInfo;

    @Inject
    private RuntimeProfile profile;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public SystemInfo info() {
        if (!profile.isDev()) {
            throw new NotFoundException("Resource");
        }
        return systemInfo.current();
    }
}
