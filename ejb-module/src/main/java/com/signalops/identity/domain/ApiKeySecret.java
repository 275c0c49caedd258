package com.signalops.identity.domain;

import com.signalops.shared.Digests;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an API key, {@code sok_<prefix>_<secret>}: the prefix (12 characters) finds the key,
 * the secret (256 random bits) proves it. Only {@link #digest()} of the secret is ever stored.
 */
public record ApiKeySecret(String prefix, String secret) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("^sok_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$");
    private static final char[] PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** A new key: a fresh prefix and secret. */
    public static ApiKeySecret generate() {
        StringBuilder prefix = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            prefix.append(PREFIX_ALPHABET[RANDOM.nextInt(PREFIX_ALPHABET.length)]);
        }
        return new ApiKeySecret(prefix.toString(), freshSecret());
    }

    /** A new secret for the key of {@code prefix} (a rotation). */
    public static ApiKeySecret next(String prefix) {
        return new ApiKeySecret(prefix, freshSecret());
    }

    /** Reads a presented key; empty when it is not in the key format. */
    public static Optional<ApiKeySecret> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(text.strip());
        return matcher.matches() ? Optional.of(new ApiKeySecret(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    public String digest() {
        return Digests.sha256(secret);
    }

    /** The whole key as its holder uses it; shown once. */
    public String text() {
        return "sok_" + prefix + "_" + secret;
    }

    @Override
    public String toString() {
        return "ApiKeySecret[sok_" + prefix + "_…]";
    }

    private static String freshSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
