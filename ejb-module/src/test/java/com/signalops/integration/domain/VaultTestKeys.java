package com.signalops.integration.domain;

import java.security.SecureRandom;
import java.util.Base64;

/** Fresh random vault keys for tests, as {@code <version>:<base64>} entries. */
public final class VaultTestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private VaultTestKeys() {
    }

    /** The base64 of {@code bytes} random bytes. */
    public static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** One entry {@code <version>:<random 32-byte key>}. */
    public static String entry(int version) {
        return version + ":" + randomKey(VaultKeys.KEY_BYTES);
    }
}
