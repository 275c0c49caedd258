package com.signalops.tenancy.web;

import com.signalops.audit.domain.AuditAction;
import com.signalops.tenancy.service.DirectoryService;
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

    private Long storeId;
    private Long districtId;

    public void move() {
        page.change(AuditAction.STORE_MOVE, storeId, viewer -> directory.moveStore(viewer, page.actorId(), storeId, districtId), "stores.store-moved");
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
