package com.signalops.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The API token is a compact RS256 JWT with the claims MP JWT and the API read. */
class AccessTokenTest {

    @Test
    void isSignedWithRs256AndCarriesTheCredentialFor15Minutes() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.parse("2026-11-25T09:00:00Z");
        ApiCredential credential = new ApiCredential(42, 7, EnumSet.of(Permission.STORES_VIEW, Permission.LEAKS_VIEW), ScopeType.DISTRICT,
                3L, null);

        String token = AccessToken.sign(credential, "https://issuer.test", "signalops-api", pair.getPrivate(), now);

        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        Base64.Decoder decoder = Base64.getUrlDecoder();
        assertEquals("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", new String(decoder.decode(parts[0]), StandardCharsets.UTF_8));
        String claims = new String(decoder.decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"iss\":\"https://issuer.test\""), claims);
        assertTrue(claims.contains("\"aud\":\"signalops-api\""), claims);
        assertTrue(claims.contains("\"exp\":" + now.plusSeconds(900).getEpochSecond()), claims);
        assertTrue(claims.contains("\"workspace_id\":42"), claims);
        assertTrue(claims.contains("\"permissions\":[\"leaks.view\",\"stores.view\"]"), claims);
        assertTrue(claims.contains("\"scope_type\":\"DISTRICT\",\"district_id\":3"), claims);
        assertTrue(claims.contains("\"groups\":[\"api\"]"), claims);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(pair.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(decoder.decode(parts[2])));
    }
}
