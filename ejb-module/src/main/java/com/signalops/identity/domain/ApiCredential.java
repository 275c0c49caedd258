package com.signalops.identity.domain;

import java.util.Set;

/** What an API key proves: its workspace, the key itself, what it may do and where. */
public record ApiCredential(long workspaceId, long keyId, Set<Permission> permissions, ScopeType scope, Long districtId, Long storeId) {

    public ApiCredential {
        permissions = Set.copyOf(permissions);
    }

    public static ApiCredential of(long workspaceId, ApiKey key) {
        return new ApiCredential(workspaceId, key.id(), key.permissions(), key.scope(), key.districtId(), key.storeId());
    }
}
