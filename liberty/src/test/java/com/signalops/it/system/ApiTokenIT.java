package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.Jwts;
import com.signalops.it.support.SignalOpsSystem;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API keys, the key-for-token exchange and the bearer tokens that MP JWT verifies: the tokens a
 * forger could make (no algorithm, HS256 with the public key, expired, another issuer or
 * audience, tampered claims) and tokens of revoked keys answer 401; a valid token without the
 * permission answers 403.
 */
@ExtendWith(SignalOpsSystem.class)
class ApiTokenIT {

    private static final String ISSUER = "https://signalops.invalid/api";
    private static final String AUDIENCE = "signalops-api";

    private static long workspaceId;
    private static String storesKey;
    private static long storesKeyId;

    @BeforeAll
    static void keys() throws SQLException {
        workspaceId = ApiClient.demoWorkspaceId();
        storesKey = ApiClient.createKey(workspaceId, List.of("stores.view"), "WORKSPACE", null);
        HttpResponse<String> me = ApiClient.get("/api/v1/me", ApiClient.token(storesKey));
        assertEquals(200, me.statusCode(), me.headers() + " " + me.body());
        storesKeyId = ApiClient.json(me).getJsonNumber("keyId").longValue();
    }

    private static String claims(String issuer, String audience, long expiresAt, long workspace, long key, String permissions) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"api-key:" + key + "\",\"upn\":\"api-key:" + key
                + "\",\"jti\":\"" + System.nanoTime() + "\",\"iat\":" + now + ",\"exp\":" + expiresAt + ",\"groups\":[\"api\"],"
                + "\"workspace_id\":" + workspace + ",\"key_id\":" + key + ",\"permissions\":[" + permissions + "],"
                + "\"scope_type\":\"WORKSPACE\"}";
    }

    private static String validClaims(String permissions) {
        return claims(ISSUER, AUDIENCE, Instant.now().getEpochSecond() + 600, workspaceId, storesKeyId, permissions);
    }

    private static void assertUnauthorized(String token) {
        HttpResponse<String> response = ApiClient.get("/api/v1/me", token);
        assertEquals(401, response.statusCode(), response.body());
    }

    @Test
    void aKeyBuysA15MinuteTokenThatNamesItsWorkspaceAndPermissions() {
        HttpResponse<String> exchange = ApiClient.exchange(storesKey);
        assertEquals(200, exchange.statusCode(), exchange.body());
        assertEquals("no-store", exchange.headers().firstValue("cache-control").orElse(""));
        JsonObject answer = ApiClient.json(exchange);
        assertEquals("Bearer", answer.getString("token_type"));
        assertEquals(900, answer.getInt("expires_in"));
        String token = answer.getString("access_token");
        assertTrue(Jwts.decode(token.split("\\.")[0]).contains("\"RS256\""));

        HttpResponse<String> me = ApiClient.get("/api/v1/me?workspaceId=" + (workspaceId + 1), token);
        assertEquals(200, me.statusCode(), me.body());
        JsonObject caller = ApiClient.json(me);
        assertEquals(workspaceId, caller.getJsonNumber("workspaceId").longValue(), "the tenant comes from the token, not the query");
        assertEquals("[\"stores.view\"]", caller.getJsonArray("permissions").toString());
    }

    @Test
    void wrongMalformedAndMissingKeysAnswerOneProblem() {
        for (String key : List.of(storesKey.substring(0, storesKey.length() - 2) + "xx", "sok_nonsense", "", "sok_aaaaaaaaaaaa_"
                + "A".repeat(43))) {
            HttpResponse<String> response = ApiClient.exchange(key);
            assertEquals(401, response.statusCode(), key);
            assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""));
            assertEquals("invalid-api-key", ApiClient.json(response).getString("code"));
        }
    }

    @Test
    void callsWithoutATokenAnswer401ProblemJson() {
        HttpResponse<String> response = ApiClient.get("/api/v1/me", null);
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""), response.body());
        assertEquals(401, ApiClient.json(response).getInt("status"));
        assertEquals(401, ApiClient.get("/api/v1/me", "not-a-jwt").statusCode());
    }

    @Test
    void aWellSignedTokenOfOurOwnMakingIsAccepted() {
        // the control for the attacks below: the same claims, properly signed, pass
        HttpResponse<String> response = ApiClient.get("/api/v1/me", Jwts.rs256(validClaims("\"stores.view\"")));
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void refusesAnUnsignedToken() {
        assertUnauthorized(Jwts.none(validClaims("\"stores.view\"")));
    }

    @Test
    void refusesHs256SignedWithThePublicKey() {
        assertUnauthorized(Jwts.hs256WithPublicKey(validClaims("\"stores.view\"")));
    }

    @Test
    void refusesAnExpiredToken() {
        assertUnauthorized(Jwts.rs256(claims(ISSUER, AUDIENCE, Instant.now().getEpochSecond() - 120, workspaceId, storesKeyId,
                "\"stores.view\"")));
    }

    @Test
    void refusesAnotherIssuerOrAudience() {
        long exp = Instant.now().getEpochSecond() + 600;
        assertUnauthorized(Jwts.rs256(claims("https://evil.example/api", AUDIENCE, exp, workspaceId, storesKeyId, "\"stores.view\"")));
        assertUnauthorized(Jwts.rs256(claims(ISSUER, "another-api", exp, workspaceId, storesKeyId, "\"stores.view\"")));
    }

    @Test
    void refusesTamperedClaims() {
        String token = ApiClient.token(storesKey);
        String[] parts = token.split("\\.");
        String claims = Jwts.decode(parts[1]).replace("\"stores.view\"", "\"stores.view\",\"jobs.view\"");
        assertFalse(claims.equals(Jwts.decode(parts[1])));
        assertUnauthorized(parts[0] + "." + Jwts.encode(claims) + "." + parts[2]);
    }

    @Test
    void aValidTokenWithoutThePermissionAnswers403() {
        HttpResponse<String> response = ApiClient.get("/api/v1/system/info", ApiClient.token(storesKey));
        assertEquals(403, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void revokingAKeyEndsItsTokensAtOnce() throws SQLException {
        String key = ApiClient.createKey(workspaceId, List.of("stores.view"), "WORKSPACE", null);
        String token = ApiClient.token(key);
        assertEquals(200, ApiClient.get("/api/v1/me", token).statusCode());
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement revoke = connection.prepareStatement("UPDATE api_key SET revoked_at = NOW(3) WHERE prefix = ?")) {
            revoke.setString(1, key.substring(4, 16));
            assertEquals(1, revoke.executeUpdate());
        }
        assertUnauthorized(token);
        assertEquals(401, ApiClient.exchange(key).statusCode());
    }
}
