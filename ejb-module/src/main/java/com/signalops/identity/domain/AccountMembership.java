package com.signalops.identity.domain;

import java.time.Instant;

/** One of a user's memberships as they see it among their own data: the workspace, the role and its scope. */
public record AccountMembership(long membershipId, long workspaceId, String workspaceName, String roleCode, String roleName,
        ScopeType scope, Long districtId, Long storeId, Instant createdAt, Instant suspendedAt) {
}
