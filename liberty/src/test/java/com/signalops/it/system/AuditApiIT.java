package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.audit.domain.ChainVerification;
import com.signalops.audit.service.AuditChainVerifier;
import com.signalops.it.support.ApiClient;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import com.signalops.it.support.TestTenants;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1/audit-events}: a token with {@code audit.view} reads its own workspace's audit
 * records, filtered and paged by cursor, and never another workspace's; every read is itself an
 * audit record, which the server's sealer links into the workspace's chain seconds later; a bad
 * filter answers 400, a token without the permission 403.
 */
@ExtendWith(SignalOpsSystem.class)
class AuditApiIT {

    private static long demo;
    private static long other;
    private static String demoToken;
    private static String otherToken;

    @BeforeAll
    static void twoWorkspacesThatReadTheirAuditLogs() throws SQLException {
        demo = ApiClient.demoWorkspaceId();
        other = TestTenants.workspace("Audit Other Outfitters");
        long otherAdmin = TestAccounts.create("audit-other-admin@example.com", "Audit Other Admin", "audit other admin passphrase");
        TestTenants.membership(other, otherAdmin, "admin", "WORKSPACE", null);
        demoToken = ApiClient.token(ApiClient.createKey(demo, List.of("audit.view"), "WORKSPACE", null));
        otherToken = ApiClient.token(ApiClient.createKey(other, List.of("audit.view"), "WORKSPACE", null));
        // the other workspace's own reads are its audit records
        assertEquals(200, ApiClient.get("/api/v1/audit-events", otherToken).statusCode());
        assertEquals(200, ApiClient.get("/api/v1/audit-events", otherToken).statusCode());
    }

    @Test
    void aTokenListsItsWorkspacesRecordsOnlyAndEachReadIsAudited() throws SQLException {
        JsonObject page = list("/api/v1/audit-events?limit=200", demoToken);
        Set<Long> listed = ids(page.getJsonArray("items"));
        Set<Long> demoIds = idsInDatabase(demo);
        Set<Long> otherIds = idsInDatabase(other);

        assertFalse(listed.isEmpty());
        assertTrue(demoIds.containsAll(listed), "only the demo workspace's records");
        assertFalse(otherIds.isEmpty());
        assertTrue(listed.stream().noneMatch(otherIds::contains), "nothing of the other workspace");
        JsonObject newest = page.getJsonArray("items").getJsonObject(0);
        assertEquals("audit.view", newest.getString("action"), "the read itself is the newest record");
        assertEquals("API_KEY", newest.getString("actorType"));
        assertEquals("API", newest.getString("source"));
        assertEquals("SUCCESS", newest.getString("outcome"));

        long otherRecord = otherIds.iterator().next();
        HttpResponse<String> hidden = ApiClient.get("/api/v1/audit-events/" + otherRecord, demoToken);
        HttpResponse<String> unknown = ApiClient.get("/api/v1/audit-events/987654321", demoToken);
        assertEquals(404, hidden.statusCode(), hidden.body());
        assertEquals(unknown.body(), hidden.body(), "another workspace's record answers like an unknown one");
        HttpResponse<String> own = ApiClient.get("/api/v1/audit-events/" + otherRecord, otherToken);
        assertEquals(200, own.statusCode(), own.body());
        assertEquals(otherRecord, ApiClient.json(own).getJsonNumber("id").longValue());
    }

    @Test
    void filtersAndPagesByCursor() {
        ApiClient.get("/api/v1/audit-events", demoToken);
        JsonObject views = list("/api/v1/audit-events?action=audit.view&outcome=SUCCESS&source=API&actorType=API_KEY&limit=1", demoToken);
        JsonArray first = views.getJsonArray("items");
        assertEquals(1, first.size());
        assertEquals("audit.view", first.getJsonObject(0).getString("action"));
        assertFalse(views.containsKey("previous"), "the newest page has no previous page");

        JsonObject older = list("/api/v1/audit-events?action=audit.view&limit=1&cursor=" + views.getString("next"), demoToken);
        // pages go by id: a record is listed before the sealer gives it its seq
        long firstId = first.getJsonObject(0).getJsonNumber("id").longValue();
        long olderId = older.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
        assertTrue(olderId < firstId, olderId + " after " + firstId);
        JsonObject back = list("/api/v1/audit-events?action=audit.view&limit=1&cursor=" + older.getString("previous"), demoToken);
        assertEquals(firstId, back.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue());

        JsonObject none = list("/api/v1/audit-events?action=no.such-action", demoToken);
        assertEquals(0, none.getJsonArray("items").size());
        JsonObject future = list("/api/v1/audit-events?from=2999-01-01T00:00:00Z", demoToken);
        assertEquals(0, future.getJsonArray("items").size());
    }

    @Test
    void anInvalidFilterAnswers400() {
        for (String query : List.of("limit=0", "limit=201", "limit=many", "from=yesterday", "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                "cursor=sideways-3")) {
            HttpResponse<String> response = ApiClient.get("/api/v1/audit-events?" + query, demoToken);
            assertEquals(400, response.statusCode(), query + " " + response.body());
            assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""), query);
            assertTrue(ApiClient.json(response).getString("code").startsWith("audit.invalid-"), query + " " + response.body());
        }
    }

    @Test
    void aTokenWithoutAuditViewAnswers403AndNoTokenAnswers401() throws SQLException {
        String storesOnly = ApiClient.token(ApiClient.createKey(demo, List.of("stores.view"), "WORKSPACE", null));
        for (String path : List.of("/api/v1/audit-events", "/api/v1/audit-events/1")) {
            HttpResponse<String> forbidden = ApiClient.get(path, storesOnly);
            assertEquals(403, forbidden.statusCode(), path + " " + forbidden.body());
            assertEquals("forbidden", ApiClient.json(forbidden).getString("code"));
            assertEquals(401, ApiClient.get(path, null).statusCode(), path);
        }
        assertNotEquals(0, idsInDatabase(demo).size());
    }

    private static JsonObject list(String path, String token) {
        HttpResponse<String> response = ApiClient.get(path, token);
        assertEquals(200, response.statusCode(), path + " " + response.body());
        return ApiClient.json(response);
    }

    private static Set<Long> ids(JsonArray rows) {
        Set<Long> ids = new TreeSet<>();
        for (JsonValue row : rows) {
            ids.add(row.asJsonObject().getJsonNumber("id").longValue());
        }
        return ids;
    }

    @Test
    void theServersSealerLinksARecordIntoItsChainSecondsAfterItCommitted() throws Exception {
        HttpResponse<String> read = ApiClient.get("/api/v1/audit-events?limit=1", demoToken);
        assertEquals(200, read.statusCode(), read.body());
        long recorded = recordOfRequest(read.headers().firstValue("X-Request-Id").orElseThrow());

        long seq = sealedSeq(recorded, Duration.ofSeconds(30));

        JsonObject shown = ApiClient.json(ApiClient.get("/api/v1/audit-events/" + recorded, demoToken));
        assertEquals(seq, shown.getJsonNumber("seq").longValue());
        try (Connection connection = SignalOpsSystem.database().connect()) {
            ChainVerification chain = new AuditChainVerifier(connection, 500).verify(demo);
            assertTrue(chain.intact(), chain.toString());
            assertTrue(chain.headSeq() >= seq);
        }
    }

    /** The id of the one audit record request {@code requestId} wrote. */
    private static long recordOfRequest(String requestId) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement select = connection.prepareStatement("SELECT id FROM audit_record WHERE request_id = ?")) {
            select.setString(1, requestId);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next(), "the read wrote its audit record");
                long id = rows.getLong(1);
                assertFalse(rows.next(), "one record per read");
                return id;
            }
        }
    }

    /** The record's position once the server's sealer has linked it (every second in the tests), waiting up to {@code timeout}. */
    private static long sealedSeq(long recordId, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection connection = SignalOpsSystem.database().connect();
                    PreparedStatement select = connection.prepareStatement("SELECT seq FROM audit_seal WHERE record_id = ?")) {
                select.setLong(1, recordId);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        return rows.getLong(1);
                    }
                }
            }
            assertTrue(System.nanoTime() < deadline, "record " + recordId + " not sealed within " + timeout);
            Thread.sleep(250);
        }
    }

    private static Set<Long> idsInDatabase(long workspaceId) throws SQLException {
        Set<Long> ids = new TreeSet<>();
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement select = connection.prepareStatement("SELECT id FROM audit_record WHERE workspace_id = ?")) {
            select.setLong(1, workspaceId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }
}
