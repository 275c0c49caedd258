package com.signalops.tenancy.rest;

import com.signalops.identity.domain.ApiCredential;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.Viewer;

/** The viewer an API token stands for, and the ids of the directory's paths. */
final class ApiViewer {

    private ApiViewer() {
    }

    /** The token's workspace and scope: the tenant comes from the token, never from the request. */
    static Viewer of(ApiCredential credential) {
        return new Viewer(credential.workspaceId(), credential.scope(), credential.districtId(), credential.storeId());
    }

    /** {@code id} as a number; anything else names nothing, and answers like an unknown id. */
    static long id(String id, String what) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException(what);
        }
    }
}
