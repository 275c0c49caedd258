package com.signalops.identity.domain;

import com.signalops.shared.Digests;

/**
 * The security event of a bearer token the API refused. Its details never hold the token, only
 * the start of its SHA-256: enough to see one token tried again and again, too little to use.
 */
public final class RejectedBearerToken {

    /** The security event's type. */
    public static final String EVENT = "api.token-rejected";
    /** How many hex characters of the token's SHA-256 the details keep. */
    public static final int DIGEST_PREFIX_LENGTH = 12;

    private RejectedBearerToken() {
    }

    /** The event's details for {@code token} as presented. */
    public static String details(String token) {
        return "bearer token refused; sha256 prefix " + Digests.sha256(token).substring(0, DIGEST_PREFIX_LENGTH);
    }
}
