package com.signalops.tenancy.web;

import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.tenancy.domain.District;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The districts and stores page: what the active role's scope sees of the workspace. */
@Named
@RequestScoped
public class DirectoryBacking {

    @EJB
    private DirectoryService directory;

    @Inject
    private ConsoleSession session;

    private List<District> districts;
    private List<Store> stores;

    public List<District> getDistricts() {
        if (districts == null) {
            districts = directory.listDistricts(viewer());
        }
        return districts;
    }

    public List<Store> getStores() {
        if (stores == null) {
            stores = directory.listStores(viewer());
        }
        return stores;
    }

    /** The name of {@code store}'s district when the viewer sees that district; empty otherwise. */
    public String districtOf(Store store) {
        Long districtId = store.districtId().orElse(null);
        return getDistricts().stream().filter(d -> d.id().equals(districtId)).map(District::name).findFirst().orElse("");
    }

    /** Whether the active role may change districts and stores (the service still checks the scope). */
    public boolean isManageable() {
        return session.may(Permission.STORES_MANAGE);
    }

    Viewer viewer() {
        return Viewer.of(session.getWorkspaceId(), session.getActiveRole());
    }

    long actorId() {
        return session.getUserId();
    }

    /** Forgets the lists read before a change, so that the page shows the change. */
    void changed() {
        districts = null;
        stores = null;
    }
}
