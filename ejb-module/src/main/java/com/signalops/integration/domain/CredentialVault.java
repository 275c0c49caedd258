package com.signalops.integration.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens secrets (shop access tokens and the like) with AES-256-GCM: a fresh random
 * 12-byte nonce per sealing, a 128-bit tag, and the {@link SecretContext} with the key version as
 * associated data. The newest key seals; any configured key opens what it sealed. It never logs,
 * and its exceptions never carry a secret or a key.
 */
public final class CredentialVault {

    public static final int NONCE_BYTES = 12;
    public static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final VaultKeys keys;
    private final SecureRandom random = new SecureRandom();

    public CredentialVault(VaultKeys keys) {
        this.keys = keys;
    }

    /** The vault of the key list {@code keyList} ({@link VaultKeys#parse}). */
    public static CredentialVault of(String keyList) {
        return new CredentialVault(VaultKeys.parse(keyList));
    }

    /** The version the vault seals with. */
    public int newestVersion() {
        return keys.newestVersion();
    }

    /** Seals {@code secret} for {@code context} under the newest key, with a fresh nonce. */
    public SealedSecret seal(String secret, SecretContext context) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("Nothing to seal");
        }
        int version = keys.newestVersion();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] plaintext = secret.getBytes(StandardCharsets.UTF_8);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.key(version).orElseThrow(), nonce, context, version);
            return new SealedSecret(version, nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * The secret {@code sealed} holds.
     *
     * @throws SecretNotOpened when its version is not configured or anything about it (ciphertext,
     *                         nonce, tag, context, version) differs from what was sealed
     */
    public String open(SealedSecret sealed, SecretContext context) {
        byte[] plaintext = openBytes(sealed, context);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(plaintext)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new SecretNotOpened("A sealed secret of key version " + sealed.keyVersion() + " is not UTF-8 text");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Whether {@code sealed} is sealed under the newest key. */
    public boolean isCurrent(SealedSecret sealed) {
        return sealed.keyVersion() == keys.newestVersion();
    }

    /**
     * {@code sealed} sealed again under the newest key with a fresh nonce, after checking that the
     * new one opens to exactly the same bytes as the old.
     *
     * @throws SecretNotOpened when {@code sealed} does not open
     */
    public SealedSecret reseal(SealedSecret sealed, SecretContext context) {
        byte[] before = openBytes(sealed, context);
        byte[] after = null;
        try {
            SealedSecret resealed = seal(new String(before, StandardCharsets.UTF_8), context);
            after = openBytes(resealed, context);
            if (!MessageDigest.isEqual(before, after)) {
                throw new IllegalStateException("A resealed secret did not open to the same value");
            }
            return resealed;
        } finally {
            Arrays.fill(before, (byte) 0);
            if (after != null) {
                Arrays.fill(after, (byte) 0);
            }
        }
    }

    private byte[] openBytes(SealedSecret sealed, SecretContext context) {
        SecretKey key = keys.key(sealed.keyVersion()).orElseThrow(() -> new SecretNotOpened(
                "No vault key of version " + sealed.keyVersion() + " is configured (configured: " + keys.versions() + ")"));
        try {
            return cipher(Cipher.DECRYPT_MODE, key, sealed.nonce(), context, sealed.keyVersion()).doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new SecretNotOpened("A sealed secret of key version " + sealed.keyVersion() + " does not open for " + describe(context)
                    + ": tampered with, or sealed for another context");
        } catch (GeneralSecurityException e) {
            throw new SecretNotOpened("A sealed secret of key version " + sealed.keyVersion() + " does not open: "
                    + e.getClass().getSimpleName());
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, SecretContext context, int version)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.associatedData(version));
        return cipher;
    }

    private static String describe(SecretContext context) {
        return context.purpose() + " of workspace " + context.workspaceId() + ", store " + context.storeId();
    }

    @Override
    public String toString() {
        return "CredentialVault" + keys.versions();
    }
}
