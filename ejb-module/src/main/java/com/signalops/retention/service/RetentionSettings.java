package com.signalops.retention.service;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.service.AuditTrail;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.retention.domain.RetentionCategory;
import com.signalops.retention.domain.RetentionPolicy;
import com.signalops.retention.domain.RetentionSetting;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.TenantOwned;
import com.signalops.tenancy.domain.Viewer;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A workspace's retention periods: read by those who may see them, changed by a viewer of the whole workspace. A
 * change names only the periods it changes, is refused below a floor ({@code retention.invalid}, the message names the
 * period and its floor) and is audited with every period before and after ({@code retention.configure}).
 */
@Stateless
public class RetentionSettings {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Inject
    private AuditRetentionFloor auditFloor;

    private Clock clock = Clock.systemUTC();

    /** The periods in force for the viewer's workspace: its own, or the defaults. */
    public RetentionPolicy of(Viewer viewer) {
        return find(viewer.workspaceId()).map(s -> s.policy(auditFloor.days())).orElse(RetentionPolicy.defaults(auditFloor.days()));
    }

    /** The floor of every period, in days, by name. */
    public Map<String, Integer> floors() {
        Map<String, Integer> floors = new LinkedHashMap<>();
        for (RetentionCategory category : RetentionCategory.values()) {
            floors.put(category.key(), RetentionPolicy.floor(category, auditFloor.days()));
        }
        return floors;
    }

    /**
     * Changes the periods named in {@code changes} as {@code actor}; answers the periods now in force.
     *
     * @throws BusinessException {@code retention.scope} for a viewer of less than the whole workspace,
     *                           {@code retention.invalid} for an unknown name or a value below its floor
     */
    public RetentionPolicy change(Viewer viewer, Map<String, String> changes, ConnectionActor actor) {
        if (!viewer.seesWholeWorkspace()) {
            throw new BusinessException("retention.scope", "Retention applies to the whole workspace: only a role over all of it may change it");
        }
        Optional<RetentionSetting> stored = find(viewer.workspaceId());
        RetentionPolicy before = stored.map(s -> s.policy(auditFloor.days())).orElse(RetentionPolicy.defaults(auditFloor.days()));
        RetentionPolicy after = before.with(changes, auditFloor.days());
        if (stored.isPresent()) {
            stored.get().change(after, actor.id(), clock.instant());
        } else {
            em.persist(new RetentionSetting(after, actor.id(), clock.instant()));
        }
        audit.record(AuditEntry.of(AuditAction.RETENTION_CONFIGURE, AuditOutcome.SUCCESS).in(viewer.workspaceId())
                .by(actor.type(), actor.id()).via(actor.source()).on(viewer.workspaceId()).before(before.asMap()).after(after.asMap())
                .build());
        return after;
    }

    private Optional<RetentionSetting> find(long workspaceId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
        return em.createNamedQuery("RetentionSetting.ofWorkspace", RetentionSetting.class).getResultStream().findFirst();
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }

    void useAuditFloor(AuditRetentionFloor floor) {
        this.auditFloor = floor;
    }
}
