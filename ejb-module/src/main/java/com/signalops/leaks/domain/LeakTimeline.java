package com.signalops.leaks.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Open findings over time for a set of stores: per day, rule and currency, the sum over the stores of what each
 * store's latest analysis on or before that day left open ({@code leak_daily_total}). A store not analysed on a day
 * counts with its last analysis before it; a store not analysed yet counts nothing.
 */
public final class LeakTimeline {

    /** A store's open findings of one rule as an analysis recorded them for a day. */
    public record StoreDay(long storeId, LocalDate day, LeakRule rule, String currency, long count, BigDecimal amount) {
    }

    /** The scope's open findings of one rule in one currency on one day. */
    public record Point(LocalDate day, LeakRule rule, String currency, long count, BigDecimal amount) {
    }

    private LeakTimeline() {
    }

    /**
     * The points of every day of {@code [from, to]} for the rules and currencies {@code recorded} holds, from the
     * store days {@code recorded} (which should reach back before {@code from} far enough to carry a store's last
     * analysis in), by day, rule and currency.
     */
    public static List<Point> of(Collection<StoreDay> recorded, LocalDate from, LocalDate to) {
        // per store and rule, the store's recorded days in order
        Map<Long, Map<LeakRule, TreeMap<LocalDate, StoreDay>>> byStore = new HashMap<>();
        for (StoreDay day : recorded) {
            byStore.computeIfAbsent(day.storeId(), s -> new HashMap<>()).computeIfAbsent(day.rule(), r -> new TreeMap<>()).put(day.day(), day);
        }
        List<Point> points = new ArrayList<>();
        for (LocalDate next = from; !next.isAfter(to); next = next.plusDays(1)) {
            LocalDate day = next;
            Map<String, Point> sums = new TreeMap<>();
            for (Map<LeakRule, TreeMap<LocalDate, StoreDay>> rules : byStore.values()) {
                for (TreeMap<LocalDate, StoreDay> days : rules.values()) {
                    Map.Entry<LocalDate, StoreDay> last = days.floorEntry(day);
                    if (last == null) {
                        continue;
                    }
                    StoreDay value = last.getValue();
                    sums.merge(value.rule().ordinal() + "|" + value.currency(),
                            new Point(day, value.rule(), value.currency(), value.count(), value.amount()),
                            (a, b) -> new Point(day, a.rule(), a.currency(), a.count() + b.count(), a.amount().add(b.amount())));
                }
            }
            points.addAll(sums.values());
        }
        points.sort(Comparator.comparing(Point::day).thenComparing(Point::rule).thenComparing(Point::currency));
        return points;
    }
}
