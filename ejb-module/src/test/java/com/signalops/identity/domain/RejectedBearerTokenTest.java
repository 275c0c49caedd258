package com.signalops.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.signalops.shared.Digests;
import org.junit.jupiter.api.Test;

/** A refused bearer token is named by the start of its hash, never by its text. */
class RejectedBearerTokenTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl";

    @Test
    void namesATokenByTwelveHexCharactersOfItsHashOnly() {
        String details = RejectedBearerToken.details(TOKEN);

        assertEquals("bearer token refused; sha256 prefix " + Digests.sha256(TOKEN).substring(0, 12), details);
        for (String part : TOKEN.split("\\.")) {
            assertFalse(details.contains(part), part);
        }
        assertFalse(details.contains(Digests.sha256(TOKEN)), "not the whole hash");
    }

    @Test
    void tellsTwoTokensApart() {
        assertNotEquals(RejectedBearerToken.details(TOKEN), RejectedBearerToken.details(TOKEN + "x"));
        assertEquals(RejectedBearerToken.details(TOKEN), RejectedBearerToken.details(TOKEN));
    }
}
