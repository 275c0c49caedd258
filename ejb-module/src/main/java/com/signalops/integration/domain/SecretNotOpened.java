package com.signalops.integration.domain;

/**
 * A sealed secret did not open: its key version is not configured, or its ciphertext, nonce, tag
 * or context is not the one it was sealed with. The message names the version and context only.
 */
public class SecretNotOpened extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecretNotOpened(String message) {
        super(message);
    }
}
