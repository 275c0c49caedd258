package com.signalops.identity.web;

import com.signalops.audit.web.ConsoleAudit;
import com.signalops.audit.domain.AuditAction;
import com.signalops.identity.domain.ApiKey;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.service.ApiKeyService;
import com.signalops.shared.BusinessException;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The API keys page: the workspace's keys; with {@code api-keys.manage}, create, rotate and
 * revoke, each action checking the permission itself. Request-scoped on purpose: the text of a
 * key just created or rotated lives for the one response that shows it, never in the session.
 */
@Named
@RequestScoped
public class ApiKeysBacking {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @EJB
    private ApiKeyService keys;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleMessages messages;

    @Inject
    private ConsoleAudit audit;

    private List<ApiKey> list;
    private PermissionChoices permissions;
    private String name;
    private Integer lifetimeDays = 90;
    private Integer graceHours = 24;
    private String issuedKey;

    public List<ApiKey> getKeys() {
        if (list == null) {
            list = keys.list(session.getWorkspaceId());
        }
        return list;
    }

    /** Checkboxes for the permissions of the active role: a key holds no more. */
    public PermissionChoices getPermissions() {
        if (permissions == null) {
            permissions = new PermissionChoices(session.getActiveRole().permissions());
        }
        return permissions;
    }

    public void create() {
        if (!mayManage(AuditAction.API_KEY_CREATE, null)) {
            return;
        }
        try {
            issuedKey = keys.create(session.getWorkspaceId(), session.getUserId(), session.getActiveRole(), name, getPermissions().selected(),
                    Duration.ofDays(lifetimeDays)).text();
            messages.info("api-keys.created");
            name = null;
            permissions = null;
            list = null;
        } catch (BusinessException refused) {
            messages.refused(refused, "api-keys.failed");
        }
    }

    public void rotate(long keyId) {
        if (!mayManage(AuditAction.API_KEY_ROTATE, keyId)) {
            return;
        }
        try {
            issuedKey = keys.rotate(session.getWorkspaceId(), session.getUserId(), keyId, Duration.ofHours(graceHours)).text();
            messages.info("api-keys.rotated");
            list = null;
        } catch (BusinessException refused) {
            messages.refused(refused, "api-keys.failed");
        }
    }

    public void revoke(long keyId) {
        if (!mayManage(AuditAction.API_KEY_REVOKE, keyId)) {
            return;
        }
        try {
            keys.revoke(session.getWorkspaceId(), session.getUserId(), keyId);
            messages.info("api-keys.revoked");
            list = null;
        } catch (BusinessException refused) {
            messages.refused(refused, "api-keys.failed");
        }
    }

    /** The message key of the key's status: active, revoked or expired. */
    public String status(ApiKey key) {
        if (key.revokedAt() != null) {
            return "api-keys.status.revoked";
        }
        return key.isUsable(Instant.now()) ? "api-keys.status.active" : "api-keys.status.expired";
    }

    public boolean isActive(ApiKey key) {
        return key.isUsable(Instant.now());
    }

    public String permissions(ApiKey key) {
        return String.join("; ", PermissionChoices.describe(key.permissions()));
    }

    public String scope(ApiKey key) {
        return switch (key.scope()) {
            case WORKSPACE -> "workspace";
            case DISTRICT -> "district " + key.districtId();
            case STORE -> "store " + key.storeId();
        };
    }

    /** {@code at} to the minute, or null for a moment that has not happened. */
    public String at(Instant at) {
        return at == null ? null : MINUTES.format(at);
    }

    /** Whether the active role may manage keys; a refusal of {@code action} is recorded. */
    private boolean mayManage(AuditAction action, Long keyId) {
        return audit.permits(Permission.API_KEYS_MANAGE, action, keyId, "api-keys.not-allowed");
    }

    public String getIssuedKey() {
        return issuedKey;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getLifetimeDays() {
        return lifetimeDays;
    }

    public void setLifetimeDays(Integer lifetimeDays) {
        this.lifetimeDays = lifetimeDays;
    }

    public Integer getGraceHours() {
        return graceHours;
    }

    public void setGraceHours(Integer graceHours) {
        this.graceHours = graceHours;
    }
}
