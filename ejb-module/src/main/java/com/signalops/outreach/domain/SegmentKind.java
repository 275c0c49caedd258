package com.signalops.outreach.domain;

/** The filters a segment can be: each names its parameters in {@link SegmentDefinition}. */
public enum SegmentKind {
    /** Customers with a paid order left unfulfilled for more than {@code hours}. */
    UNFULFILLED_PAID,
    /** Customers who bought variant {@code variantId} in the last {@code days}. */
    BOUGHT_VARIANT,
    /** Customers a revenue-leak finding concerns (its orders' customers, its variant's buyers, its code's users). */
    FINDING_CUSTOMERS
}
