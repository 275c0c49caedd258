package com.signalops.retention.domain;

import com.signalops.shared.BusinessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many days a workspace keeps each {@link RetentionCategory}: every period between its floor and
 * {@link RetentionCategory#MAX_DAYS}. The audit records' floor is the larger of the category's own (one year) and
 * the legal floor configured for the installation ({@code SIGNALOPS_AUDIT_RETENTION_FLOOR_DAYS}).
 */
public final class RetentionPolicy {

    /** The columns of {@code retention_setting}, in category order. */
    static final String COLUMNS = "orders_days, leak_findings_days, webhook_inbox_days, import_files_days, job_history_days, "
            + "audit_records_days, security_events_days";

    private final Map<RetentionCategory, Integer> days;

    private RetentionPolicy(Map<RetentionCategory, Integer> days) {
        this.days = Collections.unmodifiableMap(new EnumMap<>(days));
    }

    /** The defaults, the audit period raised to {@code auditFloorDays} when the configured floor is longer. */
    public static RetentionPolicy defaults(int auditFloorDays) {
        Map<RetentionCategory, Integer> days = new EnumMap<>(RetentionCategory.class);
        for (RetentionCategory category : RetentionCategory.values()) {
            days.put(category, category.defaultDays());
        }
        days.put(RetentionCategory.AUDIT_RECORDS, Math.max(RetentionCategory.AUDIT_RECORDS.defaultDays(), auditFloor(auditFloorDays)));
        return new RetentionPolicy(days);
    }

    /**
     * A policy of these periods.
     *
     * @throws BusinessException ({@code retention.invalid}) naming the first period below its floor or above the maximum
     */
    public static RetentionPolicy of(Map<RetentionCategory, Integer> days, int auditFloorDays) {
        for (RetentionCategory category : RetentionCategory.values()) {
            Integer value = days.get(category);
            int floor = floor(category, auditFloorDays);
            if (value == null || value < floor || value > Math.max(RetentionCategory.MAX_DAYS, floor)) {
                throw new BusinessException("retention.invalid", category.key() + " must be kept at least " + floor + " and at most "
                        + Math.max(RetentionCategory.MAX_DAYS, floor) + " days" + (value == null ? "" : ", not " + value));
            }
        }
        return new RetentionPolicy(days);
    }

    /** The floor of {@code category} in days, with the configured audit floor. */
    public static int floor(RetentionCategory category, int auditFloorDays) {
        return category == RetentionCategory.AUDIT_RECORDS ? auditFloor(auditFloorDays) : category.floorDays();
    }

    /** The audit records' floor: never less than a year, whatever the configuration says. */
    public static int auditFloor(int configuredDays) {
        return Math.max(RetentionCategory.AUDIT_RECORDS.floorDays(), configuredDays);
    }

    /**
     * This policy with the periods named in {@code changes} (by {@link RetentionCategory#key()}) replaced.
     *
     * @throws BusinessException ({@code retention.invalid}) for an unknown name, a value that is not a whole number of
     *                           days, or a period below its floor
     */
    public RetentionPolicy with(Map<String, String> changes, int auditFloorDays) {
        Map<RetentionCategory, Integer> changed = new EnumMap<>(days);
        changes.forEach((name, value) -> {
            RetentionCategory category = RetentionCategory.fromKey(name)
                    .orElseThrow(() -> new BusinessException("retention.invalid", "Unknown retention setting " + name));
            if (value == null || value.isBlank()) {
                throw new BusinessException("retention.invalid", name + " needs a number of days");
            }
            try {
                changed.put(category, Integer.parseInt(value.trim()));
            } catch (NumberFormatException e) {
                throw new BusinessException("retention.invalid", name + " must be a whole number of days, not " + value.trim());
            }
        });
        return of(changed, auditFloorDays);
    }

    public int days(RetentionCategory category) {
        return days.get(category);
    }

    /** The start of the period of {@code category} as of {@code asOf}: what is older goes (UTC, as the tables store it). */
    public LocalDateTime cutoff(RetentionCategory category, Instant asOf) {
        return LocalDateTime.ofInstant(asOf.minus(days(category), ChronoUnit.DAYS), ZoneOffset.UTC);
    }

    /** Every period by name, for the console and the audit record. */
    public Map<String, Object> asMap() {
        Map<String, Object> values = new LinkedHashMap<>();
        days.forEach((category, value) -> values.put(category.key(), value));
        return values;
    }

    /**
     * The policy of workspace {@code workspaceId}: its row of {@code retention_setting}, or the defaults. A stored period
     * below today's floor (the configured floor was raised) counts as the floor.
     */
    public static RetentionPolicy ofWorkspace(Connection connection, long workspaceId, int auditFloorDays) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM retention_setting WHERE workspace_id = ?")) {
            select.setLong(1, workspaceId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return defaults(auditFloorDays);
                }
                Map<RetentionCategory, Integer> days = new EnumMap<>(RetentionCategory.class);
                RetentionCategory[] categories = RetentionCategory.values();
                for (int i = 0; i < categories.length; i++) {
                    days.put(categories[i], row.getInt(i + 1));
                }
                return stored(days, auditFloorDays);
            }
        }
    }

    /** A stored policy, raised to the floors in force (the configured audit floor may have grown since it was saved). */
    static RetentionPolicy stored(Map<RetentionCategory, Integer> days, int auditFloorDays) {
        Map<RetentionCategory, Integer> raised = new EnumMap<>(RetentionCategory.class);
        days.forEach((category, value) -> raised.put(category, Math.max(value, floor(category, auditFloorDays))));
        return new RetentionPolicy(raised);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RetentionPolicy that && days.equals(that.days);
    }

    @Override
    public int hashCode() {
        return days.hashCode();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
