package com.signalops.identity.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who signed in and what they hold in the workspace they entered.
 *
 * @param workspaceId     null when the account holds no membership anywhere
 * @param grants          one per membership: role and scope
 * @param temporaryAccess null for a member; for platform staff, the time-boxed access they entered through
 */
public record SignedIn(long userId, String displayName, Long workspaceId, List<Grant> grants, TemporaryAccess temporaryAccess) {

    /** One membership: a role over a scope, with the role's permissions; {@code storeCode} names a store scope's store. */
    public record Grant(String roleCode, String roleName, ScopeType scope, Long districtId, Long storeId, Set<Permission> permissions,
            String storeCode) {

        public Grant(String roleCode, String roleName, ScopeType scope, Long districtId, Long storeId, Set<Permission> permissions) {
            this(roleCode, roleName, scope, districtId, storeId, permissions, null);
        }
    }

    /** A workspace the account belongs to, as the workspace switch offers it. */
    public record WorkspaceChoice(long id, String name) {
    }

    /** The staff access a session stands on: checked on every request, it ends the session once it is over. */
    public record TemporaryAccess(long accessId, Instant expiresAt) {

        public TemporaryAccess {
            Objects.requireNonNull(expiresAt);
        }
    }

    public SignedIn {
        grants = List.copyOf(grants);
    }

    /** A member's sign-in: what their memberships give. */
    public SignedIn(long userId, String displayName, Long workspaceId, List<Grant> grants) {
        this(userId, displayName, workspaceId, grants, null);
    }

    /** Whether this is platform staff's temporary access rather than a membership. */
    public boolean isTemporaryAccess() {
        return temporaryAccess != null;
    }
}
