package com.signalops.leaks.web;

import com.signalops.leaks.domain.LeakRule;
import com.signalops.leaks.domain.LeakTimeline;
import com.signalops.leaks.service.LeakFindings;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The leak dashboard's charts as the Chart.js configurations PrimeFaces' {@code p:chart} draws: open amounts by rule
 * in one currency (bars), and open amounts per rule over the days shown (lines). Numbers only: no script.
 */
final class LeakCharts {

    private LeakCharts() {
    }

    /** Bars: per rule, the open amount in {@code currency}. */
    static String totalsByRule(List<LeakFindings.RuleTotal> totals, String currency) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder amounts = Json.createArrayBuilder();
        for (LeakRule rule : LeakRule.values()) {
            labels.add(rule.name());
            amounts.add(totals.stream().filter(t -> t.rule() == rule && t.currency().equals(currency)).map(LeakFindings.RuleTotal::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add));
        }
        JsonObjectBuilder dataset = Json.createObjectBuilder().add("label", "Open amount at risk (" + currency + ")").add("data", amounts);
        return chart("bar", labels, Json.createArrayBuilder().add(dataset));
    }

    /** Lines: per rule that had open findings on any day shown, its open amount in {@code currency} each day. */
    static String overTime(List<LeakTimeline.Point> points, LocalDate from, LocalDate to, String currency) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            labels.add(day.toString());
        }
        Map<LeakRule, Map<LocalDate, BigDecimal>> byRule = new TreeMap<>();
        points.stream().filter(p -> p.currency().equals(currency) && p.count() > 0)
                .forEach(p -> byRule.computeIfAbsent(p.rule(), r -> new TreeMap<>()).put(p.day(), p.amount()));
        JsonArrayBuilder datasets = Json.createArrayBuilder();
        byRule.forEach((rule, days) -> {
            JsonArrayBuilder data = Json.createArrayBuilder();
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                data.add(days.getOrDefault(day, BigDecimal.ZERO));
            }
            datasets.add(Json.createObjectBuilder().add("label", rule.name()).add("data", data).add("fill", false));
        });
        return chart("line", labels, datasets);
    }

    private static String chart(String type, JsonArrayBuilder labels, JsonArrayBuilder datasets) {
        return Json.createObjectBuilder().add("type", type)
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", Json.createObjectBuilder().add("animation", false).add("responsive", true)
                        .add("scales", Json.createObjectBuilder().add("y", Json.createObjectBuilder().add("beginAtZero", true))))
                .build().toString();
    }
}
