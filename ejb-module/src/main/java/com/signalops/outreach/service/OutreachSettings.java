package com.signalops.outreach.service;

import com.signalops.approvals.domain.Person;
import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.Permission;
import com.signalops.outreach.domain.DestinationFilter;
import com.signalops.outreach.domain.ExportDestination;
import com.signalops.outreach.domain.FieldFilter;
import com.signalops.outreach.domain.OutreachRules;
import com.signalops.outreach.domain.OutreachSetting;
import com.signalops.outreach.domain.StoreSendLimit;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.TenantOwned;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workspace's outreach settings: the approval expiry, the second approver threshold and the AI switch
 * ({@link OutreachRules}), the field filter of each export destination ({@link FieldFilter}), and each store's campaign
 * send rate. Read with their defaults by the services that apply them; changed by a person whose role has
 * {@code settings.manage} over the whole workspace (rules and filters) or over the stores whose rates change. Each
 * change is one {@code outreach-settings.update} record with the settings before and after; a refusal is recorded as
 * DENIED and changes nothing.
 */
@Stateless
public class OutreachSettings {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @EJB
    private DirectoryService directory;

    @Inject
    private CampaignRateDefault rateDefault;

    private Clock clock = Clock.systemUTC();

    /** The approval and AI settings in force in workspace {@code workspaceId}: its own, or the defaults. */
    public OutreachRules rules(long workspaceId) {
        return setting(workspaceId).map(OutreachSetting::rules).orElse(OutreachRules.defaults());
    }

    /** The field filter in force for {@code destination} in workspace {@code workspaceId}: its own, or the default. */
    public FieldFilter filter(long workspaceId, ExportDestination destination) {
        return filters(workspaceId).get(destination);
    }

    /** The field filter in force for each destination, in destination order. */
    public Map<ExportDestination, FieldFilter> filters(long workspaceId) {
        Map<ExportDestination, FieldFilter> filters = new EnumMap<>(ExportDestination.class);
        for (ExportDestination destination : ExportDestination.values()) {
            filters.put(destination, FieldFilter.DEFAULT);
        }
        in(workspaceId).createNamedQuery("DestinationFilter.ofWorkspace", DestinationFilter.class).getResultList()
                .forEach(own -> filters.put(own.destination(), own.filter()));
        return filters;
    }

    /** The messages per minute store {@code storeId} of workspace {@code workspaceId} sends at: its own rate, or the default. */
    public int sendRate(long workspaceId, long storeId) {
        return Optional.ofNullable(in(workspaceId).find(StoreSendLimit.class, storeId)).map(StoreSendLimit::messagesPerMinute)
                .orElse(rateDefault.perMinute());
    }

    /** The rate of a store without its own. */
    public int defaultSendRate() {
        return rateDefault.perMinute();
    }

    /** The send rates of the stores {@code who} sees, by store code. */
    public List<StoreSendRate> sendRates(Person who) {
        List<Store> stores = directory.listStores(who.viewer());
        EntityManager tenant = in(who.workspaceId());
        return stores.stream().map(store -> {
            StoreSendLimit own = tenant.find(StoreSendLimit.class, store.id());
            return new StoreSendRate(store.id(), store.storeCode(), own == null ? null : own.messagesPerMinute(),
                    own == null ? rateDefault.perMinute() : own.messagesPerMinute());
        }).toList();
    }

    /**
     * Replaces the workspace's rules and the filters of the destinations named in {@code filters}, as {@code who};
     * answers the rules now in force.
     *
     * @throws BusinessException {@code outreach-settings.not-allowed} without {@code settings.manage},
     *                           {@code outreach-settings.scope} for a role over less than the whole workspace
     */
    public OutreachRules change(Person who, OutreachRules rules, Map<ExportDestination, FieldFilter> filters) {
        long workspaceId = who.workspaceId();
        long userId = who.userId();
        allowed(who);
        if (!who.viewer().seesWholeWorkspace()) {
            throw refused(workspaceId, userId, "outreach-settings.scope",
                    "Approval settings and destination filters apply to the whole workspace: only a role over all of it may change them");
        }
        Map<String, Object> before = snapshot(workspaceId);
        Optional<OutreachSetting> stored = setting(workspaceId);
        if (stored.isPresent()) {
            stored.get().change(rules, userId, clock.instant());
        } else {
            em.persist(new OutreachSetting(rules, userId, clock.instant()));
        }
        filters.forEach((destination, filter) -> {
            Optional<DestinationFilter> own = in(workspaceId).createNamedQuery("DestinationFilter.ofDestination", DestinationFilter.class)
                    .setParameter("destination", destination).getResultStream().findFirst();
            if (own.isPresent()) {
                own.get().change(filter, userId, clock.instant());
            } else {
                em.persist(new DestinationFilter(destination, filter, userId, clock.instant()));
            }
        });
        em.flush();
        audit.record(entry(workspaceId, userId, AuditOutcome.SUCCESS).before(before).after(snapshot(workspaceId)).build());
        return rules;
    }

    /**
     * Sets the send rates of the stores named in {@code rates} (a null rate: back to the default), as {@code who};
     * answers the rates in force of the stores changed.
     *
     * @throws BusinessException {@code outreach-settings.not-allowed} without {@code settings.manage},
     *                           {@code not-found} for a store {@code grant} does not see,
     *                           {@code outreach-settings.invalid} for a rate out of its bounds
     */
    public Map<Long, Integer> changeSendRates(Person who, Map<Long, Integer> rates) {
        long workspaceId = who.workspaceId();
        long userId = who.userId();
        allowed(who);
        Viewer viewer = who.viewer();
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        Map<Long, Integer> inForce = new LinkedHashMap<>();
        for (Map.Entry<Long, Integer> rate : rates.entrySet()) {
            long storeId = rate.getKey();
            directory.store(viewer, storeId);
            StoreSendLimit own = in(workspaceId).find(StoreSendLimit.class, storeId);
            before.put(Long.toString(storeId), own == null ? null : own.messagesPerMinute());
            if (rate.getValue() == null) {
                if (own != null) {
                    em.remove(own);
                }
            } else if (own == null) {
                em.persist(new StoreSendLimit(storeId, rate.getValue()));
            } else {
                own.change(rate.getValue());
            }
            after.put(Long.toString(storeId), rate.getValue());
            inForce.put(storeId, rate.getValue() == null ? rateDefault.perMinute() : rate.getValue());
        }
        em.flush();
        audit.record(entry(workspaceId, userId, AuditOutcome.SUCCESS).before(Map.of("sendRates", before)).after(Map.of("sendRates", after))
                .build());
        return inForce;
    }

    private void allowed(Person who) {
        if (!who.may(Permission.SETTINGS_MANAGE)) {
            throw refused(who.workspaceId(), who.userId(), "outreach-settings.not-allowed", "Changing outreach settings needs settings.manage");
        }
    }

    private BusinessException refused(long workspaceId, long userId, String code, String message) {
        audit.recordAlone(entry(workspaceId, userId, AuditOutcome.DENIED).build());
        return new BusinessException(code, message);
    }

    private AuditEntry.Builder entry(long workspaceId, long userId, AuditOutcome outcome) {
        return AuditEntry.of(AuditAction.OUTREACH_SETTINGS_UPDATE, outcome).in(workspaceId).by(ActorType.USER, userId).via(AuditSource.UI)
                .on(workspaceId);
    }

    /** The rules and every destination's filter in force, for the audit record. */
    private Map<String, Object> snapshot(long workspaceId) {
        Map<String, Object> values = new LinkedHashMap<>(rules(workspaceId).asMap());
        Map<String, Object> filters = new LinkedHashMap<>();
        filters(workspaceId).forEach((destination, filter) -> filters.put(destination.name(), filter.asMap()));
        values.put("destinationFilters", filters);
        return values;
    }

    private Optional<OutreachSetting> setting(long workspaceId) {
        return in(workspaceId).createNamedQuery("OutreachSetting.ofWorkspace", OutreachSetting.class).getResultStream().findFirst();
    }

    private EntityManager in(long workspaceId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
        return em;
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }

    void useRateDefault(CampaignRateDefault rateDefault) {
        this.rateDefault = rateDefault;
    }
}
