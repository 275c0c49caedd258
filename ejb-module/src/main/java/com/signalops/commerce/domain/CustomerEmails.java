package com.signalops.commerce.domain;

import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.domain.SealedSecret;
import com.signalops.integration.domain.SecretContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How an email is kept: a customer's sealed by the credentials vault (purpose
 * {@value #PURPOSE}, its workspace and store in the associated data), and any email as the keyed
 * hash HMAC-SHA256 of its {@linkplain EmailAddresses#normalise normal form}, for matching without
 * the address. The hash key is not a vault key: it must stay the same across vault key rotations.
 * One instance per thread (the MAC is not thread-safe).
 */
public final class CustomerEmails {

    public static final String PURPOSE = "customer-email";
    public static final int HASH_KEY_BYTES = 32;

    private final CredentialVault vault;
    private final Mac mac;

    public CustomerEmails(CredentialVault vault, byte[] hashKey) {
        if (hashKey == null || hashKey.length < HASH_KEY_BYTES) {
            throw new IllegalArgumentException("The email hash key needs at least " + HASH_KEY_BYTES + " bytes");
        }
        this.vault = vault;
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The keyed hash of {@code email}'s normal form, or empty for no email (null or blank). */
    public Optional<byte[]> hash(String email) {
        return EmailAddresses.normalise(email).map(normal -> mac.doFinal(normal.getBytes(StandardCharsets.UTF_8)));
    }

    /** The email {@code sealed} holds, sealed for a customer of store {@code storeId} of workspace {@code workspaceId}. */
    public static String open(CredentialVault vault, SealedSecret sealed, long workspaceId, long storeId) {
        return vault.open(sealed, new SecretContext(PURPOSE, workspaceId, storeId));
    }

    /** {@code email} (trimmed) sealed for its customer's store, or empty for no email. */
    public Optional<SealedSecret> seal(String email, long workspaceId, long storeId) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(vault.seal(email.trim(), new SecretContext(PURPOSE, workspaceId, storeId)));
    }
}
