package com.signalops.leaks.web;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.leaks.domain.LeakSettings;
import com.signalops.leaks.service.LeakRuleSettings;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule settings form of the leaks page: the chosen store's thresholds in force, changed by those whose active
 * role has {@code leaks.configure} (a refusal is recorded).
 */
@Named
@RequestScoped
public class LeakSettingsBacking {

    @EJB
    private LeakRuleSettings settings;

    @Inject
    private LeakFindingsBacking page;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleAudit audit;

    @Inject
    private ConsoleMessages messages;

    private Map<String, String> values;
    private Long storeId;

    public boolean isConfigurable() {
        return session.may(Permission.LEAKS_CONFIGURE);
    }

    public List<String> getNames() {
        return LeakSettings.NAMES;
    }

    /** The chosen store's settings in force, by name, as the form edits them. */
    public Map<String, String> getValues() {
        if (values == null) {
            values = getStoreId() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(settings.of(viewer(), getStoreId()).asMap());
        }
        return values;
    }

    public Long getStoreId() {
        return storeId != null ? storeId : page.getStoreId();
    }

    public void setStoreId(Long storeId) {
        this.storeId = storeId;
    }

    /** Saves the form's settings for its store. */
    public String save() {
        if (!audit.permits(Permission.LEAKS_CONFIGURE, AuditAction.LEAK_SETTINGS_UPDATE, getStoreId(), "leaks.settings.not-allowed")) {
            return null;
        }
        try {
            settings.change(viewer(), getStoreId(), getValues(), ConnectionActor.user(session.getUserId()));
        } catch (BusinessException refused) {
            messages.refused(refused, "leaks.settings.failed");
            return null;
        }
        messages.info("leaks.settings.saved");
        return "/leaks?faces-redirect=true&storeId=" + getStoreId();
    }

    private Viewer viewer() {
        return Viewer.of(session.getWorkspaceId(), session.getActiveRole());
    }
}
