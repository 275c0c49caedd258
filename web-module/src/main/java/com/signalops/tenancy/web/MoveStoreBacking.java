package com.signalops.tenancy.web;

import com.signalops.shared.BusinessException;
import com.signalops.tenancy.service.DirectoryService;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The stores page's form that moves a store into another district, or out of any. */
@Named
@RequestScoped
public class MoveStoreBacking {

    @EJB
    private DirectoryService directory;

    @Inject
    private DirectoryBacking page;

    @Inject
    private ConsoleMessages messages;

    private Long storeId;
    private Long districtId;

    public void move() {
        if (!page.isManageable()) {
            messages.error("stores.not-allowed");
            return;
        }
        try {
            directory.moveStore(page.viewer(), page.actorId(), storeId, districtId);
            messages.info("stores.store-moved");
            page.changed();
        } catch (BusinessException refused) {
            messages.refused(refused, "stores.failed");
        }
    }

    public Long getStoreId() {
        return storeId;
    }

    public void setStoreId(Long storeId) {
        this.storeId = storeId;
    }

    public Long getDistrictId() {
        return districtId;
    }

    public void setDistrictId(Long districtId) {
        this.districtId = districtId;
    }
}
