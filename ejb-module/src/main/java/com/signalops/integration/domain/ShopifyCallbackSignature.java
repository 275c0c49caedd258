package com.signalops.integration.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the {@code hmac} of the query Shopify sends to the OAuth redirect URL: the hex
 * HMAC-SHA256, under the app's API secret, of the other parameters ({@code hmac} and the legacy
 * {@code signature} left out) sorted by name and joined as {@code name=value&...}, names and values
 * form-encoded. A parameter given twice is refused: Shopify never sends one twice. Like
 * {@link WebhookSignature}, every configured secret is tried (two during a rotation) and digests
 * are compared in constant time.
 */
public final class ShopifyCallbackSignature {

    public static final String PARAMETER = "hmac";
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final List<SecretKeySpec> keys;

    private ShopifyCallbackSignature(List<SecretKeySpec> keys) {
        this.keys = keys;
    }

    /** The check under every one of {@code secrets}; with none it accepts nothing. */
    public static ShopifyCallbackSignature of(ShopifyApiSecrets secrets) {
        return new ShopifyCallbackSignature(secrets.hmacKeys());
    }

    /** Whether the query {@code parameters} (each name with all the values it was given) carry a valid {@code hmac}. */
    public boolean verifies(Map<String, List<String>> parameters) {
        Optional<Map<String, String>> single = singleValued(parameters);
        if (single.isEmpty() || keys.isEmpty()) {
            return false;
        }
        String presented = single.get().get(PARAMETER);
        if (presented == null || presented.length() != 64) {
            return false;
        }
        byte[] digest;
        try {
            digest = HEX.parseHex(presented.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        byte[] message = message(single.get()).getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            // no early exit: every secret is tried, whichever matches
            matched |= MessageDigest.isEqual(mac(key, message), digest);
        }
        return matched;
    }

    /** The {@code hmac} Shopify sends with {@code parameters} under {@code secret}; for tests and the fake Shopify. */
    public static String sign(String secret, Map<String, String> parameters) {
        return HEX.formatHex(mac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM),
                message(parameters).getBytes(StandardCharsets.UTF_8)));
    }

    /** What is signed: the parameters but {@code hmac} and {@code signature}, sorted by name, form-encoded, joined with {@code &}. */
    static String message(Map<String, String> parameters) {
        return new TreeMap<>(parameters).entrySet().stream()
                .filter(e -> !e.getKey().equals(PARAMETER) && !e.getKey().equals("signature"))
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** Each parameter's one value; empty when any has none or several. */
    public static Optional<Map<String, String>> singleValued(Map<String, List<String>> parameters) {
        Map<String, String> single = new TreeMap<>();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (parameter.getValue() == null || parameter.getValue().size() != 1) {
                return Optional.empty();
            }
            single.put(parameter.getKey(), parameter.getValue().get(0));
        }
        return Optional.of(single);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static byte[] mac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Never the secrets. */
    @Override
    public String toString() {
        return "ShopifyCallbackSignature[" + keys.size() + " secret(s)]";
    }
}
