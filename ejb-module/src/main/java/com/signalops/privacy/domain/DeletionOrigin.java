package com.signalops.privacy.domain;

import java.time.Duration;

/**
 * Where a deletion request came from, and the deadline that source sets. Shopify requires
 * customers/redact and shop/redact to be completed within 30 days
 * (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance); SignalOps promises the
 * data of an uninstalled store gone within 48 hours of the event (docs/security.md), and a
 * workspace or account deleted from the console within 30 days of the end of its grace period.
 */
public enum DeletionOrigin {

    SHOP_REDACT(Duration.ofDays(30)),
    CUSTOMERS_REDACT(Duration.ofDays(30)),
    APP_UNINSTALLED(Duration.ofHours(48)),
    CONSOLE(Duration.ofDays(30));

    private final Duration deadline;

    DeletionOrigin(Duration deadline) {
        this.deadline = deadline;
    }

    /** How long after the request (or, for a console request, after its grace period) the deletion must be done. */
    public Duration deadline() {
        return deadline;
    }
}
