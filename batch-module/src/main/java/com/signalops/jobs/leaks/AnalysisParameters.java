package com.signalops.jobs.leaks;

import com.signalops.leaks.domain.LeakSettings;
import jakarta.batch.runtime.context.JobContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a {@code revenue-leak-analysis} execution analyses: one store, one workspace's stores, the stores whose night
 * is due (the nightly run: {@code nightly=true}), or (nothing given) every store with orders; as of when; and the rule settings it overrides for this run. The job-level
 * properties of revenue-leak-analysis.xml, taken from its job parameters.
 */
record AnalysisParameters(Optional<Long> workspaceId, Optional<Long> storeId, Instant asOf, Map<String, String> overrides,
        boolean nightly) {

    static AnalysisParameters of(JobContext job) {
        Properties properties = job.getProperties();
        Optional<Long> workspace = number(properties, "workspaceId");
        Optional<Long> store = number(properties, "storeId");
        if (store.isPresent() && workspace.isEmpty()) {
            throw new IllegalArgumentException("revenue-leak-analysis needs the workspaceId of store " + store.get());
        }
        String asOf = properties.getProperty("asOf", "").trim();
        if (asOf.isEmpty()) {
            // a restart must see the instant the first execution saw, so the starter always fixes it
            throw new IllegalArgumentException("revenue-leak-analysis needs the job parameter asOf (ISO-8601 instant)");
        }
        Map<String, String> overrides = new HashMap<>();
        for (String name : LeakSettings.NAMES) {
            String value = properties.getProperty(name, "");
            if (!value.isBlank()) {
                overrides.put(name, value);
            }
        }
        try {
            boolean nightly = Boolean.parseBoolean(properties.getProperty("nightly", "false").trim()) && workspace.isEmpty();
            return new AnalysisParameters(workspace, store, Instant.parse(asOf), overrides, nightly);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("asOf is not an ISO-8601 instant: " + asOf, e);
        }
    }

    private static Optional<Long> number(Properties properties, String name) {
        String value = properties.getProperty(name, "").trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(value));
    }
}
