package com.signalops.integration.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Shopify-Hmac-SHA256}: the base64 HMAC-SHA256 of the raw request body under the
 * app's API secret. During a rotation two secrets are configured (current first, then previous)
 * and a signature under either is accepted. Digests are compared in constant time
 * ({@link MessageDigest#isEqual}), against every secret, so the answer's timing says nothing of
 * how much of a forged signature was right or which secret matched.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Shopify-Hmac-SHA256";
    private static final String ALGORITHM = "HmacSHA256";

    private final List<SecretKeySpec> keys;

    private WebhookSignature(List<SecretKeySpec> keys) {
        this.keys = keys;
    }

    /** The check under every one of {@code secrets}; with none it accepts nothing. */
    public static WebhookSignature of(ShopifyApiSecrets secrets) {
        return new WebhookSignature(secrets.hmacKeys());
    }

    /** Whether any secret is configured; without one every delivery is refused. */
    public boolean hasSecrets() {
        return !keys.isEmpty();
    }

    /** How many secrets are accepted (two during a rotation). */
    public int secretCount() {
        return keys.size();
    }

    /** Whether {@code header} (may be null) is the signature of {@code body} under one of the secrets. */
    public boolean verifies(byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(header.strip());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            // no early exit: every secret is tried, whichever matches
            matched |= MessageDigest.isEqual(sign(key, body), presented);
        }
        return matched;
    }

    /** The header value Shopify sends for {@code body} signed with {@code secret}; for tests and tools. */
    public static String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(sign(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM), body));
    }

    private static byte[] sign(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Never the secrets. */
    @Override
    public String toString() {
        return "WebhookSignature[" + keys.size() + " secret(s)]";
    }
}
