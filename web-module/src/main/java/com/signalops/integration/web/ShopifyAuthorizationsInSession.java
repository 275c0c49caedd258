package com.signalops.integration.web;

import com.signalops.integration.domain.PendingAuthorization;
import com.signalops.integration.domain.PendingAuthorizations;
import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * The Shopify authorizations the console user of this HTTP session has started: their states live
 * here, on the server, and only the session that started one can finish it.
 */
@SessionScoped
public class ShopifyAuthorizationsInSession implements Serializable {

    private static final long serialVersionUID = 1L;

    private final PendingAuthorizations pending = new PendingAuthorizations();

    public PendingAuthorization begin(long workspaceId, long storeId, String shopDomain, long userId) {
        return pending.begin(workspaceId, storeId, shopDomain, userId, Instant.now());
    }

    public Optional<PendingAuthorization> consume(String state) {
        return pending.consume(state, Instant.now());
    }
}
