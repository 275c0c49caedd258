package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.ConsoleClient;
import com.signalops.it.support.FacesForm;
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
    void theJobEndpointFollowsAnAnalysisToItsEndAndTheListSortsAsAsked() throws Exception {
        long execution = analyse("{\"asOf\": \"" + AS_OF + "\", \"settings\": {\"minUnitsSold\": 1}}").getJsonNumber("executionId").longValue();
        HttpResponse<String> report = ApiClient.get("/api/v1/jobs/" + execution, token);
        assertEquals(200, report.statusCode(), report.body());
        JsonObject job = ApiClient.json(report);
        assertEquals("revenue-leak-analysis", job.getString("job"));
        assertEquals("COMPLETED", job.getString("batchStatus"));
        assertEquals(AS_OF, job.getString("asOf"));
        assertEquals(8, job.getInt("rulesDone"));
        assertEquals(8, job.getInt("rulesTotal"));
        JsonObject only = job.getJsonArray("stores").getJsonObject(0);
        assertEquals(store, only.getJsonNumber("storeId").longValue());
        assertTrue(!only.isNull("finishedAt"), only.toString());
        long elsewhere = TestTenants.workspace("Leak Jobs Elsewhere");
        long outsider = TestAccounts.create("leaks.jobs.outsider@example.com", "Jobs Outsider", "Leaks-outsider-password-3");
        TestTenants.membership(elsewhere, outsider, "admin", "WORKSPACE", null);
        String foreign = ApiClient.token(ApiClient.createKey(elsewhere, List.of("jobs.view", "leaks.view"), "WORKSPACE", null));
        assertEquals(404, ApiClient.get("/api/v1/jobs/" + execution, foreign).statusCode());

        for (String sort : List.of("-amount", "amount", "-firstSeen", "firstSeen")) {
            JsonArray items = findings("?sort=" + sort + "&size=200").getJsonArray("items");
            for (int i = 1; i < items.size(); i++) {
                String field = sort.endsWith("mount") ? "amount" : "firstSeenAt";
                String previous = items.getJsonObject(i - 1).getString(field);
                String next = items.getJsonObject(i).getString(field);
                int order = field.equals("amount") ? new java.math.BigDecimal(previous).compareTo(new java.math.BigDecimal(next))
                        : java.time.Instant.parse(previous).compareTo(java.time.Instant.parse(next));
                assertTrue(sort.startsWith("-") ? order >= 0 : order <= 0, sort + ": " + items);
            }
        }
        HttpResponse<String> badSort = ApiClient.get("/api/v1/stores/" + store + "/leak-findings?sort=random", token);
        assertEquals(400, badSort.statusCode());
        assertEquals("application/problem+json", badSort.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void theConsoleShowsDashboardsBulkTriagesExportsAndRunsAnAnalysisWithItsProgress() throws Exception {
        // a store of its own: this test dismisses findings and analyses as of now
        long store = TestTenants.store(demo, null, "LEAK-DASH", "leak-dash.myshopify.com");
        for (String resource : List.of("products", "customers", "orders")) {
            HttpResponse<String> accepted = upload(store, resource);
            assertEquals(202, accepted.statusCode(), accepted.body());
            awaitImported(ApiClient.json(accepted).getJsonNumber("executionId").longValue());
        }
        HttpResponse<String> started = post(store, "{\"asOf\": \"" + AS_OF + "\", \"settings\": {\"minUnitsSold\": 1}}", token);
        assertEquals(202, started.statusCode(), started.body());
        awaitCompleted(ApiClient.json(started).getJsonNumber("executionId").longValue());
        long district = TestTenants.district(demo, "Leak Dashboard District");
        execute("UPDATE store SET district_id = " + district + " WHERE id = " + store);
        // the analysis as of AS_OF recorded its day; moved to yesterday, as if it had been last night's
        execute("UPDATE leak_daily_total SET day = UTC_DATE() - INTERVAL 1 DAY WHERE store_id = " + store);
        JsonArray summary = jakarta.json.Json.createReader(new java.io.StringReader(summary(store))).readArray();
        long open = summary.stream().mapToLong(t -> t.asJsonObject().getInt("count")).sum();
        assertTrue(open > 0, summary.toString());

        String password = "Leaks-dashboard-password-1";
        TestAccounts.create("leaks.dashboard@example.com", "Dashboard Manager", password, "manager");
        ConsoleClient manager = ConsoleClient.signedIn("leaks.dashboard@example.com", password);
        for (String scope : List.of("", "districtId=" + district + "&", "storeId=" + store + "&")) {
            org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(manager.get("/leak-dashboard.xhtml?" + scope + "days=7").body());
            String described = scope + ": " + page.text();
            assertTrue(page.text().contains("REFUND_HEAVY_VARIANT"), described);
            if (!scope.isEmpty()) {
                assertEquals(Long.toString(open), page.selectFirst("[id$=total-count]").text(), described);
            }
            assertTrue(page.html().contains("&quot;type&quot;:&quot;bar&quot;") || page.html().contains("\"type\":\"bar\""),
                    "the totals chart's configuration: " + described);
            List<String> days = page.select("[id$=':day']").eachText();
            List<String> counts = page.select("[id$=':day-count']").eachText();
            assertEquals(7, days.size(), described);
            String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
            if (!scope.isEmpty()) {
                assertEquals(Long.toString(open), counts.get(days.indexOf(yesterday)), "yesterday's analysis: " + described);
                assertEquals(Long.toString(open), counts.get(6), "carried to today: " + described);
                assertEquals("0", counts.get(0), "before any analysis: " + described);
            }
        }
        long emptyDistrict = TestTenants.district(demo, "Leak Empty District");
        assertTrue(manager.get("/leak-dashboard.xhtml?districtId=" + emptyDistrict).body().contains("No findings in this scope yet."));

        long rep = TestAccounts.create("leaks.dashboard.rep@example.com", "Dashboard Rep", password);
        long repStore = TestTenants.store(demo, null, "LEAK-REP-DASH", "leak-rep-dash.myshopify.com");
        TestTenants.membership(demo, rep, "rep", "STORE", repStore);
        ConsoleClient repConsole = ConsoleClient.signedIn("leaks.dashboard.rep@example.com", password);
        for (String scope : List.of("storeId=" + store, "districtId=" + district, "")) {
            String body = repConsole.get("/leak-dashboard.xhtml?" + scope).body();
            assertTrue(!body.contains("REFUND_HEAVY_VARIANT") && !body.contains("LEAK-DASH"), "a rep of another store: " + scope + ": "
                    + org.jsoup.Jsoup.parse(body).text());
        }
        HttpResponse<String> repExport = repConsole.get("/leaks/export?storeId=" + repStore);
        assertEquals(403, repExport.statusCode(), "a rep has no exports.download");

        HttpResponse<String> csv = manager.get("/leaks/export?storeId=" + store + "&status=ALL&sort=-firstSeen");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertTrue(lines.get(0).startsWith("id,store_id,code,subject,amount,currency,status,"), lines.get(0));
        assertEquals(findings(store, "").getInt("total"), lines.size() - 1, "a line per finding of every status");
        assertTrue(csv.body().contains("REFUND_HEAVY_VARIANT,variant:2001,"), csv.body());
        assertEquals(List.of("SUCCESS|" + store, "DENIED|" + repStore), SignalOpsSystem.database().rows("SELECT CONCAT_WS('|', outcome, "
                + "entity_id) FROM audit_record WHERE action = 'leak-finding.export' AND entity_id IN ('" + store + "', '" + repStore + "') "
                + "ORDER BY outcome DESC"));

        List<String> picked = findings(store, "?status=OPEN&size=2").getJsonArray("items").stream()
                .map(f -> Long.toString(f.asJsonObject().getJsonNumber("id").longValue())).toList();
        HttpResponse<String> bulk = FacesForm.of(manager, "/leaks.xhtml?storeId=" + store + "&status=OPEN", "bulk").tickValues("ids", picked)
                .set("bulk:bulk-status", "DISMISSED").set("bulk:bulk-reason", "known: promotion week").press("bulk:bulk-change");
        assertEquals(302, bulk.statusCode(), bulk.body());
        for (String id : picked) {
            assertEquals(List.of("DISMISSED|known: promotion week"), SignalOpsSystem.database().rows("SELECT CONCAT_WS('|', status, "
                    + "status_reason) FROM leak_finding WHERE id = " + id));
        }
        assertEquals(List.of(Integer.toString(picked.size())), SignalOpsSystem.database().rows("SELECT COUNT(*) FROM audit_record WHERE "
                + "action = 'leak-finding.triage' AND JSON_VALUE(after_json, '$.statusReason') = 'known: promotion week'"));

        HttpResponse<String> run = FacesForm.of(manager, "/leaks.xhtml?storeId=" + store, "analyse").press("analyse:run");
        assertEquals(302, run.statusCode(), run.body());
        String location = run.headers().firstValue("Location").orElseThrow();
        long execution = Long.parseLong(location.replaceFirst(".*[?&]execution=(\\d+).*", "$1"));
        awaitCompleted(execution);
        org.jsoup.nodes.Document progress = org.jsoup.Jsoup.parse(manager.get("/leaks.xhtml?storeId=" + store + "&execution=" + execution)
                .body());
        assertEquals("COMPLETED", progress.selectFirst("[id$=run-status]").text());
        assertEquals("8 / 8", progress.selectFirst("[id$=run-rules]").text());
        assertTrue(org.jsoup.Jsoup.parse(repConsole.get("/leaks.xhtml?storeId=" + repStore + "&execution=" + execution).body())
                .selectFirst("[id$=run-status]") == null, "another store's rep does not see the run");
    }

    private static void execute(String sql) throws Exception {
        try (java.sql.Connection connection = SignalOpsSystem.database().connect();
                java.sql.Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
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
        return post(store, body, bearer);
    }

    private static HttpResponse<String> post(long store, String body, String bearer) {
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
        return findings(store, query);
    }

    private static JsonObject findings(long store, String query) {
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
        return summary(store);
    }

    private static String summary(long store) {
        HttpResponse<String> response = ApiClient.get("/api/v1/stores/" + store + "/leak-findings/summary", token);
        assertEquals(200, response.statusCode(), response.body());
        JsonArray totals = jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readArray();
        return totals.toString();
    }

    private static HttpResponse<String> upload(String resource) throws IOException {
        return upload(store, resource);
    }

    private static HttpResponse<String> upload(long store, String resource) throws IOException {
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
