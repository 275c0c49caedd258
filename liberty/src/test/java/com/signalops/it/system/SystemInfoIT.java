package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.Migrations;
import com.signalops.it.support.SignalOpsSystem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SignalOpsSystem.class)
class SystemInfoIT {

    private static String token;

    @BeforeAll
    static void token() throws SQLException {
        token = ApiClient.token(ApiClient.createKey(ApiClient.demoWorkspaceId(), List.of("jobs.view"), "WORKSPACE", null));
    }

    @Test
    void reportsVersionDatabaseAndSchema() {
        HttpResponse<String> response = ApiClient.get("/api/v1/system/info", token);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonObject info = Json.createReader(new StringReader(response.body())).readObject();
        assertFalse(info.getString("version").isBlank());
        assertFalse(info.getString("version").contains("${"), "version filtered at build time");
        assertTrue(info.getBoolean("databaseUp"));
        assertEquals(Migrations.latest(), info.getString("schemaVersion"));
        assertTrue(info.containsKey("recentJobs"));
    }

    @Test
    void unknownApiPathsAnswerProblemJson() {
        HttpResponse<String> response = ApiClient.get("/api/v1/no-such-thing", token);
        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""));
        JsonObject problem = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals(404, problem.getInt("status"));
        assertFalse(problem.getString("title").isBlank());
    }
}
