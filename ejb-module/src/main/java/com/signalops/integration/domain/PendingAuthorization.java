package com.signalops.integration.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One Shopify authorization a console user started and Shopify has not answered yet: the random
 * {@code state} sent to Shopify, and the workspace, store, shop and user it was started for. It
 * lives only in the user's HTTP session ({@link PendingAuthorizations}) and is never shown.
 */
public record PendingAuthorization(String state, long workspaceId, long storeId, String shopDomain, long userId, Instant expiresAt)
        implements Serializable {

    public PendingAuthorization {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(shopDomain, "shopDomain");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Never the state. */
    @Override
    public String toString() {
        return "PendingAuthorization[store " + storeId + " of workspace " + workspaceId + ", shop " + shopDomain + ", until " + expiresAt + "]";
    }
}
