package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SignalOpsSystem.class)
class HealthIT {

    @Test
    void readinessIsUpWithTheDatabaseAndTheSchema() {
        HttpResponse<String> response = Https.get("/health/ready");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("UP", body.getString("status"));
        JsonObject database = body.getJsonArray("checks").getJsonObject(0);
        assertEquals("database", database.getString("name"));
        assertEquals("UP", database.getJsonObject("data").getString("database"));
        assertEquals(true, database.getJsonObject("data").getBoolean("schemaMigrated"));
        assertEquals(true, database.getJsonObject("data").getBoolean("tenantScoping"), "tenant scoping proven in force");
    }

    @Test
    void livenessAndStartedAreUp() {
        assertEquals(200, Https.get("/health/live").statusCode());
        HttpResponse<String> started = Https.get("/health/started");
        assertEquals(200, started.statusCode(), started.body());
        JsonObject body = Json.createReader(new StringReader(started.body())).readObject();
        assertEquals("application", body.getJsonArray("checks").getJsonObject(0).getString("name"));
    }
}
