package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.Https;
import com.signalops.it.support.Migrations;
import com.signalops.it.support.SignalOpsSystem;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The schema comes from Flyway at start, on an empty database, and a second start changes nothing. */
@ExtendWith(SignalOpsSystem.class)
class MigrationsIT {

    @Test
    void migrationsApplyOnAnEmptyDatabaseAndAreIdempotentOnTheNextStart() throws SQLException {
        List<String> before = history();
        List<String> expected = Migrations.versions().stream().map(v -> v + ":true").toList();
        assertEquals(expected, before, "the run's database started empty and got every migration once");
        assertTrue(tables().contains("scheduled_job_run"));

        SignalOpsSystem.server().stop();
        SignalOpsSystem.server().start();
        SignalOpsSystem.awaitReady();

        assertEquals(before, history(), "a second start applies nothing again");
        assertTrue(SignalOpsSystem.server().messages().contains("0 migrations applied now"),
                "the second start reports no migration applied");
        assertEquals(200, ApiClient.get("/api/v1/me", ApiClient.token(ApiClient.createKey(ApiClient.demoWorkspaceId(), List.of("jobs.view"), "WORKSPACE", null))).statusCode());
    }

    private static List<String> history() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = SignalOpsSystem.database().connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT version, success FROM flyway_schema_history "
                        + "WHERE version IS NOT NULL AND type <> 'BASELINE' ORDER BY installed_rank")) {
            while (result.next()) {
                rows.add(result.getString(1) + ":" + result.getBoolean(2));
            }
        }
        return rows;
    }

    private static List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = SignalOpsSystem.database().connect();
                ResultSet result = connection.getMetaData().getTables(connection.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (result.next()) {
                names.add(result.getString("TABLE_NAME"));
            }
        }
        return names;
    }
}
