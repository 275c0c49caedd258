package com.signalops.web.rest;

import com.signalops.identity.domain.ApiCredential;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.Viewer;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who calls the API in this request, as its verified token says: workspace, key, permissions,
 * scope. Resources take the tenant from here, never from a request parameter.
 */
@RequestScoped
public class ApiCaller {

    private ApiCredential credential;

    void authenticate(ApiCredential credential) {
        this.credential = credential;
    }

    /** The caller's credential; only authenticated methods run, so it is always there for them. */
    public ApiCredential credential() {
        if (credential == null) {
            throw new IllegalStateException("No authenticated API caller in this request");
        }
        return credential;
    }

    public long workspaceId() {
        return credential().workspaceId();
    }

    /** The viewer the token stands for: its workspace and scope (the tenant comes from the token, never from the request). */
    public Viewer viewer() {
        ApiCredential c = credential();
        return new Viewer(c.workspaceId(), c.scope(), c.districtId(), c.storeId());
    }

    /** A path's id {@code id} as a number; anything else names nothing, and answers like an unknown {@code what}. */
    public static long id(String id, String what) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException(what);
        }
    }
}
