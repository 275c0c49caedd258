package com.signalops.leaks.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakTimelineTest {

    private static final LocalDate FIRST = LocalDate.parse("2026-11-20");

    @Test
    void eachDaySumsEveryStoresLatestAnalysisOnOrBeforeIt() {
        List<LeakTimeline.StoreDay> recorded = List.of(
                day(1, "2026-11-10", LeakRule.STOCKOUT, "USD", 2, "10.00"),
                day(1, "2026-11-21", LeakRule.STOCKOUT, "USD", 1, "4.50"),
                day(2, "2026-11-20", LeakRule.STOCKOUT, "USD", 3, "1.25"),
                day(2, "2026-11-22", LeakRule.STOCKOUT, "USD", 0, "0.00"),
                day(3, "2026-11-21", LeakRule.OVER_REFUND, "EUR", 1, "7.00"));

        List<String> points = LeakTimeline.of(recorded, FIRST, FIRST.plusDays(2)).stream()
                .map(p -> p.day() + " " + p.rule() + " " + p.currency() + " " + p.count() + " " + p.amount()).toList();

        assertEquals(List.of(
                "2026-11-20 STOCKOUT USD 5 11.25",
                "2026-11-21 STOCKOUT USD 4 5.75",
                "2026-11-21 OVER_REFUND EUR 1 7.00",
                "2026-11-22 STOCKOUT USD 1 4.50",
                "2026-11-22 OVER_REFUND EUR 1 7.00"), points,
                "store 1 carries its analysis of the 10th to the 20th; store 3 counts from its first analysis; currencies apart");
    }

    @Test
    void storesNotYetAnalysedAddNothing() {
        assertEquals(List.of(), LeakTimeline.of(List.of(day(1, "2026-11-25", LeakRule.STOCKOUT, "USD", 1, "1.00")), FIRST, FIRST.plusDays(1)));
    }

    private static LeakTimeline.StoreDay day(long store, String day, LeakRule rule, String currency, long count, String amount) {
        return new LeakTimeline.StoreDay(store, LocalDate.parse(day), rule, currency, count, new BigDecimal(amount));
    }
}
