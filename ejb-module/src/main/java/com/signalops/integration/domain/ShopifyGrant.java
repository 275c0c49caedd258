package com.signalops.integration.domain;

import java.util.List;
import java.util.Objects;

/** What Shopify granted for an authorization code: the offline access token and its scopes. Its text never shows the token. */
public record ShopifyGrant(String accessToken, List<String> scopes) {

    public ShopifyGrant {
        Objects.requireNonNull(accessToken, "accessToken");
        scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "ShopifyGrant[scopes " + scopes + "]";
    }
}
