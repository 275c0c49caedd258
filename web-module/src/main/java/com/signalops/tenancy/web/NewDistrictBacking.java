package com.signalops.tenancy.web;

import com.signalops.shared.BusinessException;
import com.signalops.tenancy.service.DirectoryService;
import com.signalops.web.ConsoleMessages;
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

    @Inject
    private ConsoleMessages messages;

    private String name;

    public void create() {
        if (!page.isManageable()) {
            messages.error("stores.not-allowed");
            return;
        }
        try {
            directory.createDistrict(page.viewer(), page.actorId(), name);
            messages.info("stores.district-created");
            name = null;
            page.changed();
        } catch (BusinessException refused) {
            messages.refused(refused, "stores.failed");
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
