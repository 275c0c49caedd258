package com.signalops.tenancy.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.shared.UniqueKeys;
import com.signalops.tenancy.domain.District;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.TenantOwned;
import com.signalops.tenancy.domain.Viewer;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A workspace's districts and stores under the viewer's row-level scope ({@link Viewer}): what a
 * viewer cannot see does not exist for them, so an invisible id, another workspace's id and an
 * unknown id answer alike with {@link NotFoundException}. Whether the caller holds
 * {@code stores.view} or {@code stores.manage} is checked by the caller; the scope is checked here.
 * Every change is audited.
 */
@Stateless
public class DirectoryService {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    /** The unique keys of district and store, and what a clash with each means. */
    private static final Map<String, Supplier<BusinessException>> DUPLICATES = Map.of(
            "uk_district_name", () -> new BusinessException("district.name-taken", "A district of this name exists already"),
            "uk_store_code", () -> new BusinessException("store.code-taken", "A store with this code exists already"),
            // a shop belongs to one workspace only: this one or another
            "uk_store_shop_domain", () -> new BusinessException("store.shop-domain-taken", "This shop is registered already"));

    private final Clock clock = Clock.systemUTC();

    /** The districts {@code viewer} sees, by name. */
    public List<District> listDistricts(Viewer viewer) {
        return viewer.visibleDistricts(in(viewer));
    }

    /** The stores {@code viewer} sees, by code. */
    public List<Store> listStores(Viewer viewer) {
        return viewer.visibleStores(in(viewer));
    }

    /**
     * The district {@code districtId}.
     *
     * @throws NotFoundException when {@code viewer} does not see it, whether it exists or not
     */
    public District district(Viewer viewer, long districtId) {
        District district = in(viewer).find(District.class, districtId);
        if (district == null) {
            CrossTenantAccess.reportIfElsewhere(em, audit, CrossTenantAccess.Table.DISTRICT, districtId, viewer.workspaceId());
        }
        if (district == null || !viewer.sees(district)) {
            throw new NotFoundException("District");
        }
        return district;
    }

    /**
     * The store {@code storeId}.
     *
     * @throws NotFoundException when {@code viewer} does not see it, whether it exists or not
     */
    public Store store(Viewer viewer, long storeId) {
        Store store = in(viewer).find(Store.class, storeId);
        if (store == null) {
            CrossTenantAccess.reportIfElsewhere(em, audit, CrossTenantAccess.Table.STORE, storeId, viewer.workspaceId());
        }
        if (store == null || !viewer.sees(store)) {
            throw new NotFoundException("Store");
        }
        return store;
    }

    /**
     * Creates district {@code name}; only a viewer of the whole workspace may.
     *
     * @throws BusinessException {@code directory.out-of-scope}, {@code district.name-invalid} or
     *                           {@code district.name-taken}
     */
    public District createDistrict(Viewer viewer, long actorUserId, String name) {
        in(viewer);
        requireWholeWorkspace(viewer, actorUserId, AuditAction.DISTRICT_CREATE, "district", null);
        District district = valid("district.name-invalid", "A district name has 1 to " + District.NAME_LENGTH + " characters",
                () -> new District(name, clock.instant()));
        insert(district);
        audit.record(entry(viewer, actorUserId, AuditAction.DISTRICT_CREATE, district.id()).after(snapshot(district)).build());
        return district;
    }

    /**
     * Creates a store in {@code districtId} (or in none). A workspace viewer may put it anywhere, a
     * district viewer only in their own district; a store viewer creates none.
     *
     * @param storeCode  the workspace's short code, {@code ^[A-Z0-9][A-Z0-9-]{0,39}$} once upper-cased
     * @param shopDomain the permanent {@code *.myshopify.com} domain, lower-cased
     * @param currency   an ISO 4217 code
     * @param timezone   a time-zone id such as {@code Europe/Berlin}
     * @throws NotFoundException when {@code districtId} is not one the viewer sees
     * @throws BusinessException {@code directory.out-of-scope}, {@code store.code-invalid},
     *                           {@code store.shop-domain-invalid}, {@code store.currency-invalid},
     *                           {@code store.timezone-invalid}, {@code store.code-taken} or
     *                           {@code store.shop-domain-taken}
     */
    public Store createStore(Viewer viewer, long actorUserId, String storeCode, String shopDomain, String currency,
            String timezone, Long districtId) {
        in(viewer);
        District district = districtId == null ? null : district(viewer, districtId);
        if (!viewer.mayAddStoreTo(district)) {
            deny(viewer, actorUserId, AuditAction.STORE_CREATE, "district", districtId);
        }
        String code = valid("store.code-invalid", "A store code has 1 to 40 letters, digits or '-'", () -> Store.normaliseCode(storeCode));
        String domain = valid("store.shop-domain-invalid", "Not a shop's myshopify.com domain",
                () -> Store.normaliseShopDomain(shopDomain));
        Currency money = valid("store.currency-invalid", "Not an ISO 4217 currency code", () -> Store.currencyOf(currency));
        ZoneId zone = valid("store.timezone-invalid", "Not a time zone", () -> Store.timezoneOf(timezone));
        Store store = new Store(code, domain, money, zone, clock.instant());
        store.assignTo(district);
        insert(store);
        audit.record(entry(viewer, actorUserId, AuditAction.STORE_CREATE, store.id()).after(snapshot(store)).build());
        return store;
    }

    /**
     * Moves store {@code storeId} into district {@code districtId}, or out of any district when it
     * is null; only a viewer of the whole workspace may.
     *
     * @throws NotFoundException when the viewer does not see the store or the district
     * @throws BusinessException {@code directory.out-of-scope}
     */
    public Store moveStore(Viewer viewer, long actorUserId, long storeId, Long districtId) {
        Store store = store(viewer, storeId);
        requireWholeWorkspace(viewer, actorUserId, AuditAction.STORE_MOVE, "store", storeId);
        Map<String, Object> before = snapshot(store);
        store.assignTo(districtId == null ? null : district(viewer, districtId));
        em.flush();
        audit.record(entry(viewer, actorUserId, AuditAction.STORE_MOVE, store.id()).before(before).after(snapshot(store)).build());
        return store;
    }

    private EntityManager in(Viewer viewer) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(viewer.workspaceId()));
        return em;
    }

    private void requireWholeWorkspace(Viewer viewer, long actorUserId, AuditAction action, String entityType, Long entityId) {
        if (!viewer.seesWholeWorkspace()) {
            deny(viewer, actorUserId, action, entityType, entityId);
        }
    }

    private void deny(Viewer viewer, long actorUserId, AuditAction action, String entityType, Long entityId) {
        audit.recordAlone(AuditEntry.of(action, AuditOutcome.DENIED).in(viewer.workspaceId()).by(ActorType.USER, actorUserId)
                .via(AuditSource.UI).on(entityType, entityId).build());
        throw new BusinessException("directory.out-of-scope", "That is outside the scope of your active role");
    }

    /** Inserts {@code row} now, so that a duplicate is answered as such rather than as a failed commit. */
    private void insert(Object row) {
        try {
            em.persist(row);
            em.flush();
        } catch (PersistenceException e) {
            for (Map.Entry<String, Supplier<BusinessException>> duplicate : DUPLICATES.entrySet()) {
                if (UniqueKeys.violated(e, duplicate.getKey())) {
                    throw duplicate.getValue().get();
                }
            }
            throw e;
        }
    }

    private static <T> T valid(String code, String message, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BusinessException(code, message);
        }
    }

    private static AuditEntry.Builder entry(Viewer viewer, long actorUserId, AuditAction action, Long entityId) {
        return AuditEntry.of(action, AuditOutcome.SUCCESS).in(viewer.workspaceId()).by(ActorType.USER, actorUserId)
                .via(AuditSource.UI).on(entityId);
    }

    private static Map<String, Object> snapshot(District district) {
        return Map.of("districtName", district.name());
    }

    /** A store as the audit record shows it; a store in no district has {@code districtId} null. */
    private static Map<String, Object> snapshot(Store store) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("storeCode", store.storeCode());
        values.put("shopDomain", store.shopDomain());
        values.put("currency", store.currency().getCurrencyCode());
        values.put("timezone", store.timezone().getId());
        values.put("districtId", store.districtId().orElse(null));
        return values;
    }
}
