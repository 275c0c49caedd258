package com.signalops.tenancy.web;

import com.signalops.audit.domain.AuditAction;
import com.signalops.tenancy.service.DirectoryService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The stores page's form that creates a district. */
@Named
@RequestScoped
public class NewDistrictBacking {

    @EJB
    private DirectoryService directory;

    @Inject
    private DirectoryBacking page;

    private String name;

    public void create() {
        if (page.change(AuditAction.DISTRICT_CREATE, null, viewer -> directory.createDistrict(viewer, page.actorId(), name), "stores.district-created")) {
            name = null;
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
