package com.signalops.tenancy.web;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.District;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.function.Consumer;

/** The districts and stores page: what the active role's scope sees of the workspace. */
@Named
@RequestScoped
public class DirectoryBacking {

    @EJB
    private DirectoryService directory;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleMessages messages;

    @Inject
    private ConsoleAudit audit;

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

    /**
     * Makes one change of the directory ({@code audited} on {@code entityId}): refused, and the
     * refusal recorded, without {@code stores.manage}; on success the
     * page says {@code doneKey} and shows the change, a refusal says why. Whether it succeeded.
     */
    boolean change(AuditAction audited, Object entityId, Consumer<Viewer> action, String doneKey) {
        if (!audit.permits(Permission.STORES_MANAGE, audited, entityId, "stores.not-allowed")) {
            return false;
        }
        try {
            action.accept(viewer());
            messages.info(doneKey);
            districts = null;
            stores = null;
            return true;
        } catch (BusinessException refused) {
            messages.refused(refused, "stores.failed");
            return false;
        }
    }
}
