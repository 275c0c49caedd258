package com.signalops.integration.domain;

import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The vault's versioned AES-256 keys, parsed from {@code <version>:<base64 of 32 bytes>} entries
 * separated by commas, e.g. {@code 1:q83v…=,2:Zm9v…=}. The highest version encrypts; every listed
 * version decrypts. A malformed list is refused with a message that names the entry's position
 * and version, never any part of a key.
 */
public final class VaultKeys {

    /** AES-256: a key is exactly this many bytes. */
    public static final int KEY_BYTES = 32;

    private final NavigableMap<Integer, SecretKey> keys;

    private VaultKeys(NavigableMap<Integer, SecretKey> keys) {
        this.keys = Collections.unmodifiableNavigableMap(keys);
    }

    /**
     * The keys of {@code list}.
     *
     * @throws IllegalArgumentException when the list is empty or an entry is malformed, repeats a
     *                                  version or is not exactly 32 bytes; the message holds no key material
     */
    public static VaultKeys parse(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("No vault keys: SIGNALOPS_VAULT_KEYS must list at least one key as "
                    + "<version>:<base64 of 32 random bytes>");
        }
        NavigableMap<Integer, SecretKey> keys = new TreeMap<>();
        String[] entries = list.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int position = i + 1;
            int colon = entry.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("Vault key entry " + position + " is not <version>:<base64 key>");
            }
            int version;
            try {
                version = Integer.parseInt(entry.substring(0, colon).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Vault key entry " + position + " has no numeric version");
            }
            if (version < 1) {
                throw new IllegalArgumentException("Vault key entry " + position + " has version " + version + "; versions start at 1");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                // the decoder's message quotes the offending character: not repeated here
                throw new IllegalArgumentException("Vault key version " + version + " (entry " + position + ") is not valid base64");
            }
            try {
                if (key.length != KEY_BYTES) {
                    throw new IllegalArgumentException("Vault key version " + version + " (entry " + position + ") has " + key.length
                            + " bytes; AES-256 needs exactly " + KEY_BYTES);
                }
                if (keys.putIfAbsent(version, new SecretKeySpec(key, "AES")) != null) {
                    throw new IllegalArgumentException("Vault key version " + version + " is listed twice");
                }
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
        return new VaultKeys(keys);
    }

    /** The version new secrets are sealed with: the highest listed. */
    public int newestVersion() {
        return keys.lastKey();
    }

    /** The key of {@code version}, if it is listed. */
    public Optional<SecretKey> key(int version) {
        return Optional.ofNullable(keys.get(version));
    }

    /** The listed versions, lowest first. */
    public java.util.Set<Integer> versions() {
        return keys.navigableKeySet();
    }

    @Override
    public String toString() {
        return "VaultKeys" + keys.navigableKeySet();
    }
}
