package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.testing.EmbeddedMariaDb;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Readiness follows the database: DOWN while it is away, UP again by itself when it is back. */
@ExtendWith(SignalOpsSystem.class)
class DatabaseOutageIT {

    @Test
    void readinessGoesDownWithTheDatabaseAndComesBackWithIt() throws java.sql.SQLException {
        assumeTrue(SignalOpsSystem.database().embedded().isPresent(), "needs the embedded database, which the test can stop");
        EmbeddedMariaDb database = SignalOpsSystem.database().embedded().orElseThrow();
        assertEquals(200, Https.statusOf("/health/ready"));

        database.stop();
        try {
            assertTrue(Https.awaitStatus("/health/ready", 503, Duration.ofSeconds(30)), "readiness DOWN without the database");
            HttpResponse<String> down = Https.get("/health/ready");
            JsonObject check = Json.createReader(new StringReader(down.body())).readObject().getJsonArray("checks").getJsonObject(0);
            assertEquals("DOWN", check.getString("status"));
            assertEquals("DOWN", check.getJsonObject("data").getString("database"));
            assertEquals(200, Https.statusOf("/health/live"), "a database outage does not make the server unhealthy");
        } finally {
            database.restart();
        }

        assertTrue(Https.awaitStatus("/health/ready", 200, Duration.ofSeconds(60)), "readiness UP again, without a restart");
        assertEquals(200, ApiClient.get("/api/v1/me", ApiClient.token(ApiClient.createKey(ApiClient.demoWorkspaceId(), List.of("jobs.view"), "WORKSPACE", null))).statusCode());
    }
}
