package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.ConsoleClient;
import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import com.signalops.it.support.TestTenants;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Revenue-leak analysis through the API against the running server: the contract's sample store imported, analysed
 * on demand with settings overridden, its findings listed, filtered and summed, a finding dismissed (audited with
 * before and after), reopened and resolved by a later analysis; and every call refused with 404 for another
 * workspace's key or a key scoped to another store, 403 without the permission.
 */
@ExtendWith(SignalOpsSystem.class)
class LeakFindingsIT {

    private static final String AS_OF = "2026-10-20T00:00:00Z";

    private static long demo;
    private static long store;
    private static String token;

    @BeforeAll
    static void importedSampleStore() throws Exception {
        demo = ApiClient.demoWorkspaceId();
        store = TestTenants.store(demo, null, "LEAK-SAMPLE", "leak-sample.myshopify.com");
        token = ApiClient.token(ApiClient.createKey(demo, List.of("connections.manage", "jobs.view", "leaks.view", "leaks.run",
                "leaks.triage"), "WORKSPACE", null));
        for (String resource : List.of("products", "customers", "orders")) {
            HttpResponse<String> accepted = upload(resource);
            assertEquals(202, accepted.statusCode(), accepted.body());
            awaitImported(ApiClient.json(accepted).getJsonNumber("executionId").longValue());
        }
    }

    @Test
    void analysesTheImportedStoreAndTriagesItsFindings() throws Exception {
        // variant 2001 sold 3 in scope (order 7001; cancelled 7002 adds nothing), 1 refunded: a third, at 22.50 a unit
        JsonObject started = analyse("{\"asOf\": \"" + AS_OF + "\", \"settings\": {\"minUnitsSold\": 3, \"refundRate\": \"0.3\"}}");
        assertEquals(AS_OF, started.getString("asOf"));

        JsonObject page = findings("");
        assertEquals(1, page.getInt("total"), page.toString());
        JsonObject finding = page.getJsonArray("items").getJsonObject(0);
        assertEquals("REFUND_HEAVY_VARIANT", finding.getString("code"));
        assertEquals("variant:2001", finding.getString("subject"));
        assertEquals("22.50", finding.getString("amount"));
        String currency = SignalOpsSystem.database().rows("SELECT currency FROM store WHERE id = " + store).get(0);
        assertEquals(currency, finding.getString("currency"), "the shop's currency");
        assertEquals("OPEN", finding.getString("status"));
        JsonObject evidence = finding.getJsonObject("evidence");
        assertEquals(3, evidence.getInt("unitsSold"));
        assertEquals(1, evidence.getInt("refundedUnits"));
        assertEquals(8001, evidence.getJsonArray("refundedLineItems").getJsonObject(0).getInt("lineItem"));
        assertEquals(0, findings("?code=STOCKOUT").getInt("total"));
        assertEquals(1, findings("?status=OPEN&page=0&size=10").getInt("total"));
        assertEquals(0, findings("?page=1&size=1").getJsonArray("items").size());
        HttpResponse<String> badCode = ApiClient.get("/api/v1/stores/" + store + "/leak-findings?code=NOPE", token);
        assertEquals(400, badCode.statusCode());
        assertEquals("application/problem+json", badCode.headers().firstValue("Content-Type").orElse(""));

        assertEquals("[{\"code\":\"REFUND_HEAVY_VARIANT\",\"count\":1,\"amount\":\"22.50\",\"currency\":\"" + currency + "\"}]",
                summary());

        long id = finding.getJsonNumber("id").longValue();
        HttpResponse<String> dismissed = patch(id, "{\"status\": \"DISMISSED\", \"reason\": \"supplier recall, refunded on purpose\"}",
                token);
        assertEquals(200, dismissed.statusCode(), dismissed.body());
        assertEquals("DISMISSED", ApiClient.json(dismissed).getString("status"));
        assertEquals(List.of("leak-finding.triage|SUCCESS|API_KEY|" + id + "|OPEN|DISMISSED"), SignalOpsSystem.database().rows("SELECT CONCAT_WS('|', action, "
                + "outcome, actor_type, entity_id, JSON_VALUE(before_json, '$.status'), JSON_VALUE(after_json, '$.status')) "
                + "FROM audit_record WHERE action = 'leak-finding.triage' AND request_id = '"
                + dismissed.headers().firstValue("X-Request-Id").orElseThrow() + "'"));
        assertEquals("[]", summary(), "only open findings are summed");
        assertEquals(400, patch(id, "{\"status\": \"DISMISSED\", \"reason\": \"again\"}", token).statusCode(), "already dismissed");
        assertEquals(400, patch(id, "{\"status\": \"OPEN\"}", token).statusCode(), "a reason is required");

        analyse("{\"asOf\": \"" + AS_OF + "\", \"settings\": {\"minUnitsSold\": 3, \"refundRate\": \"0.3\"}}");
        assertEquals("DISMISSED", finding(id).getString("status"), "the same amount again: stays dismissed");

        assertEquals(200, patch(id, "{\"status\": \"OPEN\", \"reason\": \"look again\"}", token).statusCode());
        analyse("{\"asOf\": \"" + AS_OF + "\"}");
        JsonObject resolved = finding(id);
        assertEquals("RESOLVED", resolved.getString("status"), "3 units are under the default 10: no longer a finding");
        assertEquals("analysis", resolved.getString("statusChangedBy"));
        assertEquals(List.of("1"), SignalOpsSystem.database().rows("SELECT COUNT(*) FROM audit_record WHERE action = 'leak-analysis.start' AND entity_id = '"
                + store + "' AND JSON_VALUE(after_json, '$.asOf') = '" + AS_OF + "' AND JSON_VALUE(after_json, '$.settings.minUnitsSold') "
                + "IS NULL AND actor_type = 'API_KEY'"), "each request to analyse is audited with its settings");
    }

    @Test
    void otherTenantsAndOtherStoresSeeNothingAndPermissionsAreRequired() throws Exception {
        analyse("{\"asOf\": \"" + AS_OF + "\", \"settings\": {\"minUnitsSold\": 1}}");
        long id = findings("").getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
        long elsewhere = TestTenants.workspace("Leaks Elsewhere");
        long outsider = TestAccounts.create("leaks.outsider@example.com", "Leaks Outsider", "Leaks-outsider-password-1");
        TestTenants.membership(elsewhere, outsider, "admin", "WORKSPACE", null);
        TestTenants.store(elsewhere, null, "LEAK-OTHER", "leak-other.myshopify.com");
        long otherStore = TestTenants.store(demo, null, "LEAK-NEIGHBOUR", "leak-neighbour.myshopify.com");
        List<String> all = List.of("leaks.view", "leaks.run", "leaks.triage");
        for (String foreign : List.of(ApiClient.token(ApiClient.createKey(elsewhere, all, "WORKSPACE", null)),
                ApiClient.token(ApiClient.createKey(demo, all, "STORE", otherStore)))) {
            assertEquals(404, ApiClient.get("/api/v1/stores/" + store + "/leak-findings", foreign).statusCode());
            assertEquals(404, ApiClient.get("/api/v1/stores/" + store + "/leak-findings/summary", foreign).statusCode());
            assertEquals(404, ApiClient.get("/api/v1/leak-findings/" + id, foreign).statusCode());
            assertEquals(404, patch(id, "{\"status\": \"DISMISSED\", \"reason\": \"not mine\"}", foreign).statusCode());
            assertEquals(404, post("{}", foreign).statusCode());
        }
        assertEquals(404, ApiClient.get("/api/v1/leak-findings/987654321", token).statusCode());
        String viewOnly = ApiClient.token(ApiClient.createKey(demo, List.of("leaks.view"), "WORKSPACE", null));
        assertEquals(200, ApiClient.get("/api/v1/stores/" + store + "/leak-findings", viewOnly).statusCode());
        assertEquals(403, post("{}", viewOnly).statusCode(), "analysing needs leaks.run");
        assertEquals(403, patch(id, "{\"status\": \"DISMISSED\", \"reason\": \"no\"}", viewOnly).statusCode(), "triage needs leaks.triage");
        assertEquals(400, post("{\"settings\": {\"refundRate\": 2}}", token).statusCode(), "a rate above 1");
        assertEquals(400, post("{\"settings\": {\"bogus\": 1}}", token).statusCode(), "an unknown setting");
        assertEquals(400, post("{\"asOf\": \"yesterday\"}", token).statusCode());
        assertEquals(List.of("OPEN"), SignalOpsSystem.database().rows("SELECT status FROM leak_finding WHERE id = " + id));
    }

    @Test
    void theConsoleShowsAStoresFindingsWithEvidenceOnlyToRolesThatSeeTheStore() throws Exception {
        analyse("{\"asOf\": \"" + AS_OF + "\", \"settings\": {\"minUnitsSold\": 1}}");
        long id = findings("?code=REFUND_HEAVY_VARIANT&status=").getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
        String password = "Leaks-console-password-1";
        TestAccounts.create("leaks.manager@example.com", "Leaks Manager", password, "manager");
        ConsoleClient manager = ConsoleClient.signedIn("leaks.manager@example.com", password);
        String page = manager.get("/leaks.xhtml?storeId=" + store + "&status=ALL&id=" + id).body();
        assertTrue(page.contains("variant:2001") && page.contains("refundedLineItems") && page.contains("REFUND_HEAVY_VARIANT"), page);
        assertTrue(page.contains("id=\"settings\""), "a manager (leaks.configure) edits the store's rule settings");

        long neighbour = TestTenants.store(demo, null, "LEAK-REP-STORE", "leak-rep-store.myshopify.com");
        long rep = TestAccounts.create("leaks.rep@example.com", "Leaks Rep", password);
        TestTenants.membership(demo, rep, "rep", "STORE", neighbour);
        ConsoleClient repConsole = ConsoleClient.signedIn("leaks.rep@example.com", password);
        HttpResponse<String> other = repConsole.get("/leaks.xhtml?storeId=" + store + "&status=ALL&id=" + id);
        assertEquals(200, other.statusCode());
        assertTrue(!other.body().contains("variant:2001") && !other.body().contains("LEAK-SAMPLE"),
                "a rep of another store sees nothing of this store's findings");
        assertTrue(!other.body().contains("id=\"settings\""), "a rep (no leaks.configure) has no settings form");
    }

    @Test
    void aStoresRuleSettingsAreReadByViewersAndChangedByThoseAllowedToConfigure() throws Exception {
        long fresh = TestTenants.store(demo, null, "LEAK-SETTINGS", "leak-settings.myshopify.com");
        String path = "/api/v1/stores/" + fresh + "/leak-settings";
        JsonObject defaults = ApiClient.json(ApiClient.get(path, token));
        assertEquals("48", defaults.getString("unfulfilledHours"));
        assertEquals("5.99", defaults.getString("flatShippingRate"));

        String configure = ApiClient.token(ApiClient.createKey(demo, List.of("leaks.view", "leaks.configure"), "WORKSPACE", null));
        HttpResponse<String> changed = put(path, "{\"unfulfilledHours\": 24, \"refundRate\": \"0.25\"}", configure);
        assertEquals(200, changed.statusCode(), changed.body());
        JsonObject now = ApiClient.json(ApiClient.get(path, token));
        assertEquals("24", now.getString("unfulfilledHours"));
        assertEquals("0.2500", now.getString("refundRate"));
        assertEquals("90", now.getString("lookbackDays"), "the others stay");
        assertEquals(List.of("48|24"), SignalOpsSystem.database().rows("SELECT CONCAT_WS('|', JSON_VALUE(before_json, '$.unfulfilledHours'), "
                + "JSON_VALUE(after_json, '$.unfulfilledHours')) FROM audit_record WHERE action = 'leak-settings.update' AND request_id = '"
                + changed.headers().firstValue("X-Request-Id").orElseThrow() + "'"));

        assertEquals(403, put(path, "{\"unfulfilledHours\": 1}", token).statusCode(), "changing needs leaks.configure");
        assertEquals(400, put(path, "{\"refundRate\": 3}", configure).statusCode());
        assertEquals(400, put(path, "{\"nope\": 3}", configure).statusCode());
        long elsewhere = TestTenants.workspace("Leak Settings Elsewhere");
        long outsider = TestAccounts.create("leaks.settings.outsider@example.com", "Settings Outsider", "Leaks-outsider-password-2");
        TestTenants.membership(elsewhere, outsider, "admin", "WORKSPACE", null);
        String foreign = ApiClient.token(ApiClient.createKey(elsewhere, List.of("leaks.view", "leaks.configure"), "WORKSPACE", null));
        assertEquals(404, ApiClient.get(path, foreign).statusCode());
        assertEquals(404, put(path, "{\"unfulfilledHours\": 1}", foreign).statusCode());
        assertEquals(List.of("24"), SignalOpsSystem.database().rows("SELECT unfulfilled_hours FROM leak_rule_setting WHERE store_id = " + fresh));
    }

    private static HttpResponse<String> put(String path, String body, String bearer) {
        return Https.send(HttpRequest.newBuilder(Https.uri(path)).timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonObject analyse(String body) throws Exception {
        HttpResponse<String> response = post(body, token);
        assertEquals(202, response.statusCode(), response.body());
        JsonObject started = ApiClient.json(response);
        awaitCompleted(started.getJsonNumber("executionId").longValue());
        return started;
    }

    private static HttpResponse<String> post(String body, String bearer) {
        return Https.send(HttpRequest.newBuilder(Https.uri("/api/v1/stores/" + store + "/leak-analyses")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> patch(long id, String body, String bearer) {
        return Https.send(HttpRequest.newBuilder(Https.uri("/api/v1/leak-findings/" + id)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonObject findings(String query) {
        HttpResponse<String> response = ApiClient.get("/api/v1/stores/" + store + "/leak-findings" + query, token);
        assertEquals(200, response.statusCode(), response.body());
        return ApiClient.json(response);
    }

    private static JsonObject finding(long id) {
        HttpResponse<String> response = ApiClient.get("/api/v1/leak-findings/" + id, token);
        assertEquals(200, response.statusCode(), response.body());
        return ApiClient.json(response);
    }

    private static String summary() {
        HttpResponse<String> response = ApiClient.get("/api/v1/stores/" + store + "/leak-findings/summary", token);
        assertEquals(200, response.statusCode(), response.body());
        JsonArray totals = jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readArray();
        return totals.toString();
    }

    private static HttpResponse<String> upload(String resource) throws IOException {
        byte[] body;
        try (InputStream in = LeakFindingsIT.class.getResourceAsStream("/shopify/bulk/" + resource + ".jsonl")) {
            body = in.readAllBytes();
        }
        return Https.send(HttpRequest.newBuilder(Https.uri("/api/v1/stores/" + store + "/imports?resource=" + resource))
                .version(HttpClient.Version.HTTP_1_1).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static void awaitImported(long executionId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = ApiClient.get("/api/v1/jobs/" + executionId, token);
            if (response.statusCode() == 200 && "COMPLETED".equals(ApiClient.json(response).getString("status"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("import " + executionId + " not completed in 2 minutes");
    }

    /** Waits for job execution {@code executionId} to complete (batch status 5 in Liberty's job repository). */
    private static void awaitCompleted(long executionId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> status = SignalOpsSystem.database().rows("SELECT BATCHSTATUS FROM WLPJOBEXECUTION WHERE JOBEXECID = " + executionId);
            if (status.equals(List.of("5"))) {
                return;
            }
            assertTrue(!status.equals(List.of("4")), "execution " + executionId + " failed");
            Thread.sleep(250);
        }
        throw new AssertionError("execution " + executionId + " not completed in 2 minutes");
    }
}
