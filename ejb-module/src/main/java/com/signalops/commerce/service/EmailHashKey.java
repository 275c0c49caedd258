package com.signalops.commerce.service;

import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.integration.service.VaultKeyring;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Base64;
import org.eclipse.microprofile.config.Config;

/**
 * The key of the emails' keyed hash: {@value #VARIABLE} (base64 of at least 32 random bytes),
 * from the environment only. It is not rotated with the vault keys: changing it makes every stored
 * hash unmatchable. Read when the application starts; a missing or short key stops the start with a
 * message that shows no key material.
 */
@ApplicationScoped
public class EmailHashKey {

    static final String VARIABLE = "SIGNALOPS_EMAIL_HASH_KEY";
    static final String PROPERTY = "signalops.email.hash.key";

    @Inject
    private Config config;

    @Inject
    private VaultKeyring keyring;

    private byte[] key;

    @PostConstruct
    void load() {
        key = decode(config.getOptionalValue(PROPERTY, String.class).or(() -> config.getOptionalValue(VARIABLE, String.class)).orElse(""));
    }

    void checkAtStart(@Observes Startup startup) {
        customerEmails();
    }

    /** A fresh {@link CustomerEmails} (one per thread: its MAC is not thread-safe). */
    public CustomerEmails customerEmails() {
        return new CustomerEmails(keyring.vault(), key);
    }

    static byte[] decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(VARIABLE + " refused: it is not base64");
        }
        if (bytes.length < CustomerEmails.HASH_KEY_BYTES) {
            throw new IllegalStateException(VARIABLE + " refused: it must hold at least " + CustomerEmails.HASH_KEY_BYTES
                    + " random bytes in base64, it holds " + bytes.length);
        }
        return bytes;
    }
}
