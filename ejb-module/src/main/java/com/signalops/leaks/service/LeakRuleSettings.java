package com.signalops.leaks.service;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.service.AuditTrail;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.leaks.domain.LeakRuleSetting;
import com.signalops.leaks.domain.LeakSettings;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.TenantOwned;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A store's revenue-leak rule settings, as the viewer may see and change them; a change names only the settings it
 * changes and is audited with every setting before and after ({@code leak-settings.update}).
 */
@Stateless
public class LeakRuleSettings {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private DirectoryService directory;

    @EJB
    private AuditTrail audit;

    private Clock clock = Clock.systemUTC();

    /** The settings in force for store {@code storeId}: its own, or the contract's defaults. */
    public LeakSettings of(Viewer viewer, long storeId) {
        directory.store(viewer, storeId);
        return find(viewer.workspaceId(), storeId).map(LeakRuleSetting::settings).orElse(LeakSettings.DEFAULTS);
    }

    /**
     * Changes the settings of store {@code storeId} named in {@code changes}, as {@code actor}; answers the settings
     * now in force.
     *
     * @throws BusinessException ({@code leak-settings.invalid}) for an unknown name or a value out of range
     */
    public LeakSettings change(Viewer viewer, long storeId, Map<String, String> changes, ConnectionActor actor) {
        directory.store(viewer, storeId);
        for (String name : changes.keySet()) {
            if (!LeakSettings.NAMES.contains(name)) {
                throw new BusinessException("leak-settings.invalid", "Unknown rule setting " + name + "; known: " + LeakSettings.NAMES);
            }
        }
        Optional<LeakRuleSetting> stored = find(viewer.workspaceId(), storeId);
        LeakSettings before = stored.map(LeakRuleSetting::settings).orElse(LeakSettings.DEFAULTS);
        LeakSettings after = before.with(changes);
        if (stored.isPresent()) {
            stored.get().change(after, actor.id(), clock.instant());
        } else {
            em.persist(new LeakRuleSetting(storeId, after, actor.id(), clock.instant()));
        }
        audit.record(AuditEntry.of(AuditAction.LEAK_SETTINGS_UPDATE, AuditOutcome.SUCCESS).in(viewer.workspaceId())
                .by(actor.type(), actor.id()).via(actor.source()).on(storeId).before(new LinkedHashMap<String, Object>(before.asMap()))
                .after(new LinkedHashMap<String, Object>(after.asMap())).build());
        return after;
    }

    private Optional<LeakRuleSetting> find(long workspaceId, long storeId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
        return Optional.ofNullable(em.find(LeakRuleSetting.class, storeId));
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }
}
