package com.signalops.integration.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * The app's API secrets as {@value #VARIABLE} configures them: comma-separated, the current one
 * first, then the previous one during a rotation; blanks skipped, so an unset variable holds none.
 * The current secret signs the OAuth token request ({@link ShopifyApp}); every secret is accepted
 * for the callback's and the webhooks' HMACs ({@link ShopifyCallbackSignature},
 * {@link WebhookSignature}). No method shows a secret but {@link #current()}.
 */
public final class ShopifyApiSecrets {

    /** The environment variable (or MicroProfile Config property) of the secrets. */
    public static final String VARIABLE = "SIGNALOPS_SHOPIFY_API_SECRETS";
    static final String HMAC = "HmacSHA256";

    private final List<String> secrets;

    private ShopifyApiSecrets(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** The secrets of {@code configured} (may be null). */
    public static ShopifyApiSecrets parse(String configured) {
        return new ShopifyApiSecrets(configured == null ? List.of()
                : Arrays.stream(configured.split(",")).map(String::strip).filter(secret -> !secret.isEmpty()).toList());
    }

    /** The current secret, the one that signs what SignalOps sends. */
    public Optional<String> current() {
        return secrets.stream().findFirst();
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /** How many secrets are accepted (two during a rotation). */
    public int count() {
        return secrets.size();
    }

    /** Every secret as an HMAC-SHA256 key, current first. */
    List<SecretKeySpec> hmacKeys() {
        return secrets.stream().map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC)).toList();
    }

    /** Never the secrets. */
    @Override
    public String toString() {
        return "ShopifyApiSecrets[" + secrets.size() + " secret(s)]";
    }
}
