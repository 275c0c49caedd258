package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.identity.domain.Permission;
import com.signalops.it.support.ApiClient;
import com.signalops.it.support.ConsoleClient;
import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import com.signalops.it.support.TestTenants;
import com.signalops.it.support.WebSurface;
import com.signalops.privacy.domain.DownloadToken;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two workspaces, and each one's credentials tried on everything of the other: every REST
 * endpoint of the web module (found in its classes, so a new endpoint is probed without anyone
 * listing it) and every console page (found in its sources) are called with the other tenant's
 * ids; nothing answers 200 or 500 with the other tenant's data, and no response body carries any
 * of its names, codes or emails.
 */
@ExtendWith(SignalOpsSystem.class)
class CrossTenantProbeIT {

    private static final String PASSWORD = "Probe-tenant-password-1";

    private static Tenant a;
    private static Tenant b;

    /** One side of the probe: its ids by kind, what would betray it in a response, and its credentials. */
    private record Tenant(long workspaceId, Map<String, List<Long>> ids, Set<String> markers, String token, ConsoleClient console,
            String downloadToken, String customerMarker) {
    }

    @BeforeAll
    static void twoTenants() throws SQLException {
        a = tenant(ApiClient.demoWorkspaceId(), "Probe A", "probe-a");
        b = tenant(TestTenants.workspace("Probe tenant B"), "Probe B", "probe-b");
    }

    private static Tenant tenant(long workspaceId, String label, String slug) throws SQLException {
        long district = TestTenants.district(workspaceId, label + " district");
        long store = TestTenants.store(workspaceId, district, slug.toUpperCase().replace("-", "") + "STORE", slug + "-shop.myshopify.com");
        String email = slug + ".admin@example.com";
        long user = TestAccounts.create(email, label + " Admin", PASSWORD);
        TestTenants.membership(workspaceId, user, "admin", "WORKSPACE", null);
        String key = ApiClient.createKey(workspaceId, Arrays.stream(Permission.values()).map(Permission::key).toList(), "WORKSPACE", null);
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        ids.put("workspace", List.of(workspaceId));
        ids.put("district", idsOf("SELECT id FROM district WHERE workspace_id = " + workspaceId));
        ids.put("store", idsOf("SELECT id FROM store WHERE workspace_id = " + workspaceId));
        ids.put("user", List.of(user));
        ids.put("role", idsOf("SELECT id FROM role WHERE workspace_id = " + workspaceId));
        ids.put("membership", idsOf("SELECT id FROM membership WHERE workspace_id = " + workspaceId));
        ids.put("api-key", idsOf("SELECT id FROM api_key WHERE workspace_id = " + workspaceId));
        // a customer data request whose export is ready, with a download link only this test knows
        long customer = 7_331_000_000L + workspaceId;
        String downloadToken = DownloadToken.generate();
        ids.put("data-export", List.of(readyCustomerExport(workspaceId, store, customer, downloadToken)));
        Set<String> markers = Set.of(label + " district", slug.toUpperCase().replace("-", "") + "STORE", slug + "-shop", email,
                label + " Admin", slug + "-finding", Long.toString(customer), slug + "-segment", slug + "-campaign");
        String token = ApiClient.token(key);
        // a leak analysis first: the console's ?execution= probe takes the first id of a kind
        ids.put("job", List.of(leakAnalysisExecution(store, token), importExecution(store, token)));
        ids.put("leak-finding", List.of(leakFinding(workspaceId, store, slug + "-finding")));
        long[] outreach = campaignAwaitingApproval(workspaceId, store, user, slug);
        ids.put("segment", List.of(outreach[0]));
        ids.put("campaign", List.of(outreach[1]));
        ids.put("approval-request", List.of(outreach[2]));
        ids.put("retention-setting", List.of(retentionSetting(workspaceId)));
        ids.put("deletion-request", List.of(deletionRequest(workspaceId, store)));
        ConsoleClient console = ConsoleClient.signedIn(email, PASSWORD);
        // read after the exchange and the sign-in, which are audited in this workspace's chain
        ids.put("audit-event", idsOf("SELECT id FROM audit_record WHERE chain_key = " + workspaceId));
        return new Tenant(workspaceId, ids, markers, token, console, downloadToken, Long.toString(customer));
    }

    @Test
    void aDownloadLinkWorksInItsOwnWorkspaceOnly() throws SQLException {
        for (Tenant[] pair : new Tenant[][] {{a, b}, {b, a}}) {
            Tenant caller = pair[0];
            Tenant other = pair[1];
            HttpResponse<byte[]> response = caller.console().download("/exports/download?token=" + other.downloadToken());
            assertEquals(404, response.statusCode(), "the other workspace's link as workspace " + caller.workspaceId());
            assertEquals(List.of("READY"), SignalOpsSystem.database().rows("SELECT status FROM data_export WHERE id = "
                    + other.ids().get("data-export").get(0)), "the other workspace's export is untouched");
            // the control: the caller's own page lists its own request
            assertTrue(caller.console().get("/data-requests.xhtml").body().contains(caller.customerMarker()));
        }
    }

    /** The workspace's own retention periods (the retention page shows them); answers the row's id. */
    private static long retentionSetting(long workspaceId) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO retention_setting (workspace_id, orders_days, leak_findings_days, webhook_inbox_days, "
                    + "import_files_days, job_history_days, audit_records_days, security_events_days, updated_by, updated_at) VALUES ("
                    + workspaceId + ", 400, 730, 30, 7, 90, 365, 730, 'probe', NOW(3)) ON DUPLICATE KEY UPDATE updated_by = 'probe'");
        }
        return idsOf("SELECT id FROM retention_setting WHERE workspace_id = " + workspaceId).get(0);
    }

    @Test
    void everyRestEndpointRefusesTheOtherTenantsIdsAndShowsNothingOfIt() {
        List<Endpoint> endpoints = Endpoint.discover();
        assertTrue(endpoints.size() >= 7, "the probe found the API's endpoints: " + endpoints);
        List<String> leaks = new ArrayList<>();
        int calls = 0;
        for (Tenant[] pair : new Tenant[][] {{a, b}, {b, a}}) {
            Tenant caller = pair[0];
            Tenant other = pair[1];
            for (Endpoint endpoint : endpoints) {
                for (String path : endpoint.pathsWith(other, caller)) {
                    HttpResponse<String> response = endpoint.call(path, caller.token());
                    calls++;
                    int status = response.statusCode();
                    boolean referencesOther = !path.equals(endpoint.path());
                    if (status >= 500 || (referencesOther && status < 400) || mentions(response.body(), other)) {
                        leaks.add(endpoint.method() + " " + path + " as workspace " + caller.workspaceId() + " -> " + status + " "
                                + abbreviate(response.body()));
                    }
                }
            }
        }
        System.out.printf("cross-tenant probe: %d REST endpoints, %d calls%n", endpoints.size(), calls);
        assertTrue(leaks.isEmpty(), "cross-tenant answers: " + leaks);
    }

    @Test
    void everyConsolePageShowsNothingOfTheOtherTenant() throws IOException {
        List<String> pages = WebSurface.pages();
        assertTrue(pages.size() >= 10, "the probe found the console's pages: " + pages);
        List<String> leaks = new ArrayList<>();
        int calls = 0;
        for (Tenant[] pair : new Tenant[][] {{a, b}, {b, a}}) {
            Tenant caller = pair[0];
            Tenant other = pair[1];
            for (String page : pages) {
                for (Map.Entry<String, List<Long>> kind : other.ids().entrySet()) {
                    String query = Stream.of("id", kind.getKey() + "Id", "workspaceId", "storeId", "districtId", "execution")
                            .map(name -> name + "=" + kind.getValue().get(0)).collect(Collectors.joining("&"));
                    HttpResponse<String> response = caller.console().get(page + "?" + query);
                    calls++;
                    if (response.statusCode() >= 500 || mentions(response.body(), other)) {
                        leaks.add(page + "?" + query + " as workspace " + caller.workspaceId() + " -> " + response.statusCode());
                    }
                }
            }
            // the control: the same session does see its own workspace's district, so the pages really rendered
            String ownDistrict = caller.markers().stream().filter(marker -> marker.endsWith(" district")).findFirst().orElseThrow();
            assertTrue(caller.console().get("/stores.xhtml").body().contains(ownDistrict), "the probe's session sees " + ownDistrict);
        }
        System.out.printf("cross-tenant probe: %d console pages, %d requests%n", pages.size(), calls);
        assertTrue(leaks.isEmpty(), "cross-tenant pages: " + leaks);
    }

    /** The job execution of an import of one product line into {@code store}: the tenant's own job. */
    private static long importExecution(long store, String token) {
        return started("/api/v1/stores/" + store + "/imports?resource=products", "application/x-ndjson",
                "{\"id\":\"gid://shopify/Product/1\",\"title\":\"Probe\"}\n", token);
    }

    /** The job execution of a revenue-leak analysis of {@code store}: the tenant's own job. */
    private static long leakAnalysisExecution(long store, String token) {
        return started("/api/v1/stores/" + store + "/leak-analyses", "application/json", "{}", token);
    }

    /** Posts {@code body} to {@code path}, which starts a job; answers the execution id of its 202. */
    private static long started(String path, String contentType, String body, String token) {
        HttpResponse<String> response = Https.send(HttpRequest.newBuilder(Https.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(202, response.statusCode(), response.body());
        return ApiClient.json(response).getJsonNumber("executionId").longValue();
    }

    /** An open revenue-leak finding of {@code store} whose subject is {@code subject}; answers its id. */
    private static long leakFinding(long workspaceId, long store, String subject) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect();
                java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO leak_finding (workspace_id, store_id, "
                        + "rule_code, subject, amount, currency, evidence, first_seen_at, last_seen_at, status, run_token) VALUES (?, ?, "
                        + "'OVER_REFUND', ?, 1.00, 'USD', '{}', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 'OPEN', RANDOM_BYTES(16))",
                        Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, workspaceId);
            insert.setLong(2, store);
            insert.setString(3, subject);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * A segment and a campaign of {@code store} named after {@code slug}, and a pending approval request of the campaign
     * asked for by {@code requester}; answers their ids.
     */
    private static long[] campaignAwaitingApproval(long workspaceId, long store, long requester, String slug) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect(); Statement statement = connection.createStatement()) {
            long segment = inserted(statement, "INSERT INTO segment (workspace_id, store_id, name, kind, hours, source, created_by, "
                    + "created_at, updated_at, version) VALUES (" + workspaceId + ", " + store + ", '" + slug + "-segment', "
                    + "'UNFULFILLED_PAID', 48, 'PERSON', " + requester + ", UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 1)");
            long campaign = inserted(statement, "INSERT INTO campaign (workspace_id, store_id, segment_id, name, subject, body, source, "
                    + "created_by, created_at, updated_at, version, status) VALUES (" + workspaceId + ", " + store + ", " + segment + ", '"
                    + slug + "-campaign', '" + slug + "-campaign subject', '" + slug + "-campaign body', 'PERSON', " + requester
                    + ", UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 1, 'DRAFT')");
            long request = inserted(statement, "INSERT INTO approval_request (workspace_id, store_id, subject_kind, subject_id, "
                    + "subject_version, source, requested_by, requested_at, reviewed_hash, recipient_count, approvals_required, status, "
                    + "expires_at) VALUES (" + workspaceId + ", " + store + ", 'CAMPAIGN', " + campaign + ", 1, 'PERSON', " + requester
                    + ", UTC_TIMESTAMP(3), RANDOM_BYTES(32), 0, 1, 'PENDING', UTC_TIMESTAMP(3) + INTERVAL 7 DAY)");
            return new long[] {segment, campaign, request};
        }
    }

    private static long inserted(Statement statement, String sql) throws SQLException {
        statement.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
        try (ResultSet keys = statement.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    /** A customer data request of {@code store} and its ready export, whose link's token is {@code token}; answers the export's id. */
    private static long readyCustomerExport(long workspaceId, long store, long customer, String token) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect()) {
            long request;
            try (java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO privacy_request (workspace_id, store_id, kind, "
                    + "shopify_customer_id, webhook_id, received_at, due_at, status) VALUES (?, ?, 'CUSTOMER_DATA_REQUEST', ?, UUID(), "
                    + "UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 30 DAY, 'READY')", Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, workspaceId);
                insert.setLong(2, store);
                insert.setLong(3, customer);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    request = keys.getLong(1);
                }
            }
            try (java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO data_export (workspace_id, kind, "
                    + "privacy_request_id, store_id, status, requested_by, requested_at, bytes, ready_at, expires_at, token_hash) VALUES "
                    + "(?, 'CUSTOMER_DATA', ?, ?, 'READY', 'shopify', UTC_TIMESTAMP(3), 1, UTC_TIMESTAMP(3), "
                    + "UTC_TIMESTAMP(3) + INTERVAL 7 DAY, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, workspaceId);
                insert.setLong(2, request);
                insert.setLong(3, store);
                insert.setBytes(4, DownloadToken.hash(token));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        }
    }

    /** A pending deletion of {@code store}, not to be acted on for a year (so the privacy page lists it); answers its id. */
    private static long deletionRequest(long workspaceId, long store) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect();
                java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO deletion_request (workspace_id, kind, store_id, "
                        + "origin, requested_by, received_at, act_after, due_at, status) VALUES (?, 'SHOP', ?, 'SHOP_REDACT', UUID(), "
                        + "UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 1 YEAR, UTC_TIMESTAMP(3) + INTERVAL 2 YEAR, 'PENDING')",
                        Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, workspaceId);
            insert.setLong(2, store);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static boolean mentions(String body, Tenant tenant) {
        return tenant.markers().stream().anyMatch(body::contains);
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    private static List<Long> idsOf(String sql) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<Long> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        }
    }

    /** One REST method of the web module: its HTTP method and its path under /api/v1. */
    private record Endpoint(String method, String path, String contentType) {

        static List<Endpoint> discover() {
            return WebSurface.restMethods().stream().map(m -> new Endpoint(m.verb(), m.path(), consumes(m.method()))).distinct().toList();
        }

        /** The media type the method reads, so that the probe's call reaches it (JSON unless it says otherwise). */
        private static String consumes(java.lang.reflect.Method method) {
            jakarta.ws.rs.Consumes consumes = method.getAnnotation(jakarta.ws.rs.Consumes.class);
            if (consumes == null) {
                consumes = method.getDeclaringClass().getAnnotation(jakarta.ws.rs.Consumes.class);
            }
            return consumes == null ? "application/json" : consumes.value()[0];
        }

        /**
         * This endpoint's path with its path parameters filled in with the other tenant's ids: of the
         * kind the path names ({@code /stores/{id}}: its stores), else every id of the other tenant
         * that names nothing of the caller's, so that any answer but 403/404 is a leak.
         */
        List<String> pathsWith(Tenant other, Tenant caller) {
            if (!path.contains("{")) {
                return List.of(path);
            }
            String[] segments = path.substring(0, path.indexOf('{')).split("/");
            String collection = segments[segments.length - 1];
            String kind = collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
            Set<Long> ids = new TreeSet<>();
            if (other.ids().containsKey(kind)) {
                ids.addAll(other.ids().get(kind));
            } else {
                other.ids().values().forEach(ids::addAll);
                caller.ids().values().forEach(ids::removeAll);
            }
            return ids.stream().map(id -> path.replaceAll("\\{[^}]+}", Long.toString(id))).toList();
        }

        HttpResponse<String> call(String concretePath, String token) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Https.uri(concretePath).toString()))
                    .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token);
            if (method.equals("GET") || method.equals("DELETE")) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String body = contentType.equals("application/x-ndjson") ? "{\"id\":\"gid://shopify/Product/1\"}\n" : "{}";
                request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            return Https.send(request.build());
        }
    }
}
