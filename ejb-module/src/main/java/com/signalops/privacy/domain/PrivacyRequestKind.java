package com.signalops.privacy.domain;

import java.time.Duration;

/**
 * What a data subject asks for, and by when it must be done. Shopify requires an app to complete
 * customer data requests and redactions within 30 days of receiving them
 * (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance); GDPR Art. 12(3) sets
 * one month for access requests, which 30 days does not exceed.
 */
public enum PrivacyRequestKind {

    /** The shop's customer asks for the data held about them (customers/data_request). */
    CUSTOMER_DATA_REQUEST(Duration.ofDays(30)),
    /** The shop's customer asks for their data to be erased (customers/redact). */
    CUSTOMER_REDACT(Duration.ofDays(30)),
    /** The shop uninstalled the app 48 hours ago; its data must be erased (shop/redact). */
    SHOP_REDACT(Duration.ofDays(30));

    private final Duration legalDeadline;

    PrivacyRequestKind(Duration legalDeadline) {
        this.legalDeadline = legalDeadline;
    }

    /** How long after receipt the request must be acted on. */
    public Duration legalDeadline() {
        return legalDeadline;
    }
}
