package com.signalops.identity.domain;

/** A new workspace and its first admin, whose first password is shown once and never stored in clear. */
public record WorkspaceCreated(long workspaceId, long adminUserId, String adminEmail, char[] firstPassword) {
}
