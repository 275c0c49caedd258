package com.signalops.outreach.service;

import com.signalops.outreach.domain.UnsubscribeToken;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Base64;
import org.eclipse.microprofile.config.Config;

/**
 * The key that signs campaign messages' unsubscribe links: {@value #VARIABLE} (base64 of at least 32 random bytes),
 * from the environment only. Changing it makes the links of messages already sent stop working (they are refused as
 * tampered), so change it only when it leaked. Read when the application starts; a missing or short key stops the
 * start with a message that shows no key material.
 */
@ApplicationScoped
public class UnsubscribeKey {

    public static final String VARIABLE = "SIGNALOPS_UNSUBSCRIBE_KEY";
    static final String PROPERTY = "signalops.unsubscribe.key";

    @Inject
    private Config config;

    private byte[] key;

    @PostConstruct
    void load() {
        key = decode(config.getOptionalValue(PROPERTY, String.class).or(() -> config.getOptionalValue(VARIABLE, String.class)).orElse(""));
    }

    void checkAtStart(@Observes Startup startup) {
        signer();
    }

    /** A fresh signer (one per thread: its MAC is not thread-safe). */
    public UnsubscribeToken.Signer signer() {
        return new UnsubscribeToken.Signer(key);
    }

    static byte[] decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(VARIABLE + " refused: it is not base64");
        }
        if (bytes.length < UnsubscribeToken.KEY_BYTES) {
            throw new IllegalStateException(VARIABLE + " refused: it must hold at least " + UnsubscribeToken.KEY_BYTES
                    + " random bytes in base64, it holds " + bytes.length);
        }
        return bytes;
    }
}
