package com.signalops.it.support;

import com.signalops.identity.domain.ApiKeySecret;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/** API keys written straight into the database, their exchange for tokens, and bearer calls. */
public final class ApiClient {

    private ApiClient() {
    }

    /**
     * A key of workspace {@code workspaceId} with {@code permissions} (keys such as
     * {@code stores.view}) over {@code scope} ({@code WORKSPACE}, or {@code DISTRICT}/{@code STORE}
     * with its id); returns its text.
     */
    public static String createKey(long workspaceId, List<String> permissions, String scope, Long scopeId) throws SQLException {
        ApiKeySecret secret = ApiKeySecret.generate();
        try (Connection connection = SignalOpsSystem.database().connect()) {
            long keyId;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO api_key (workspace_id, name, prefix, secret_digest, "
                    + "scope_type, district_id, store_id, created_by, created_at, expires_at) SELECT ?, 'test key', ?, ?, ?, ?, ?, "
                    + "MIN(user_id), NOW(3), NOW(3) + INTERVAL 1 DAY FROM membership WHERE workspace_id = ?",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, workspaceId);
                insert.setString(2, secret.prefix());
                insert.setString(3, secret.digest());
                insert.setString(4, scope);
                insert.setObject(5, "DISTRICT".equals(scope) ? scopeId : null);
                insert.setObject(6, "STORE".equals(scope) ? scopeId : null);
                insert.setLong(7, workspaceId);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    keyId = keys.getLong(1);
                }
            }
            for (String permission : permissions) {
                try (PreparedStatement grant = connection.prepareStatement(
                        "INSERT INTO api_key_permission (api_key_id, permission) VALUES (?, ?)")) {
                    grant.setLong(1, keyId);
                    grant.setString(2, permission);
                    grant.executeUpdate();
                }
            }
        }
        return secret.text();
    }

    /** The id of the demo workspace. */
    public static long demoWorkspaceId() throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect();
                ResultSet row = connection.createStatement().executeQuery("SELECT id FROM workspace WHERE name = 'Demo workspace'")) {
            row.next();
            return row.getLong(1);
        }
    }

    public static HttpResponse<String> exchange(String apiKey) {
        String body = Json.createObjectBuilder().add("apiKey", apiKey).build().toString();
        return Https.send(HttpRequest.newBuilder(Https.uri("/api/v1/auth/token")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A token for {@code apiKey}; fails the test when the exchange does not answer 200. */
    public static String token(String apiKey) {
        HttpResponse<String> response = exchange(apiKey);
        if (response.statusCode() != 200) {
            throw new AssertionError("token exchange answered " + response.statusCode() + ": " + response.body());
        }
        return json(response).getString("access_token");
    }

    public static HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Https.uri(path)).timeout(Duration.ofSeconds(20)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Https.send(request.build());
    }

    public static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
