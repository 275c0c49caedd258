package com.signalops.leaks.service;

import com.signalops.leaks.domain.LeakRule;
import com.signalops.leaks.domain.LeakTimeline;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.TenantOwned;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The leak dashboard of a scope the viewer sees: the whole workspace (the stores the viewer's role sees), a district,
 * or a store. Its open findings' totals by rule and currency now, and over the last days as the analyses recorded
 * them. A district or store out of the viewer's scope answers like an unknown one.
 */
@Stateless
public class LeakDashboards {

    /** The most days a dashboard looks back. */
    public static final int MAX_DAYS = 366;
    /** How far before the first day shown a store's last analysis is still carried in. */
    private static final int CARRY_DAYS = 31;

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private DirectoryService directory;

    private Clock clock = Clock.systemUTC();

    /** A dashboard: the stores in scope, the open totals by rule now, and the daily points from {@code from} to {@code to}. */
    public record Dashboard(List<Store> stores, List<LeakFindings.RuleTotal> totals, List<LeakTimeline.Point> timeline, LocalDate from,
            LocalDate to) {
    }

    /**
     * The dashboard of district {@code districtId} or store {@code storeId} when one is given, else of every store the
     * viewer sees, over the last {@code days} days (today, UTC, included).
     */
    public Dashboard dashboard(Viewer viewer, Optional<Long> districtId, Optional<Long> storeId, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new BusinessException("leak-dashboard.days-invalid", "days must be between 1 and " + MAX_DAYS);
        }
        List<Store> stores;
        if (storeId.isPresent()) {
            stores = List.of(directory.store(viewer, storeId.get()));
        } else if (districtId.isPresent()) {
            long district = directory.district(viewer, districtId.get()).id();
            stores = directory.listStores(viewer).stream().filter(s -> s.districtId().map(d -> d == district).orElse(false)).toList();
        } else {
            stores = directory.listStores(viewer);
        }
        LocalDate to = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate from = to.minusDays(days - 1L);
        if (stores.isEmpty()) {
            return new Dashboard(stores, List.of(), List.of(), from, to);
        }
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(viewer.workspaceId()));
        List<Long> ids = stores.stream().map(Store::id).toList();
        List<LeakFindings.RuleTotal> totals = em.createNamedQuery("LeakFinding.summarizeOpenByStores", Object[].class)
                .setParameter("storeIds", ids).getResultList().stream()
                .map(row -> new LeakFindings.RuleTotal((LeakRule) row[0], (Long) row[2], (BigDecimal) row[3], (String) row[1])).toList();
        // a native statement: the tenant is bound by hand, the store ids are the viewer's own
        Query recorded = em.createNativeQuery("SELECT store_id, day, rule_code, currency, open_count, open_amount FROM leak_daily_total "
                + "WHERE workspace_id = ? AND store_id IN (" + ids.stream().map(id -> "?").collect(Collectors.joining(", "))
                + ") AND day BETWEEN ? AND ?");
        int index = 1;
        recorded.setParameter(index++, viewer.workspaceId());
        for (Long id : ids) {
            recorded.setParameter(index++, id);
        }
        recorded.setParameter(index++, Date.valueOf(from.minusDays(CARRY_DAYS)));
        recorded.setParameter(index, Date.valueOf(to));
        List<LeakTimeline.StoreDay> storeDays = ((List<?>) recorded.getResultList()).stream().map(Object[].class::cast)
                .flatMap(row -> LeakRule.fromCode((String) row[2]).stream().map(rule -> new LeakTimeline.StoreDay(((Number) row[0]).longValue(),
                        day(row[1]), rule, (String) row[3], ((Number) row[4]).longValue(), (BigDecimal) row[5])))
                .toList();
        return new Dashboard(stores, totals, LeakTimeline.of(storeDays, from, to), from, to);
    }

    private static LocalDate day(Object value) {
        return value instanceof LocalDate local ? local : ((Date) value).toLocalDate();
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }
}
