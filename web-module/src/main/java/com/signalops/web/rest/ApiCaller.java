package com.signalops.web.rest;

import com.signalops.identity.domain.ApiCredential;
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
}
