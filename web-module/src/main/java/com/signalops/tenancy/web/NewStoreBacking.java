package com.signalops.tenancy.web;

import com.signalops.shared.BusinessException;
import com.signalops.tenancy.service.DirectoryService;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The stores page's form that registers a store, in a district or in none. */
@Named
@RequestScoped
public class NewStoreBacking {

    @EJB
    private DirectoryService directory;

    @Inject
    private DirectoryBacking page;

    @Inject
    private ConsoleMessages messages;

    private String code;
    private String shopDomain;
    private String currency;
    private String timezone;
    private Long districtId;

    public void create() {
        if (!page.isManageable()) {
            messages.error("stores.not-allowed");
            return;
        }
        try {
            directory.createStore(page.viewer(), page.actorId(), code, shopDomain, currency, timezone, districtId);
            messages.info("stores.store-created");
            code = null;
            shopDomain = null;
            page.changed();
        } catch (BusinessException refused) {
            messages.refused(refused, "stores.failed");
        }
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getShopDomain() {
        return shopDomain;
    }

    public void setShopDomain(String shopDomain) {
        this.shopDomain = shopDomain;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    public String getTimezone() {
        return timezone;
    }

    public void setTimezone(String timezone) {
        this.timezone = timezone;
    }

    public Long getDistrictId() {
        return districtId;
    }

    public void setDistrictId(Long districtId) {
        this.districtId = districtId;
    }
}
