package com.signalops.it.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.Https;
import com.signalops.it.support.Migrations;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built EAR, deployed by Arquillian into a managed Liberty with a real, empty MariaDB:
 * it migrates the schema at start, reports ready and serves the API and the console.
 */
@ExtendWith({ArquillianServerSetup.class, ArquillianExtension.class})
class EarDeploymentIT {

    @Deployment(testable = false)
    static EnterpriseArchive signalops() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("signalops.ear")));
    }

    @Test
    void theDeployedEarMigratesAnEmptyDatabaseAndBecomesReady() throws Exception {
        assertTrue(Https.awaitStatus("/health/ready", 200, Duration.ofSeconds(60)), "ready");
        try (Connection connection = ArquillianServerSetup.database().connect(); Statement statement = connection.createStatement();
                ResultSet history = statement.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL AND type <> 'BASELINE' AND success = 1")) {
            history.next();
            assertEquals(Migrations.versions().size(), history.getInt(1));
        }
    }

    @Test
    void theDeployedEarServesTheApiAndTheConsole() {
        HttpResponse<String> info = Https.get("/api/v1/system/info");
        assertEquals(401, info.statusCode(), "the API takes bearer tokens only: " + info.body());
        JsonObject body = Json.createReader(new StringReader(info.body())).readObject();
        assertEquals(401, body.getInt("status"));
        HttpResponse<String> exchange = Https.send(java.net.http.HttpRequest.newBuilder(Https.uri("/api/v1/auth/token"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"apiKey\":\"x\"}"))
                .build());
        assertEquals(401, exchange.statusCode(), "the token exchange is deployed and refuses a wrong key: " + exchange.body());
        assertEquals(200, Https.get("/login.xhtml").statusCode());
        assertEquals(302, Https.get("/system.xhtml").statusCode(), "console pages need a signed-in user");
    }
}
