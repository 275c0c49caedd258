package com.signalops.identity.domain;

import static com.signalops.identity.domain.Permission.*;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The four roles every workspace has. Their scope narrows what they reach: a rep works in one
 * store, a district manager in the stores of their districts, managers and admins in what their
 * membership's scope says.
 */
public enum BuiltInRole {

    /** Store staff: sees their store's leaks and works them; proposes outward actions. */
    REP(EnumSet.of(STORES_VIEW, LEAKS_VIEW, LEAKS_TRIAGE, SEGMENTS_VIEW, CAMPAIGNS_VIEW, APPROVALS_REQUEST)),

    /** Runs stores: configures rules, builds segments and campaigns, may approve others' requests. */
    MANAGER(EnumSet.of(STORES_VIEW, CONNECTIONS_VIEW, LEAKS_VIEW, LEAKS_TRIAGE, LEAKS_CONFIGURE, LEAKS_RUN,
            APPROVALS_REQUEST, APPROVALS_APPROVE, SEGMENTS_VIEW, SEGMENTS_MANAGE, CAMPAIGNS_VIEW, CAMPAIGNS_MANAGE,
            EXPORTS_REQUEST, EXPORTS_DOWNLOAD, USERS_VIEW, JOBS_VIEW, INCIDENTS_VIEW)),

    /** A manager over the stores of their districts, who also invites staff there. */
    DISTRICT_MANAGER(EnumSet.of(STORES_VIEW, CONNECTIONS_VIEW, LEAKS_VIEW, LEAKS_TRIAGE, LEAKS_CONFIGURE, LEAKS_RUN,
            APPROVALS_REQUEST, APPROVALS_APPROVE, SEGMENTS_VIEW, SEGMENTS_MANAGE, CAMPAIGNS_VIEW, CAMPAIGNS_MANAGE,
            EXPORTS_REQUEST, EXPORTS_DOWNLOAD, USERS_VIEW, USERS_INVITE, JOBS_VIEW, INCIDENTS_VIEW, INCIDENTS_MANAGE)),

    /** Everything in the workspace. */
    ADMIN(EnumSet.allOf(Permission.class));

    private final Set<Permission> permissions;

    BuiltInRole(Set<Permission> permissions) {
        this.permissions = Collections.unmodifiableSet(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** The role's code in the database and in sessions: {@code district_manager}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
