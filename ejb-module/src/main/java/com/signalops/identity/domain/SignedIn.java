package com.signalops.identity.domain;

import java.util.List;
import java.util.Set;

/**
 * Who signed in and what they hold in the workspace they entered.
 *
 * @param workspaceId null when the account holds no membership anywhere
 * @param grants      one per membership: role and scope
 */
public record SignedIn(long userId, String displayName, Long workspaceId, List<Grant> grants) {

    /** One membership: a role over a scope, with the role's permissions. */
    public record Grant(String roleCode, String roleName, ScopeType scope, Long districtId, Long storeId, Set<Permission> permissions) {
    }

    public SignedIn {
        grants = List.copyOf(grants);
    }
}
