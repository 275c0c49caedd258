package com.signalops.integration.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A delivery as the receiver hands it to the inbox, once its signature is verified: the
 * {@code X-Shopify-*} headers, checked for shape, and the raw body. Every header goes into a
 * column, so each is held to the column's width here, before anything is stored.
 */
public record ShopifyWebhook(String webhookId, ShopifyTopic topic, String shopDomain, String apiVersion, Instant triggeredAt,
        byte[] body) {

    public static final int WEBHOOK_ID_LENGTH = 100;
    public static final int API_VERSION_LENGTH = 20;
    private static final Pattern WEBHOOK_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern SHOP_DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,200}\\.myshopify\\.com");
    private static final Pattern API_VERSION = Pattern.compile("[A-Za-z0-9-]{1,20}");

    public ShopifyWebhook {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(body, "body");
        if (webhookId == null || !WEBHOOK_ID.matcher(webhookId).matches()) {
            throw new MalformedWebhookException("X-Shopify-Webhook-Id is missing or not a webhook id");
        }
        if (shopDomain == null || !SHOP_DOMAIN.matcher(shopDomain).matches()) {
            throw new MalformedWebhookException("X-Shopify-Shop-Domain is missing or not a myshopify.com domain");
        }
        if (apiVersion != null && !API_VERSION.matcher(apiVersion).matches()) {
            throw new MalformedWebhookException("X-Shopify-API-Version is not an API version");
        }
    }

    /**
     * The delivery of these header values ({@code null} when absent); the shop domain is taken
     * lower-cased, a malformed {@code X-Shopify-Triggered-At} as absent.
     */
    public static ShopifyWebhook of(String webhookId, ShopifyTopic topic, String shopDomain, String apiVersion, String triggeredAt,
            byte[] body) {
        return new ShopifyWebhook(strip(webhookId), topic, shopDomain == null ? null : shopDomain.strip().toLowerCase(Locale.ROOT),
                strip(apiVersion), instant(triggeredAt).orElse(null), body);
    }

    /** {@code domain} if it has the shape of a shop domain, for messages about refused deliveries. */
    public static Optional<String> plausibleShopDomain(String domain) {
        String normalised = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        return SHOP_DOMAIN.matcher(normalised).matches() ? Optional.of(normalised) : Optional.empty();
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Optional<Instant> instant(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.strip()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A header breaks its shape; the receiver answers 400. */
    public static final class MalformedWebhookException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        public MalformedWebhookException(String message) {
            super(message);
        }
    }
}
