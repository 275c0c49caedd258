package com.signalops.integration.domain;

import java.util.Arrays;
import java.util.Objects;

/**
 * A secret as the vault sealed it: the key version, the 12-byte nonce and the AES-GCM ciphertext
 * with its 16-byte tag appended. Stored as three columns; its text form never shows the bytes.
 */
public final class SealedSecret {

    private final int keyVersion;
    private final byte[] nonce;
    private final byte[] ciphertext;

    public SealedSecret(int keyVersion, byte[] nonce, byte[] ciphertext) {
        if (keyVersion < 1) {
            throw new IllegalArgumentException("A key version starts at 1");
        }
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (nonce.length != CredentialVault.NONCE_BYTES) {
            throw new IllegalArgumentException("A nonce has " + CredentialVault.NONCE_BYTES + " bytes");
        }
        this.keyVersion = keyVersion;
        this.nonce = nonce.clone();
        this.ciphertext = ciphertext.clone();
    }

    public int keyVersion() {
        return keyVersion;
    }

    public byte[] nonce() {
        return nonce.clone();
    }

    /** The ciphertext followed by the GCM tag. */
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedSecret that && keyVersion == that.keyVersion && Arrays.equals(nonce, that.nonce)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * keyVersion + Arrays.hashCode(nonce)) + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedSecret[keyVersion=" + keyVersion + "]";
    }
}
