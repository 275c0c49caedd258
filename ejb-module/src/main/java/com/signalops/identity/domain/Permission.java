package com.signalops.identity.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The permission catalogue: every named permission, in its category. Built-in roles map to a
 * subset (see {@link BuiltInRole}); custom roles of a workspace pick any subset.
 */
public enum Permission {

    STORES_VIEW(Category.STORES, "view"),
    STORES_MANAGE(Category.STORES, "manage"),
    CONNECTIONS_VIEW(Category.CONNECTIONS, "view"),
    CONNECTIONS_MANAGE(Category.CONNECTIONS, "manage"),
    LEAKS_VIEW(Category.LEAKS, "view"),
    LEAKS_TRIAGE(Category.LEAKS, "triage"),
    LEAKS_CONFIGURE(Category.LEAKS, "configure"),
    LEAKS_RUN(Category.LEAKS, "run"),
    APPROVALS_REQUEST(Category.APPROVALS, "request"),
    APPROVALS_APPROVE(Category.APPROVALS, "approve"),
    SEGMENTS_VIEW(Category.SEGMENTS, "view"),
    SEGMENTS_MANAGE(Category.SEGMENTS, "manage"),
    CAMPAIGNS_VIEW(Category.CAMPAIGNS, "view"),
    CAMPAIGNS_MANAGE(Category.CAMPAIGNS, "manage"),
    EXPORTS_REQUEST(Category.EXPORTS, "request"),
    EXPORTS_DOWNLOAD(Category.EXPORTS, "download"),
    PRIVACY_VIEW(Category.PRIVACY, "view"),
    PRIVACY_MANAGE(Category.PRIVACY, "manage"),
    RETENTION_VIEW(Category.RETENTION, "view"),
    RETENTION_MANAGE(Category.RETENTION, "manage"),
    AUDIT_VIEW(Category.AUDIT, "view"),
    AUDIT_EXPORT(Category.AUDIT, "export"),
    USERS_VIEW(Category.USERS, "view"),
    USERS_INVITE(Category.USERS, "invite"),
    USERS_MANAGE(Category.USERS, "manage"),
    ROLES_VIEW(Category.ROLES, "view"),
    ROLES_MANAGE(Category.ROLES, "manage"),
    API_KEYS_VIEW(Category.API_KEYS, "view"),
    API_KEYS_MANAGE(Category.API_KEYS, "manage"),
    INCIDENTS_VIEW(Category.INCIDENTS, "view"),
    INCIDENTS_MANAGE(Category.INCIDENTS, "manage"),
    JOBS_VIEW(Category.JOBS, "view"),
    JOBS_RUN(Category.JOBS, "run"),
    SETTINGS_VIEW(Category.SETTINGS, "view"),
    SETTINGS_MANAGE(Category.SETTINGS, "manage"),
    WORKSPACE_DELETE(Category.WORKSPACE, "delete");

    /** The categories of the catalogue. */
    public enum Category {
        STORES, CONNECTIONS, LEAKS, APPROVALS, SEGMENTS, CAMPAIGNS, EXPORTS, PRIVACY, RETENTION, AUDIT,
        USERS, ROLES, API_KEYS, INCIDENTS, JOBS, SETTINGS, WORKSPACE;

        /** The category as permission names write it: {@code api-keys}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Category category;
    private final String action;

    Permission(Category category, String action) {
        this.category = category;
        this.action = action;
    }

    public Category category() {
        return category;
    }

    /** The stable name stored in the database and carried in tokens, e.g. {@code leaks.triage}. */
    public String key() {
        return category.key() + "." + action;
    }

    /** The permission named {@code key}, if the catalogue has it. */
    public static Optional<Permission> fromKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key().equals(key)).findFirst();
    }
}
