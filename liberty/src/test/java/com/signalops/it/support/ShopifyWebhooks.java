package com.signalops.it.support;

import com.signalops.integration.domain.WebhookSignature;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Webhook deliveries as Shopify sends them to the running server, signed with the test's current API secret. */
public final class ShopifyWebhooks {

    private ShopifyWebhooks() {
    }

    /** Delivers {@code body} of {@code topic} for {@code shop} as delivery {@code webhookId}. */
    public static HttpResponse<String> deliver(String shop, String webhookId, String topic, byte[] body) {
        return Https.send(HttpRequest.newBuilder(Https.uri("/webhooks/shopify")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", topic)
                .header("X-Shopify-Shop-Domain", shop)
                .header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-API-Version", "2025-10")
                .header("X-Shopify-Hmac-SHA256", WebhookSignature.sign(SignalOpsSystem.SHOPIFY_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A REST money set of {@code amount} in EUR, shop and presentment money alike. */
    public static String money(String amount) {
        return "{\"shop_money\":{\"amount\":\"" + amount + "\",\"currency_code\":\"EUR\"},\"presentment_money\":{\"amount\":\"" + amount
                + "\",\"currency_code\":\"EUR\"}}";
    }
}
