package com.signalops.integration.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopifyAppTest {

    private static final String REDIRECT = "https://console.example.com/shopify/callback";

    @Test
    void asksForTheMinimumScopesByDefaultAndSignsWithTheCurrentSecret() {
        ShopifyApp app = ShopifyApp.of("client-1", ShopifyApiSecrets.parse("current-secret,previous-secret"), "", null, REDIRECT);
        assertEquals(List.of("read_orders", "read_products", "read_inventory", "read_customers"), app.scopes());
        assertEquals("current-secret", app.apiSecret());
        assertTrue(app.isConfigured());
    }

    @Test
    void sendsTheMerchantToTheShopsAuthorizePageForAnOfflineToken() {
        ShopifyApp app = ShopifyApp.of("client-1", ShopifyApiSecrets.parse("s"), "", null, REDIRECT);
        assertEquals("https://demo-01.myshopify.com/admin/oauth/authorize?client_id=client-1"
                + "&scope=read_orders%2Cread_products%2Cread_inventory%2Cread_customers"
                + "&redirect_uri=https%3A%2F%2Fconsole.example.com%2Fshopify%2Fcallback&state=abc_-1",
                app.authorizeUri("demo-01.myshopify.com", "abc_-1").toString());
        assertFalse(app.authorizeUri("demo-01.myshopify.com", "x").toString().contains("grant_options"), "per-user would be online");
        assertEquals("https://demo-01.myshopify.com/admin/oauth/access_token", app.accessTokenUri("demo-01.myshopify.com").toString());
    }

    @Test
    void carriesTheShopAsFirstPathSegmentOfAConfiguredBaseUrl() {
        ShopifyApp app = ShopifyApp.of("client-1", ShopifyApiSecrets.parse("s"), "https://127.0.0.1:9999/", "read_orders", REDIRECT);
        assertEquals("https://127.0.0.1:9999/demo-01.myshopify.com/admin/oauth/access_token",
                app.accessTokenUri("demo-01.myshopify.com").toString());
        assertTrue(app.authorizeUri("demo-01.myshopify.com", "s").toString()
                .startsWith("https://127.0.0.1:9999/demo-01.myshopify.com/admin/oauth/authorize?"));
    }

    @Test
    void buildsNoUrlForADomainOutsideMyshopifyCom() {
        ShopifyApp app = ShopifyApp.of("client-1", ShopifyApiSecrets.parse("s"), "", null, REDIRECT);
        assertThrows(IllegalArgumentException.class, () -> app.authorizeUri("evil.example.com", "s"));
        assertThrows(IllegalArgumentException.class, () -> app.accessTokenUri("demo.myshopify.com.evil.example/x"));
    }

    @Test
    void countsAWriteScopeAsCoveringItsReadScope() {
        ShopifyApp app = ShopifyApp.of("client-1", ShopifyApiSecrets.parse("s"), "", null, REDIRECT);
        assertEquals(Set.of(), app.missingScopes(List.of("read_orders", "write_products", "read_inventory", "read_customers")));
        assertEquals(Set.of("read_customers", "read_inventory"), app.missingScopes(List.of("read_orders", "read_products")));
    }

    @Test
    void isNotConfiguredWithoutClientIdSecretOrRedirectAndNeverShowsTheSecret() {
        ShopifyApp app = ShopifyApp.of("", ShopifyApiSecrets.parse(""), "", null, "");
        assertFalse(app.isConfigured());
        assertEquals(List.of("SIGNALOPS_SHOPIFY_API_KEY", "SIGNALOPS_SHOPIFY_API_SECRETS", "SIGNALOPS_SHOPIFY_REDIRECT_URL"), app.missing());
        assertFalse(ShopifyApp.of("c", ShopifyApiSecrets.parse("top-secret"), "", null, REDIRECT).toString().contains("top-secret"));
    }
}
