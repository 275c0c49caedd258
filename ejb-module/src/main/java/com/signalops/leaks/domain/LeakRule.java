package com.signalops.leaks.domain;

import java.util.Arrays;
import java.util.Optional;

/** The eight revenue-leak rules of the contract, by the code a finding carries. */
public enum LeakRule {
    UNFULFILLED_PAID,
    STALE_PAYMENT,
    BELOW_COST,
    DISCOUNT_CODE_REUSE,
    REFUND_HEAVY_VARIANT,
    STOCKOUT,
    SHIPPING_UNDERCHARGED,
    OVER_REFUND;

    /** The rule whose code is {@code code}, if there is one. */
    public static Optional<LeakRule> fromCode(String code) {
        return Arrays.stream(values()).filter(rule -> rule.name().equals(code)).findFirst();
    }
}
