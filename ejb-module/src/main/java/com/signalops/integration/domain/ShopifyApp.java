package com.signalops.integration.domain;

import com.signalops.tenancy.domain.Store;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The SignalOps app as Shopify knows it: client id (API key), client secret, the access scopes it
 * asks for, the redirect URL of its OAuth callback, and where Shopify is. With no base URL a shop
 * is reached at {@code https://{shop}}; with one (a fake Shopify in tests) at
 * {@code {baseUrl}/{shop}}, the shop carried as the first path segment. The secret never leaves
 * this record but in the token request.
 */
public record ShopifyApp(String apiKey, String apiSecret, String baseUrl, List<String> scopes, String redirectUrl) {

    /** The scopes SignalOps needs today (docs/data-inventory.md says why each). */
    public static final String DEFAULT_SCOPES = "read_orders,read_products,read_inventory,read_customers";

    public ShopifyApp {
        apiKey = blankToEmpty(apiKey);
        apiSecret = blankToEmpty(apiSecret);
        baseUrl = blankToEmpty(baseUrl).replaceAll("/+$", "");
        scopes = List.copyOf(scopes == null ? List.of() : scopes);
        redirectUrl = blankToEmpty(redirectUrl);
    }

    /** The app of the configured values, signing with the current of {@code apiSecrets}; scopes comma-separated. */
    public static ShopifyApp of(String apiKey, ShopifyApiSecrets apiSecrets, String baseUrl, String scopes, String redirectUrl) {
        String secret = apiSecrets.current().orElse("");
        List<String> scopeList = Arrays.stream((scopes == null || scopes.isBlank() ? DEFAULT_SCOPES : scopes).split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).distinct().toList();
        return new ShopifyApp(apiKey, secret, baseUrl, scopeList, redirectUrl);
    }

    /** Whether connecting a store can start: client id, secret, redirect URL and scopes are all there. */
    public boolean isConfigured() {
        return !apiKey.isEmpty() && !apiSecret.isEmpty() && !redirectUrl.isEmpty() && !scopes.isEmpty();
    }

    /** What of the configuration is missing, by variable name (for the log: no value). */
    public List<String> missing() {
        List<String> missing = new java.util.ArrayList<>();
        if (apiKey.isEmpty()) {
            missing.add("SIGNALOPS_SHOPIFY_API_KEY");
        }
        if (apiSecret.isEmpty()) {
            missing.add(ShopifyApiSecrets.VARIABLE);
        }
        if (redirectUrl.isEmpty()) {
            missing.add("SIGNALOPS_SHOPIFY_REDIRECT_URL");
        }
        return missing;
    }

    /**
     * Where the merchant approves the access: {@code /admin/oauth/authorize} of the shop with
     * {@code client_id}, {@code scope}, {@code redirect_uri} and {@code state}, and no
     * {@code grant_options[]}, which asks for an offline token (one that outlives the user's session).
     */
    public URI authorizeUri(String shopDomain, String state) {
        return URI.create(shopUrl(shopDomain) + "/admin/oauth/authorize?client_id=" + encode(apiKey) + "&scope="
                + encode(String.join(",", scopes)) + "&redirect_uri=" + encode(redirectUrl) + "&state=" + encode(state));
    }

    /** Where the code is exchanged for the access token: {@code POST /admin/oauth/access_token} of the shop. */
    public URI accessTokenUri(String shopDomain) {
        return URI.create(shopUrl(shopDomain) + "/admin/oauth/access_token");
    }

    /** The shop's Admin GraphQL endpoint of API version {@code apiVersion}: {@code POST /admin/api/{version}/graphql.json}. */
    public URI adminGraphqlUri(String shopDomain, String apiVersion) {
        return URI.create(shopUrl(shopDomain) + "/admin/api/" + apiVersion + "/graphql.json");
    }

    /**
     * Where Shopify delivers the webhooks SignalOps subscribes to: the console's
     * {@code /webhooks/shopify}, next to the OAuth callback of the redirect URL (same host and
     * context root); empty when no redirect URL is configured.
     */
    public Optional<URI> webhookCallbackUri() {
        return redirectUrl.isEmpty() ? Optional.empty() : Optional.of(URI.create(redirectUrl).resolve("../webhooks/shopify"));
    }

    private String shopUrl(String shopDomain) {
        String shop = Store.normaliseShopDomain(shopDomain);
        return baseUrl.isEmpty() ? "https://" + shop : baseUrl + "/" + shop;
    }

    /**
     * The requested scopes that {@code granted} does not cover; a {@code write_x} covers
     * {@code read_x}, since Shopify leaves out the read scope a write scope implies.
     */
    public Set<String> missingScopes(Collection<String> granted) {
        Set<String> have = granted.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (String scope : scopes) {
            boolean covered = have.contains(scope) || (scope.startsWith("read_") && have.contains("write_" + scope.substring(5)));
            if (!covered) {
                missing.add(scope);
            }
        }
        return missing;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "ShopifyApp[client " + apiKey + ", scopes " + scopes + ", redirect " + redirectUrl + ", Shopify "
                + (baseUrl.isEmpty() ? "https://{shop}" : baseUrl + "/{shop}") + "]";
    }
}
