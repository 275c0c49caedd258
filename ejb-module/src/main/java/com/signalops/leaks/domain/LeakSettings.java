package com.signalops.leaks.domain;

import com.signalops.shared.BusinessException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The thresholds of the eight rules for one analysis: the contract's defaults, a store's own values
 * ({@code leak_rule_setting}), and overrides given to one run, by the names the contract uses.
 */
public record LeakSettings(int lookbackDays, int unfulfilledHours, int stalePaymentDays, int minUnitsSold, BigDecimal refundRate,
        int velocityDays, BigDecimal minVelocity, int lostDays, BigDecimal freeShippingThreshold, BigDecimal flatShippingRate) {

    private static final int MAX_DAYS = 3660;
    private static final BigDecimal MAX_MONEY = new BigDecimal("1000000");

    /** The contract's defaults. */
    public static final LeakSettings DEFAULTS = new LeakSettings(90, 48, 5, 10, new BigDecimal("0.20"), 30, new BigDecimal("0.5"), 7,
            new BigDecimal("50.00"), new BigDecimal("5.99"));

    /** The names of the settings, as job parameters, the API and the console write them. */
    public static final List<String> NAMES = List.of("lookbackDays", "unfulfilledHours", "stalePaymentDays",
            "minUnitsSold", "refundRate", "velocityDays", "minVelocity", "lostDays", "freeShippingThreshold", "flatShippingRate");

    public LeakSettings {
        within("lookbackDays", lookbackDays, 1, MAX_DAYS);
        within("unfulfilledHours", unfulfilledHours, 0, MAX_DAYS * 24);
        within("stalePaymentDays", stalePaymentDays, 0, MAX_DAYS);
        within("minUnitsSold", minUnitsSold, 1, 1_000_000_000);
        decimal("refundRate", refundRate, BigDecimal.ONE);
        within("velocityDays", velocityDays, 1, MAX_DAYS);
        decimal("minVelocity", minVelocity, MAX_MONEY);
        within("lostDays", lostDays, 0, MAX_DAYS);
        decimal("freeShippingThreshold", freeShippingThreshold, MAX_MONEY);
        decimal("flatShippingRate", flatShippingRate, MAX_MONEY);
    }

    /**
     * These settings with every name of {@code overrides} that is a setting replaced by its value; other names are
     * ignored, so job parameters can be passed whole.
     *
     * @throws BusinessException ({@code leak-settings.invalid}) for a value that is not a number or is out of range
     */
    public LeakSettings with(Map<String, String> overrides) {
        Map<String, String> values = asMap();
        overrides.forEach((name, value) -> {
            if (values.containsKey(name) && value != null && !value.isBlank()) {
                values.put(name, value.trim());
            }
        });
        try {
            return new LeakSettings(Integer.parseInt(values.get("lookbackDays")), Integer.parseInt(values.get("unfulfilledHours")),
                    Integer.parseInt(values.get("stalePaymentDays")), Integer.parseInt(values.get("minUnitsSold")),
                    new BigDecimal(values.get("refundRate")), Integer.parseInt(values.get("velocityDays")),
                    new BigDecimal(values.get("minVelocity")), Integer.parseInt(values.get("lostDays")),
                    new BigDecimal(values.get("freeShippingThreshold")), new BigDecimal(values.get("flatShippingRate")));
        } catch (NumberFormatException e) {
            throw new BusinessException("leak-settings.invalid", "Rule settings must be numbers: " + e.getMessage());
        }
    }

    /** Every setting by name, as text (decimals as written). */
    public Map<String, String> asMap() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("lookbackDays", Integer.toString(lookbackDays));
        values.put("unfulfilledHours", Integer.toString(unfulfilledHours));
        values.put("stalePaymentDays", Integer.toString(stalePaymentDays));
        values.put("minUnitsSold", Integer.toString(minUnitsSold));
        values.put("refundRate", refundRate.toPlainString());
        values.put("velocityDays", Integer.toString(velocityDays));
        values.put("minVelocity", minVelocity.toPlainString());
        values.put("lostDays", Integer.toString(lostDays));
        values.put("freeShippingThreshold", freeShippingThreshold.toPlainString());
        values.put("flatShippingRate", flatShippingRate.toPlainString());
        return values;
    }

    /** The settings of store {@code storeId}: its row of {@code leak_rule_setting}, or the defaults. */
    public static LeakSettings ofStore(Connection connection, long workspaceId, long storeId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT lookback_days, unfulfilled_hours, stale_payment_days, "
                + "min_units_sold, refund_rate, velocity_days, min_velocity, lost_days, free_shipping_threshold, flat_shipping_rate "
                + "FROM leak_rule_setting WHERE workspace_id = ? AND store_id = ?")) {
            select.setLong(1, workspaceId);
            select.setLong(2, storeId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return DEFAULTS;
                }
                return new LeakSettings(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4), row.getBigDecimal(5), row.getInt(6),
                        row.getBigDecimal(7), row.getInt(8), row.getBigDecimal(9), row.getBigDecimal(10));
            }
        }
    }

    private static void within(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new BusinessException("leak-settings.invalid", name + " must be between " + min + " and " + max);
        }
    }

    private static void decimal(String name, BigDecimal value, BigDecimal max) {
        if (value == null || value.signum() < 0 || value.compareTo(max) > 0 || value.stripTrailingZeros().scale() > 4) {
            throw new BusinessException("leak-settings.invalid", name + " must be a decimal between 0 and " + max.toPlainString()
                    + " with at most 4 decimals");
        }
    }
}
