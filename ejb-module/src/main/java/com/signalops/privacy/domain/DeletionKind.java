package com.signalops.privacy.domain;

/** Whose data a deletion request removes. */
public enum DeletionKind {

    /** Every row of one store, the store itself last (shop/redact, app/uninstalled). */
    SHOP,
    /** Every record of one customer of one store, and what was derived from it (customers/redact). */
    CUSTOMER,
    /** A merchant's whole workspace, after a grace period in which it can be cancelled. */
    WORKSPACE,
    /** A SignalOps user's own account; their audit records keep a pseudonym. */
    USER
}
