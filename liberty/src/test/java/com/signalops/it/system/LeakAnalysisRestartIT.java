package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestTenants;
import com.signalops.testing.LeakStoreGenerator;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A revenue-leak analysis whose server is killed in the middle: when the server is back it restarts the job from where
 * it stood, and the store ends with exactly the findings a clean analysis of the same rows gives another store.
 */
@ExtendWith(SignalOpsSystem.class)
class LeakAnalysisRestartIT {

    /** Enough orders that the analysis takes some seconds, so that the kill lands while it runs. */
    private static final int ORDERS = 150_000;
    private static final String AS_OF = "2026-11-25 03:30:00";

    @Test
    void anAnalysisKilledWithItsServerIsRestartedAndEndsWithTheFindingsOfACleanRun() throws Exception {
        long demo = ApiClient.demoWorkspaceId();
        long crashedStore = TestTenants.store(demo, null, "LEAK-KILLED", "leak-killed.myshopify.com");
        long cleanStore = TestTenants.store(demo, null, "LEAK-CLEAN", "leak-clean.myshopify.com");
        try (Connection connection = SignalOpsSystem.database().connect()) {
            LeakStoreGenerator.write(connection, demo, crashedStore, ORDERS, AS_OF);
            LeakStoreGenerator.write(connection, demo, cleanStore, ORDERS, AS_OF);
        }
        String token = ApiClient.token(ApiClient.createKey(demo, List.of("leaks.run", "leaks.view"), "WORKSPACE", null));

        long execution = start(crashedStore, token);
        awaitFindings(crashedStore);
        SignalOpsSystem.server().kill();
        assertTrue(!status(execution).equals("5"), "killed before the analysis completed");
        SignalOpsSystem.server().start();
        SignalOpsSystem.awaitReady();
        awaitInstanceCompleted(execution);

        awaitInstanceCompleted(start(cleanStore, token));
        List<String> expected = findings(cleanStore);
        assertTrue(expected.size() > 1_000, "the generated store has findings: " + expected.size());
        assertEquals(expected.size(), findings(crashedStore).size());
        assertTrue(expected.equals(findings(crashedStore)), "the restarted analysis ends with the clean run's findings");
    }

    private static long start(long store, String token) {
        HttpResponse<String> response = Https.send(HttpRequest.newBuilder(Https.uri("/api/v1/stores/" + store + "/leak-analyses"))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"asOf\": \"" + AS_OF.replace(' ', 'T') + "Z\"}")).build());
        assertEquals(202, response.statusCode(), response.body());
        return ApiClient.json(response).getJsonNumber("executionId").longValue();
    }

    private static void awaitFindings(long store) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!SignalOpsSystem.database().rows("SELECT id FROM leak_finding WHERE store_id = " + store + " LIMIT 1").isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the analysis wrote no finding in 60 s");
    }

    private static String status(long execution) throws SQLException {
        return SignalOpsSystem.database().rows("SELECT BATCHSTATUS FROM WLPJOBEXECUTION WHERE JOBEXECID = " + execution).get(0);
    }

    /** Waits until the latest execution of the job instance of {@code execution} (it or a restart) completed. */
    private static void awaitInstanceCompleted(long execution) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> latest = SignalOpsSystem.database().rows("SELECT e2.BATCHSTATUS FROM WLPJOBEXECUTION e1 JOIN WLPJOBEXECUTION e2 "
                    + "ON e2.FK_JOBINSTANCEID = e1.FK_JOBINSTANCEID WHERE e1.JOBEXECID = " + execution + " ORDER BY e2.JOBEXECID DESC LIMIT 1");
            if (latest.equals(List.of("5"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job instance of execution " + execution + " not completed in 4 minutes");
    }

    /** A store's findings, everything but the store and the row id. */
    private static List<String> findings(long store) throws SQLException {
        return SignalOpsSystem.database().rows("SELECT CONCAT_WS('|', rule_code, subject, amount, currency, status, first_seen_at, last_seen_at, "
                + "IFNULL(status_reason, '-'), evidence) FROM leak_finding WHERE store_id = " + store + " ORDER BY rule_code, subject");
    }
}
