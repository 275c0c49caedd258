package com.signalops.tenancy.web;

import com.signalops.audit.domain.AuditAction;
import com.signalops.tenancy.service.DirectoryService;
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

    private String code;
    private String shopDomain;
    private String currency;
    private String timezone;
    private Long districtId;

    public void create() {
        if (page.change(AuditAction.STORE_CREATE, null, viewer -> directory.createStore(viewer, page.actorId(), code, shopDomain, currency, timezone, districtId),
                "stores.store-created")) {
            code = null;
            shopDomain = null;
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
