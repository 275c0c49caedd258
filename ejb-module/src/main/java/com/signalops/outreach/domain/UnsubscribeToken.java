package com.signalops.outreach.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a campaign message's unsubscribe link stands for: customer {@code customerId} of store {@code storeId} of
 * workspace {@code workspaceId}, reached by campaign {@code campaignId}. As text it is
 * {@code base64url(payload) "." base64url(HMAC-SHA256(key, payload))}, the payload naming the single purpose
 * {@value #PURPOSE} and the four ids; it carries no email. A token of another purpose, another key, or with any
 * byte changed verifies as nothing (the MAC is compared in constant time).
 */
public record UnsubscribeToken(long workspaceId, long storeId, long customerId, long campaignId) {

    public static final String PURPOSE = "unsubscribe";
    /** The least key length, in bytes. */
    public static final int KEY_BYTES = 32;
    /** Longer texts are refused before any decoding. */
    static final int MAX_LENGTH = 300;

    public UnsubscribeToken {
        if (workspaceId < 1 || storeId < 1 || customerId < 1 || campaignId < 1) {
            throw new IllegalArgumentException("an unsubscribe token names positive ids");
        }
    }

    /** Signs and verifies tokens under one key. One per thread: its MAC is not thread-safe. */
    public static final class Signer {

        private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
        private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

        private final Mac mac;

        public Signer(byte[] key) {
            if (key == null || key.length < KEY_BYTES) {
                throw new IllegalArgumentException("The unsubscribe key needs at least " + KEY_BYTES + " bytes");
            }
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        }

        /** The URL-safe text of {@code token}. */
        public String sign(UnsubscribeToken token) {
            return signed(PURPOSE + "." + token.workspaceId() + "." + token.storeId() + "." + token.customerId() + "." + token.campaignId());
        }

        /** {@code payload} signed as it is (the tests sign other purposes with it). */
        String signed(String payload) {
            byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
            return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac.doFinal(bytes));
        }

        /** The token {@code text} stands for, or empty when it is not one this key signed for {@value #PURPOSE}. */
        public Optional<UnsubscribeToken> verify(String text) {
            if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
                return Optional.empty();
            }
            int dot = text.indexOf('.');
            if (dot < 1 || dot != text.lastIndexOf('.')) {
                return Optional.empty();
            }
            byte[] payload;
            byte[] signature;
            try {
                payload = DECODER.decode(text.substring(0, dot));
                signature = DECODER.decode(text.substring(dot + 1));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            // the canonical text only: base64 leaves spare bits in a last character, which must not give a second spelling
            if (!text.equals(ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(signature))
                    | !MessageDigest.isEqual(mac.doFinal(payload), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.US_ASCII).split("\\.", -1);
            if (parts.length != 5 || !PURPOSE.equals(parts[0])) {
                return Optional.empty();
            }
            try {
                return Optional.of(new UnsubscribeToken(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                        Long.parseLong(parts[4])));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
