package com.signalops.approvals.domain;

import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.SignedIn;
import com.signalops.tenancy.domain.Viewer;
import java.util.Objects;

/**
 * A signed-in person acting in workspace {@code workspaceId} with their active role {@code grant}: who requests,
 * approves, rejects or withdraws, what they may do and which stores they reach.
 */
public record Person(long workspaceId, long userId, SignedIn.Grant grant) {

    public Person {
        Objects.requireNonNull(grant, "grant");
    }

    public Viewer viewer() {
        return Viewer.of(workspaceId, grant);
    }

    public boolean may(Permission permission) {
        return grant.permissions().contains(permission);
    }
}
