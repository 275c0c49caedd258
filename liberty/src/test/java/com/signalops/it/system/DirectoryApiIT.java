package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestTenants;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The directory API under the token's scope: a workspace token sees its workspace's districts and
 * stores and nothing of another workspace, a district token its district's stores, a store token
 * its store; whatever a token cannot see answers exactly like an id that does not exist.
 */
@ExtendWith(SignalOpsSystem.class)
class DirectoryApiIT {

    private static final String UNKNOWN = "987654321";

    private static long demo;
    private static long north;
    private static long south;
    private static long northOne;
    private static long northTwo;
    private static long southOne;
    private static long otherDistrict;
    private static long otherStore;

    @BeforeAll
    static void twoWorkspaces() throws SQLException {
        demo = ApiClient.demoWorkspaceId();
        north = TestTenants.district(demo, "Api North");
        south = TestTenants.district(demo, "Api South");
        northOne = TestTenants.store(demo, north, "API-N1", "api-north-one.myshopify.com");
        northTwo = TestTenants.store(demo, north, "API-N2", "api-north-two.myshopify.com");
        southOne = TestTenants.store(demo, south, "API-S1", "api-south-one.myshopify.com");
        long other = TestTenants.workspace("Other Outfitters");
        otherDistrict = TestTenants.district(other, "Api North");
        // the same code as a demo store: codes are unique per workspace only
        otherStore = TestTenants.store(other, otherDistrict, "API-N1", "api-other-one.myshopify.com");
    }

    @Test
    void aWorkspaceTokenListsEveryStoreAndDistrictOfItsWorkspaceOnly() throws SQLException {
        String token = token("WORKSPACE", null);
        Set<Long> stores = ids(list("/api/v1/stores", token));
        assertEquals(idsInDatabase("store", demo), stores, "exactly the demo workspace's stores");
        assertTrue(stores.containsAll(List.of(northOne, northTwo, southOne)), stores.toString());
        assertTrue(!stores.contains(otherStore), "no store of the other workspace");
        Set<Long> districts = ids(list("/api/v1/districts", token));
        assertEquals(idsInDatabase("district", demo), districts);
        assertTrue(!districts.contains(otherDistrict), "no district of the other workspace");

        HttpResponse<String> store = ApiClient.get("/api/v1/stores/" + northOne, token);
        assertEquals(200, store.statusCode(), store.body());
        JsonObject json = ApiClient.json(store);
        assertEquals(northOne, json.getJsonNumber("id").longValue());
        assertEquals("API-N1", json.getString("code"));
        assertEquals("api-north-one.myshopify.com", json.getString("shopDomain"));
        assertEquals("EUR", json.getString("currency"));
        assertEquals("Europe/Berlin", json.getString("timezone"));
        assertEquals(north, json.getJsonNumber("districtId").longValue());
        assertEquals(Set.of("id", "code", "shopDomain", "currency", "timezone", "districtId"), json.keySet(), "a small record, no entity");

        HttpResponse<String> district = ApiClient.get("/api/v1/districts/" + south, token);
        assertEquals(200, district.statusCode(), district.body());
        assertEquals("{\"id\":" + south + ",\"name\":\"Api South\"}", district.body());
    }

    @Test
    void anotherWorkspacesIdsAnswerExactlyLikeUnknownIds() {
        String token = token("WORKSPACE", null);
        assertNotFoundLikeUnknown("/api/v1/stores/", otherStore, token);
        assertNotFoundLikeUnknown("/api/v1/districts/", otherDistrict, token);
        HttpResponse<String> unknown = ApiClient.get("/api/v1/stores/" + UNKNOWN, token);
        assertEquals("application/problem+json", unknown.headers().firstValue("content-type").orElse(""));
        assertEquals("not-found", ApiClient.json(unknown).getString("code"));
        for (String notAnId : List.of("abc", "1.5", "99999999999999999999999", "%20")) {
            HttpResponse<String> response = ApiClient.get("/api/v1/stores/" + notAnId, token);
            assertEquals(404, response.statusCode(), notAnId);
            assertEquals(unknown.body(), response.body(), notAnId);
        }
    }

    @Test
    void aDistrictTokenSeesItsDistrictsStoresOnly() {
        String token = token("DISTRICT", north);
        assertEquals(Set.of(northOne, northTwo), ids(list("/api/v1/stores", token)));
        assertEquals(Set.of(north), ids(list("/api/v1/districts", token)));
        assertEquals(200, ApiClient.get("/api/v1/stores/" + northTwo, token).statusCode());
        assertNotFoundLikeUnknown("/api/v1/stores/", southOne, token);
        assertNotFoundLikeUnknown("/api/v1/districts/", south, token);
        assertNotFoundLikeUnknown("/api/v1/stores/", otherStore, token);
    }

    @Test
    void aStoreTokenSeesItsStoreOnlyAndNoDistrict() {
        String token = token("STORE", northOne);
        JsonArray stores = list("/api/v1/stores", token);
        assertEquals(Set.of(northOne), ids(stores));
        assertEquals(north, stores.getJsonObject(0).getJsonNumber("districtId").longValue(), "its district is named through it");
        assertEquals(Set.of(), ids(list("/api/v1/districts", token)));
        assertNotFoundLikeUnknown("/api/v1/stores/", northTwo, token);
        assertNotFoundLikeUnknown("/api/v1/districts/", north, token);
    }

    @Test
    void aTokenWithoutStoresViewAnswers403AndNoTokenAnswers401() throws SQLException {
        String jobsOnly = ApiClient.token(ApiClient.createKey(demo, List.of("jobs.view"), "WORKSPACE", null));
        for (String path : List.of("/api/v1/stores", "/api/v1/stores/" + northOne, "/api/v1/districts", "/api/v1/districts/" + north)) {
            HttpResponse<String> forbidden = ApiClient.get(path, jobsOnly);
            assertEquals(403, forbidden.statusCode(), path + " " + forbidden.body());
            assertEquals("forbidden", ApiClient.json(forbidden).getString("code"));
            HttpResponse<String> anonymous = ApiClient.get(path, null);
            assertEquals(401, anonymous.statusCode(), path + " " + anonymous.body());
            assertTrue(!anonymous.body().contains("API-N1") && !forbidden.body().contains("API-N1"), "nothing of the store leaks");
        }
    }

    private static String token(String scope, Long scopeId) {
        try {
            return ApiClient.token(ApiClient.createKey(demo, List.of("stores.view"), scope, scopeId));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code path + id} answers 404 with exactly the body of an id that exists nowhere. */
    private static void assertNotFoundLikeUnknown(String path, long id, String token) {
        HttpResponse<String> hidden = ApiClient.get(path + id, token);
        HttpResponse<String> unknown = ApiClient.get(path + UNKNOWN, token);
        assertEquals(404, hidden.statusCode(), path + id + " " + hidden.body());
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals(unknown.body(), hidden.body(), path + id);
        assertEquals(unknown.headers().firstValue("content-type"), hidden.headers().firstValue("content-type"));
    }

    private static JsonArray list(String path, String token) {
        HttpResponse<String> response = ApiClient.get(path, token);
        assertEquals(200, response.statusCode(), path + " " + response.body());
        return jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readArray();
    }

    private static Set<Long> ids(JsonArray rows) {
        Set<Long> ids = new TreeSet<>();
        for (JsonValue row : rows) {
            ids.add(row.asJsonObject().getJsonNumber("id").longValue());
        }
        return ids;
    }

    private static Set<Long> idsInDatabase(String table, long workspaceId) throws SQLException {
        Set<Long> ids = new TreeSet<>();
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement select = connection.prepareStatement("SELECT id FROM " + table + " WHERE workspace_id = ?")) {
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
