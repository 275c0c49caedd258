package com.signalops.integration.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** SIGNALOPS_SHOPIFY_API_SECRETS read once, for the token request, the callback's hmac and the webhooks' signature alike. */
class ShopifyApiSecretsTest {

    @Test
    void theCurrentSecretComesFirstAndBlanksAreSkipped() {
        ShopifyApiSecrets secrets = ShopifyApiSecrets.parse(" current , ,previous ");

        assertEquals(Optional.of("current"), secrets.current());
        assertEquals(2, secrets.count());
        assertEquals("current", ShopifyApp.of("client", secrets, "", null, "https://console.example/shopify/callback").apiSecret());
    }

    @Test
    void anUnsetVariableHoldsNoSecretAndEveryCheckRefuses() {
        for (String unset : new String[] {null, "", " , "}) {
            ShopifyApiSecrets none = ShopifyApiSecrets.parse(unset);
            assertTrue(none.isEmpty());
            assertEquals(Optional.empty(), none.current());
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            assertFalse(WebhookSignature.of(none).verifies(body, WebhookSignature.sign("x", body)));
            assertFalse(WebhookSignature.of(none).hasSecrets());
        }
    }

    @Test
    void bothChecksAcceptEverySecretOfARotation() {
        ShopifyApiSecrets rotating = ShopifyApiSecrets.parse("new-secret,old-secret");
        byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

        assertTrue(WebhookSignature.of(rotating).verifies(body, WebhookSignature.sign("old-secret", body)));
        assertTrue(WebhookSignature.of(rotating).verifies(body, WebhookSignature.sign("new-secret", body)));
        Map<String, String> query = Map.of("shop", "a.myshopify.com", "timestamp", "1");
        Map<String, List<String>> signed = new TreeMap<>();
        query.forEach((name, value) -> signed.put(name, List.of(value)));
        signed.put("hmac", List.of(ShopifyCallbackSignature.sign("old-secret", query)));
        assertTrue(ShopifyCallbackSignature.of(rotating).verifies(signed));
    }

    @Test
    void showsNoSecret() {
        assertEquals("ShopifyApiSecrets[2 secret(s)]", ShopifyApiSecrets.parse("top-secret,other-secret").toString());
    }
}
