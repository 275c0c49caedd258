package com.signalops.integration.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** AES-256-GCM sealing of secrets: fresh nonces, tamper evidence, context binding and key versions. */
class CredentialVaultTest {

    private static final String TOKEN = "shpat_0123456789abcdef0123456789abcdef";
    private static final SecretContext CONTEXT = new SecretContext("shopify-access-token", 7, 42);
    private static final String KEY_1 = VaultTestKeys.entry(1);
    private static final String KEY_2 = VaultTestKeys.entry(2);

    private final CredentialVault vault = CredentialVault.of(KEY_1);

    @Test
    void opensWhatItSealed() {
        SealedSecret sealed = vault.seal(TOKEN, CONTEXT);

        assertEquals(TOKEN, vault.open(sealed, CONTEXT));
        assertEquals(1, sealed.keyVersion());
        assertEquals(CredentialVault.NONCE_BYTES, sealed.nonce().length);
        // ciphertext of the same length as the token plus the 16-byte tag, and not the token
        assertEquals(TOKEN.length() + 16, sealed.ciphertext().length);
        assertFalse(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1).contains("shpat_"));
        assertFalse(sealed.toString().contains(TOKEN));
    }

    @Test
    void sealsTheSameSecretDifferentlyEachTimeWithAFreshNonce() {
        SealedSecret first = vault.seal(TOKEN, CONTEXT);
        SealedSecret second = vault.seal(TOKEN, CONTEXT);

        assertNotEquals(new String(first.nonce(), StandardCharsets.ISO_8859_1), new String(second.nonce(), StandardCharsets.ISO_8859_1));
        assertFalse(java.util.Arrays.equals(first.ciphertext(), second.ciphertext()));
        assertEquals(TOKEN, vault.open(second, CONTEXT));
    }

    @Test
    void refusesATamperedCiphertextNonceOrTag() {
        SealedSecret sealed = vault.seal(TOKEN, CONTEXT);
        byte[] ciphertext = sealed.ciphertext();
        byte[] flippedBody = ciphertext.clone();
        flippedBody[0] ^= 1;
        byte[] flippedTag = ciphertext.clone();
        flippedTag[ciphertext.length - 1] ^= (byte) 0x80;
        byte[] truncated = java.util.Arrays.copyOf(ciphertext, ciphertext.length - 1);
        byte[] nonce = sealed.nonce();
        nonce[11] ^= 1;

        for (SealedSecret tampered : new SealedSecret[] {new SealedSecret(1, sealed.nonce(), flippedBody),
                new SealedSecret(1, sealed.nonce(), flippedTag), new SealedSecret(1, sealed.nonce(), truncated),
                new SealedSecret(1, nonce, ciphertext)}) {
            SecretNotOpened refused = assertThrows(SecretNotOpened.class, () -> vault.open(tampered, CONTEXT));
            assertFalse(refused.getMessage().contains(TOKEN));
        }
    }

    @Test
    void refusesASecretMovedToAnotherWorkspaceStorePurposeOrKeyVersion() {
        CredentialVault twoKeys = CredentialVault.of(KEY_1 + "," + KEY_2);
        SealedSecret sealed = twoKeys.seal(TOKEN, CONTEXT);

        assertThrows(SecretNotOpened.class, () -> twoKeys.open(sealed, new SecretContext("shopify-access-token", 8, 42)));
        assertThrows(SecretNotOpened.class, () -> twoKeys.open(sealed, new SecretContext("shopify-access-token", 7, 43)));
        assertThrows(SecretNotOpened.class, () -> twoKeys.open(sealed, new SecretContext("webhook-secret", 7, 42)));
        // the same bytes claimed for another version: another key and other associated data
        assertThrows(SecretNotOpened.class, () -> twoKeys.open(new SealedSecret(1, sealed.nonce(), sealed.ciphertext()), CONTEXT));
        assertEquals(TOKEN, twoKeys.open(sealed, CONTEXT));
    }

    @Test
    void associatedDataBindsVersionAndContextUnambiguously() {
        assertArrayEquals("signalops-vault/1|shopify-access-token|7|42|3".getBytes(StandardCharsets.UTF_8), CONTEXT.associatedData(3));
        assertThrows(IllegalArgumentException.class, () -> new SecretContext("shopify|7", 1, 2));
    }

    @Test
    void opensAnOldVersionAfterANewKeyIsAddedAndResealsUnderTheNewest() {
        SealedSecret old = vault.seal(TOKEN, CONTEXT);
        CredentialVault rotated = CredentialVault.of(KEY_2 + "," + KEY_1);

        assertEquals(2, rotated.newestVersion());
        assertEquals(TOKEN, rotated.open(old, CONTEXT));
        assertFalse(rotated.isCurrent(old));
        SealedSecret resealed = rotated.reseal(old, CONTEXT);
        assertEquals(2, resealed.keyVersion());
        assertTrue(rotated.isCurrent(resealed));
        assertEquals(TOKEN, rotated.open(resealed, CONTEXT));
        assertEquals(2, rotated.seal(TOKEN, CONTEXT).keyVersion());
        // once version 1 is removed, its tokens no longer open, and the message names the versions only
        SecretNotOpened gone = assertThrows(SecretNotOpened.class, () -> CredentialVault.of(KEY_2).open(old, CONTEXT));
        assertEquals("No vault key of version 1 is configured (configured: [2])", gone.getMessage());
        assertEquals(TOKEN, CredentialVault.of(KEY_2).open(resealed, CONTEXT));
    }

    @Test
    void refusesAResealOfASecretThatDoesNotOpen() {
        SealedSecret sealed = vault.seal(TOKEN, CONTEXT);
        CredentialVault rotated = CredentialVault.of(KEY_1 + "," + KEY_2);

        assertThrows(SecretNotOpened.class, () -> rotated.reseal(sealed, new SecretContext("shopify-access-token", 7, 99)));
    }
}
