package com.signalops.it.support;

import java.net.URI;
import java.net.http.HttpResponse;

/** "Connect to Shopify" as a browser goes through it: the stores page's button, Shopify's approval, the callback. */
public final class ShopifyFlow {

    private ShopifyFlow() {
    }

    /** Presses "Connect to Shopify" in the row of {@code shopDomain}: the answer redirects to Shopify. */
    public static HttpResponse<String> pressConnect(ConsoleClient console, String shopDomain) {
        FacesForm connections = FacesForm.of(console, "/stores.xhtml", "connections");
        return connections.press(connections.buttonInRow(shopDomain, "connect"));
    }

    /** Where the answer {@code response} redirects to; fails unless it is a redirect. */
    public static URI location(HttpResponse<String> response) {
        if (response.statusCode() != 302 && response.statusCode() != 303) {
            throw new AssertionError("not a redirect but " + response.statusCode() + " from " + response.uri());
        }
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    }

    /** Starts connecting {@code shopDomain} and lets the fake Shopify approve: the callback URL the browser is sent back to. */
    public static URI approvedCallback(ConsoleClient console, String shopDomain) {
        return SignalOpsSystem.shopify().approve(location(pressConnect(console, shopDomain)));
    }

    /** The browser of {@code console} follows {@code callback} (a URL of the console) with the given query. */
    public static HttpResponse<String> callback(ConsoleClient console, String query) {
        return console.get("/shopify/callback?" + query);
    }

    /** The whole flow for {@code shopDomain}: the answer of the callback. */
    public static HttpResponse<String> connect(ConsoleClient console, String shopDomain) {
        return callback(console, approvedCallback(console, shopDomain).getRawQuery());
    }
}
