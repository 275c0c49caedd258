package com.signalops.integration.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ShopifyCallbackSignatureTest {

    /** Shopify's documented example of a callback query and its hmac under the secret {@code hush}. */
    private static final String DOCUMENTED_HMAC = "700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf";
    private static final ShopifyCallbackSignature HUSH = ShopifyCallbackSignature.of(ShopifyApiSecrets.parse("hush"));

    private static Map<String, List<String>> documentedQuery() {
        Map<String, List<String>> query = new TreeMap<>();
        query.put("code", List.of("0907a61c0c8d55e99db179b68161bc00"));
        query.put("hmac", List.of(DOCUMENTED_HMAC));
        query.put("shop", List.of("some-shop.myshopify.com"));
        query.put("state", List.of("0.6784241404160823"));
        query.put("timestamp", List.of("1337178173"));
        return query;
    }

    private static Map<String, List<String>> with(String name, String value) {
        Map<String, List<String>> query = documentedQuery();
        query.put(name, List.of(value));
        return query;
    }

    @Test
    void acceptsShopifysDocumentedExample() {
        assertTrue(HUSH.verifies(documentedQuery()));
    }

    @Test
    void signsTheSortedParametersWithoutHmacAsShopifyDoes() {
        Map<String, String> parameters = new HashMap<>();
        documentedQuery().forEach((name, values) -> parameters.put(name, values.get(0)));
        assertEquals("code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173",
                ShopifyCallbackSignature.message(parameters));
        assertEquals(DOCUMENTED_HMAC, ShopifyCallbackSignature.sign("hush", parameters));
    }

    @Test
    void acceptsTheHmacInUpperCaseHex() {
        assertTrue(HUSH.verifies(with("hmac", DOCUMENTED_HMAC.toUpperCase())));
    }

    @Test
    void rejectsCallbackWithTamperedHmac() {
        assertFalse(HUSH.verifies(with("hmac", "800e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf")));
        assertFalse(HUSH.verifies(with("hmac", "not hex at all")));
        assertFalse(HUSH.verifies(with("hmac", DOCUMENTED_HMAC.substring(2))));
    }

    @Test
    void rejectsCallbackWithTamperedParameters() {
        assertFalse(HUSH.verifies(with("shop", "other-shop.myshopify.com")));
        assertFalse(HUSH.verifies(with("state", "0.6784241404160824")));
        assertFalse(HUSH.verifies(with("code", "0907a61c0c8d55e99db179b68161bc01")));
        assertFalse(HUSH.verifies(with("timestamp", "1337178174")));
        assertFalse(HUSH.verifies(with("host", "YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvc29tZS1zaG9w")), "an added parameter is signed too");
    }

    @Test
    void rejectsCallbackWithoutHmacOrWithARepeatedParameter() {
        Map<String, List<String>> unsigned = documentedQuery();
        unsigned.remove("hmac");
        assertFalse(HUSH.verifies(unsigned));
        Map<String, List<String>> repeated = documentedQuery();
        repeated.put("shop", List.of("some-shop.myshopify.com", "other-shop.myshopify.com"));
        assertFalse(HUSH.verifies(repeated));
    }

    @Test
    void rejectsCallbackSignedWithAnotherSecretAndAcceptsNothingWithoutSecret() {
        assertFalse(ShopifyCallbackSignature.of(ShopifyApiSecrets.parse("not-hush")).verifies(documentedQuery()));
        assertFalse(ShopifyCallbackSignature.of(ShopifyApiSecrets.parse("")).verifies(documentedQuery()));
        assertFalse(ShopifyCallbackSignature.of(ShopifyApiSecrets.parse(null)).verifies(documentedQuery()));
    }

    @Test
    void acceptsThePreviousSecretDuringARotation() {
        assertTrue(ShopifyCallbackSignature.of(ShopifyApiSecrets.parse("new-secret, hush")).verifies(documentedQuery()));
    }

    @Test
    void encodesValuesThatNeedIt() {
        Map<String, String> parameters = Map.of("host", "YWRtaW4=", "shop", "a.myshopify.com");
        assertEquals("host=YWRtaW4%3D&shop=a.myshopify.com", ShopifyCallbackSignature.message(parameters));
    }

    @Test
    void neverShowsItsSecrets() {
        assertFalse(HUSH.toString().contains("hush"));
    }
}
