package com.signalops.leaks.web;

import com.signalops.identity.web.ConsoleSession;
import com.signalops.leaks.domain.LeakTimeline;
import com.signalops.leaks.service.LeakDashboards;
import com.signalops.leaks.service.LeakFindings;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.District;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The leak dashboard: of the whole workspace as the active role sees it, of a district ({@code ?districtId=}) or of a
 * store ({@code ?storeId=}); the open findings by rule now and over the last {@code ?days=} days (7, 30 or 90; 30 by
 * default) as charts and tables, in one currency at a time ({@code ?currency=}, the first found by default). A
 * district or store the role does not see shows nothing of it.
 */
@Named
@RequestScoped
public class LeakDashboardBacking {

    /** The periods offered. */
    public static final List<Integer> PERIODS = List.of(7, 30, 90);

    @EJB
    private LeakDashboards dashboards;

    @EJB
    private DirectoryService directory;

    @Inject
    private ConsoleSession session;

    @Inject
    private ExternalContext external;

    private LeakDashboards.Dashboard dashboard;
    private boolean unknownScope;
    private Optional<String> currency;

    public List<District> getDistricts() {
        return directory.listDistricts(viewer());
    }

    public List<Store> getStores() {
        return directory.listStores(viewer());
    }

    public Long getDistrictId() {
        return number("districtId").orElse(null);
    }

    public Long getStoreId() {
        return number("storeId").orElse(null);
    }

    public List<Integer> getPeriods() {
        return PERIODS;
    }

    public int getDays() {
        return number("days").map(Long::intValue).filter(PERIODS::contains).orElse(30);
    }

    /** The dashboard of the scope asked for; empty when the role does not see it. */
    public LeakDashboards.Dashboard getDashboard() {
        if (dashboard == null) {
            try {
                dashboard = dashboards.dashboard(viewer(), Optional.ofNullable(getDistrictId()), Optional.ofNullable(getStoreId()), getDays());
            } catch (NotFoundException e) {
                unknownScope = true;
                dashboard = new LeakDashboards.Dashboard(List.of(), List.of(), List.of(), null, null);
            }
        }
        return dashboard;
    }

    public boolean isUnknownScope() {
        getDashboard();
        return unknownScope;
    }

    /** The currencies of the scope's findings, now or on a day shown. */
    public List<String> getCurrencies() {
        return Stream.concat(getDashboard().totals().stream().map(LeakFindings.RuleTotal::currency),
                getDashboard().timeline().stream().map(LeakTimeline.Point::currency)).distinct().sorted().toList();
    }

    /** The currency charted: {@code ?currency=} when the scope has it, else the first. */
    public String getCurrency() {
        if (currency == null) {
            String asked = external.getRequestParameterMap().get("currency");
            List<String> currencies = getCurrencies();
            currency = Optional.ofNullable(currencies.contains(asked) ? asked : currencies.stream().findFirst().orElse(null));
        }
        return currency.orElse(null);
    }

    /** The open findings by rule now, in the currency charted. */
    public List<LeakFindings.RuleTotal> getTotals() {
        return getDashboard().totals().stream().filter(t -> t.currency().equals(getCurrency())).toList();
    }

    /** The sum of the open amounts in the currency charted. */
    public BigDecimal getTotalAmount() {
        return getTotals().stream().map(LeakFindings.RuleTotal::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public long getTotalCount() {
        return getTotals().stream().mapToLong(LeakFindings.RuleTotal::count).sum();
    }

    public String getTotalsChart() {
        return getCurrency() == null ? null : LeakCharts.totalsByRule(getDashboard().totals(), getCurrency());
    }

    public String getTimelineChart() {
        return getCurrency() == null ? null
                : LeakCharts.overTime(getDashboard().timeline(), getDashboard().from(), getDashboard().to(), getCurrency());
    }

    /** Per day shown, the open findings of every rule together in the currency charted. */
    public List<DayTotal> getDailyTotals() {
        String currency = getCurrency();
        if (currency == null) {
            return List.of();
        }
        return getDashboard().from().datesUntil(getDashboard().to().plusDays(1)).map(day -> {
            List<LeakTimeline.Point> points = getDashboard().timeline().stream().filter(p -> p.day().equals(day)
                    && p.currency().equals(currency)).toList();
            return new DayTotal(day.toString(), points.stream().mapToLong(LeakTimeline.Point::count).sum(),
                    points.stream().map(LeakTimeline.Point::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        }).toList();
    }

    /** One day's open findings. */
    public record DayTotal(String day, long count, BigDecimal amount) {
    }

    private Optional<Long> number(String name) {
        try {
            String value = external.getRequestParameterMap().get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(Long.valueOf(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Viewer viewer() {
        return Viewer.of(session.getWorkspaceId(), session.getActiveRole());
    }
}
