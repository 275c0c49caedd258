package com.signalops.identity.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The API's bearer token: a JWT signed with RS256 that MicroProfile JWT verifies on every call.
 * It names its workspace, key, permissions and scope; the tenant of a call comes from here and
 * nowhere else.
 */
public final class AccessToken {

    /** How long a token lives. */
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    /** The group every token carries; the API's security constraint asks for it. */
    public static final String API_GROUP = "api";

    public static final String WORKSPACE_CLAIM = "workspace_id";
    public static final String KEY_CLAIM = "key_id";
    public static final String PERMISSIONS_CLAIM = "permissions";
    public static final String SCOPE_CLAIM = "scope_type";
    public static final String DISTRICT_CLAIM = "district_id";
    public static final String STORE_CLAIM = "store_id";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private AccessToken() {
    }

    /** The signed compact JWT for {@code credential}, issued at {@code now}. */
    public static String sign(ApiCredential credential, String issuer, String audience, PrivateKey key, Instant now) {
        Objects.requireNonNull(key, "signing key");
        byte[] jti = new byte[16];
        RANDOM.nextBytes(jti);
        String subject = "api-key:" + credential.keyId();
        List<String> permissions = credential.permissions().stream().map(Permission::key).sorted().toList();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        StringBuilder claims = new StringBuilder(256).append('{');
        field(claims, "iss", issuer).append(',');
        field(claims, "aud", audience).append(',');
        field(claims, "sub", subject).append(',');
        field(claims, "upn", subject).append(',');
        field(claims, "jti", HexFormat.of().formatHex(jti)).append(',');
        claims.append("\"iat\":").append(now.getEpochSecond()).append(',');
        claims.append("\"exp\":").append(now.plus(LIFETIME).getEpochSecond()).append(',');
        claims.append("\"groups\":[").append(quoted(API_GROUP)).append("],");
        claims.append('"').append(WORKSPACE_CLAIM).append("\":").append(credential.workspaceId()).append(',');
        claims.append('"').append(KEY_CLAIM).append("\":").append(credential.keyId()).append(',');
        claims.append('"').append(PERMISSIONS_CLAIM).append("\":[")
                .append(permissions.stream().map(AccessToken::quoted).collect(Collectors.joining(","))).append("],");
        field(claims, SCOPE_CLAIM, credential.scope().name());
        if (credential.districtId() != null) {
            claims.append(",\"").append(DISTRICT_CLAIM).append("\":").append(credential.districtId());
        }
        if (credential.storeId() != null) {
            claims.append(",\"").append(STORE_CLAIM).append("\":").append(credential.storeId());
        }
        claims.append('}');
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The token could not be signed", e);
        }
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        return json.append(quoted(name)).append(':').append(quoted(value));
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
