package com.signalops.retention.web;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.retention.domain.RetentionCategory;
import com.signalops.retention.service.RetentionSettings;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The retention page: the workspace's periods in force with their defaults and floors (the page needs
 * {@code retention.view}), changed by those whose active role has {@code retention.manage} (a refusal is recorded).
 */
@Named
@RequestScoped
public class RetentionBacking {

    @EJB
    private RetentionSettings settings;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleAudit audit;

    @Inject
    private ConsoleMessages messages;

    private Map<String, String> values;

    public boolean isManageable() {
        return session.may(Permission.RETENTION_MANAGE);
    }

    public List<RetentionCategory> getCategories() {
        return Arrays.asList(RetentionCategory.values());
    }

    public Map<String, Integer> getFloors() {
        return settings.floors();
    }

    /** The periods in force, by name, as the form edits them. */
    public Map<String, String> getValues() {
        if (values == null) {
            values = new LinkedHashMap<>();
            settings.of(viewer()).asMap().forEach((name, days) -> values.put(name, days.toString()));
        }
        return values;
    }

    /** Saves the form's periods. */
    public String save() {
        if (!audit.permits(Permission.RETENTION_MANAGE, AuditAction.RETENTION_CONFIGURE, session.getWorkspaceId(), "retention.not-allowed")) {
            return null;
        }
        try {
            settings.change(viewer(), getValues(), ConnectionActor.user(session.getUserId()));
        } catch (BusinessException refused) {
            messages.refusedWithReason(refused, "retention.failed");
            return null;
        }
        messages.info("retention.saved");
        return "/retention?faces-redirect=true";
    }

    private Viewer viewer() {
        return Viewer.of(session.getWorkspaceId(), session.getActiveRole());
    }
}
