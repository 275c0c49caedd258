package com.signalops.system.web;

import com.signalops.system.domain.SystemInfo;
import com.signalops.system.service.SystemInfoService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** The System page: what the running system reports about itself. */
@Named
@RequestScoped
public class SystemBacking {

    @EJB
    private SystemInfoService systemInfoService;

    private SystemInfo info;

    public SystemInfo getInfo() {
        if (info == null) {
            info = systemInfoService.current();
        }
        return info;
    }

    public void refresh() {
        info = systemInfoService.current();
    }
}
