package com.signalops.it.system;

import static com.signalops.it.support.ShopifyWebhooks.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.ConsoleClient;
import com.signalops.it.support.FacesForm;
import com.signalops.it.support.ShopifyFlow;
import com.signalops.it.support.ShopifyWebhooks;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import com.signalops.it.support.TestTenants;
import com.signalops.shared.Digests;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each data-subject request end to end in the running server: a customers/data_request webhook
 * becomes an export of that customer's data, ready within seconds, downloaded once through a
 * link from the Data requests page, a second use refused; a workspace export asked for on that
 * page, ready, downloaded once as a zip without secrets; a user's own data on My data, their
 * display name corrected (audited) and everything downloaded as JSON.
 */
@ExtendWith(SignalOpsSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataRequestsIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "Data-requests-password-1";
    private static final String EMAIL = "data-requests-" + RUN + "@example.com";
    private static final long CUSTOMER = 7_700_000_000L + Math.abs(RUN.hashCode() % 1_000_000);
    private static final long ORDER = 8_800_000_000L + Math.abs(RUN.hashCode() % 1_000_000);
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private static ConsoleClient admin;
    private static long adminId;
    private static String shop;
    private static long store;

    @BeforeAll
    static void aConnectedStoreWithAnOrderOfTheCustomer() throws Exception {
        long workspace = ApiClient.demoWorkspaceId();
        adminId = TestAccounts.create(EMAIL, "Data Requests Admin", PASSWORD, "admin");
        admin = ConsoleClient.signedIn(EMAIL, PASSWORD);
        shop = "data-requests-" + RUN + ".myshopify.com";
        store = TestTenants.store(workspace, null, "DR-" + RUN.toUpperCase(), shop);
        assertEquals("shopify=connected", ShopifyFlow.location(ShopifyFlow.connect(admin, shop)).getQuery());
        assertEquals(200, deliver("orders/create", order()).statusCode());
        await("SELECT order_id FROM commerce_order WHERE store_id = " + store + " AND order_id = " + ORDER);
    }

    @Test
    @Order(1)
    void aCustomerDataRequestFromShopifyIsExportedAndDownloadedOnce() throws Exception {
        String webhookId = UUID.randomUUID().toString();
        byte[] body = ("{\"shop_id\":954889,\"shop_domain\":\"" + shop + "\",\"orders_requested\":[" + ORDER + "],\"customer\":{\"id\":"
                + CUSTOMER + ",\"email\":\"customer-" + RUN + "@example.com\",\"phone\":\"555-625-1199\"},\"data_request\":{\"id\":9999}}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(200, deliver(webhookId, "customers/data_request", body).statusCode());

        String request = await("SELECT r.id FROM privacy_request r JOIN data_export e ON e.privacy_request_id = r.id "
                + "WHERE r.webhook_id = '" + webhookId + "' AND e.status = 'READY' AND r.status = 'READY'").get(0);
        String exportId = rows("SELECT id FROM data_export WHERE privacy_request_id = " + request).get(0);

        FacesForm page = FacesForm.of(admin, "/data-requests.xhtml", "requests");
        String link = issuedLink(page.press(page.buttonInRow(Long.toString(CUSTOMER), "link"), Map.of("export", exportId)));
        assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM audit_record WHERE action = 'data-export.link' AND entity_id = '" + exportId
                + "' AND outcome = 'SUCCESS' AND actor_id = '" + adminId + "'"));
        assertFalse(rows("SELECT CONCAT_WS('|', before_json, after_json) FROM audit_record WHERE action = 'data-export.link' "
                + "AND entity_id = '" + exportId + "'").get(0).contains(link.substring(link.indexOf('=') + 1)), "the token is in no record");

        HttpResponse<byte[]> first = admin.download(link);

        assertEquals(200, first.statusCode());
        assertTrue(first.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
        JsonObject export = Json.createReader(new StringReader(new String(first.body(), StandardCharsets.UTF_8))).readObject();
        assertEquals("signalops-customer-data/1", export.getString("format"));
        assertEquals(CUSTOMER, export.getJsonObject("request").getJsonNumber("shopifyCustomerId").longValue());
        JsonArray orders = export.getJsonArray("orders");
        assertEquals(1, orders.size());
        assertEquals(ORDER, orders.getJsonObject(0).getJsonNumber("order_id").longValue());
        assertEquals(466157049L, orders.getJsonObject(0).getJsonArray("line_items").getJsonObject(0).getJsonNumber("line_item_id").longValue());
        assertEquals(List.of("DOWNLOADED|" + adminId), rows("SELECT CONCAT_WS('|', status, downloaded_by) FROM data_export WHERE id = "
                + exportId));
        assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM audit_record WHERE action = 'data-export.download' AND entity_id = '"
                + exportId + "' AND outcome = 'SUCCESS'"));

        HttpResponse<byte[]> second = admin.download(link);

        assertEquals(410, second.statusCode());
        assertTrue(new String(second.body(), StandardCharsets.UTF_8).contains("has been used already"));
        assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM audit_record WHERE action = 'data-export.download' AND entity_id = '"
                + exportId + "' AND outcome = 'FAILED'"));
        HttpResponse<byte[]> tampered = admin.download(link.substring(0, link.length() - 2) + (link.endsWith("AA") ? "BB" : "AA"));
        assertEquals(404, tampered.statusCode());
        int anonymous = ConsoleClient.anonymous().download(link).statusCode();
        assertTrue(anonymous / 100 == 3 || anonymous == 401 || anonymous == 403, "no session, no download: " + anonymous);
    }

    @Test
    @Order(2)
    void anAdminExportsTheWorkspaceAndDownloadsTheZipOnce() throws Exception {
        long before = Long.parseLong(rows("SELECT COALESCE(MAX(id), 0) FROM data_export").get(0));
        FacesForm workspace = FacesForm.of(admin, "/data-requests.xhtml", "workspace");
        assertEquals(200, workspace.press("workspace:export-workspace").statusCode());
        String exportId = await("SELECT id FROM data_export WHERE kind = 'WORKSPACE' AND id > " + before + " AND requested_by = '" + adminId
                + "' AND status = 'READY'").get(0);
        assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM audit_record WHERE action = 'data-export.request' AND entity_id = '" + exportId
                + "' AND outcome = 'SUCCESS'"));

        FacesForm page = FacesForm.of(admin, "/data-requests.xhtml", "workspace");
        String link = issuedLink(page.press(page.buttonInRow(exportId, "link"), Map.of("export", exportId)));
        HttpResponse<byte[]> zip = admin.download(link);

        assertEquals(200, zip.statusCode());
        assertEquals("application/zip", zip.headers().firstValue("Content-Type").orElse(""));
        Map<String, String> files = unzip(zip.body());
        assertTrue(files.get("stores.json").contains(shop), "the store is exported");
        assertTrue(files.get("users.json").contains(EMAIL), "the users are exported");
        assertTrue(files.get("orders.json").contains(Long.toString(ORDER)), "the orders are exported");
        String all = String.join("\n", files.values());
        assertFalse(all.contains("password_hash") || all.contains("$argon2") || all.contains("token_ciphertext"), "no secret");
        for (String token : SignalOpsSystem.shopify().issuedTokens()) {
            assertFalse(all.contains(token), "no Shopify access token");
        }
        assertEquals(410, admin.download(link).statusCode());
        assertEquals(List.of("DOWNLOADED"), rows("SELECT status FROM data_export WHERE id = " + exportId));
    }

    @Test
    @Order(3)
    void aUserSeesCorrectsAndDownloadsTheirOwnData() throws Exception {
        HttpResponse<String> page = admin.get("/account/data.xhtml");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(EMAIL), "the profile shows the email");
        assertTrue(page.body().contains("data-export.download"), "the page lists the user's own audit records");

        FacesForm profile = FacesForm.of(admin, "/account/data.xhtml", "profile");
        HttpResponse<String> saved = profile.set("profile:display-name", "  Corrected Name " + RUN + " ").press("profile:save");

        assertEquals(200, saved.statusCode());
        assertEquals(List.of("Corrected Name " + RUN), rows("SELECT display_name FROM app_user WHERE id = " + adminId));
        List<String> change = rows("SELECT CONCAT_WS('|', before_json, after_json) FROM audit_record WHERE action = 'user.update-profile' "
                + "AND entity_id = '" + adminId + "' AND outcome = 'SUCCESS'");
        assertEquals(1, change.size(), change.toString());
        // names are personal data: the audit record keeps a masked preview and the SHA-256 of each
        assertTrue(change.get(0).contains("\"preview\":\"Da***\"") && change.get(0).contains(Digests.sha256("Data Requests Admin"))
                && change.get(0).contains("\"preview\":\"Co***\"") && change.get(0).contains(Digests.sha256("Corrected Name " + RUN)),
                change.get(0));
        HttpResponse<String> empty = FacesForm.of(admin, "/account/data.xhtml", "profile").set("profile:display-name", " ")
                .press("profile:save");
        assertEquals(200, empty.statusCode());
        assertEquals(List.of("Corrected Name " + RUN), rows("SELECT display_name FROM app_user WHERE id = " + adminId));

        HttpResponse<byte[]> download = admin.download("/account/data.json");

        assertEquals(200, download.statusCode());
        JsonObject data = Json.createReader(new StringReader(new String(download.body(), StandardCharsets.UTF_8))).readObject();
        assertEquals(EMAIL, data.getJsonObject("profile").getString("email"));
        assertEquals("Corrected Name " + RUN, data.getJsonObject("profile").getString("displayName"));
        assertFalse(data.getJsonObject("profile").containsKey("passwordHash"));
        assertEquals(1, data.getJsonArray("memberships").size());
        assertEquals("admin", data.getJsonArray("memberships").getJsonObject(0).getString("roleCode"));
        List<String> actions = data.getJsonArray("auditRecords").getValuesAs(JsonObject.class).stream().map(r -> r.getString("action"))
                .toList();
        assertTrue(actions.containsAll(List.of("session.sign-in", "user.update-profile", "data-export.download")), actions.toString());
        assertTrue(data.getJsonArray("auditRecords").getValuesAs(JsonObject.class).stream()
                .allMatch(r -> r.getString("actorId").equals(Long.toString(adminId))), "only the user's own records");
        assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM audit_record WHERE action = 'account-data.download' AND entity_id = '"
                + adminId + "'"));
    }

    /** The download link the answer to pressing a link button shows once. */
    private static String issuedLink(HttpResponse<String> answer) {
        assertEquals(200, answer.statusCode());
        Element link = Jsoup.parse(answer.body()).getElementById("download-link");
        assertNotNull(link, "the answer shows the link");
        String href = link.attr("href");
        assertTrue(href.matches(".*/exports/download\\?token=[A-Za-z0-9_-]{43}"), href);
        return href.substring(href.indexOf("/exports/download"));
    }

    private static byte[] order() {
        return ("{\"id\":" + ORDER + ",\"name\":\"#2001\",\"email\":\"customer-" + RUN + "@example.com\",\"created_at\":\"2026-01-10T11:00:00-05:00\","
                + "\"updated_at\":\"2026-01-10T11:00:00-05:00\",\"cancelled_at\":null,\"test\":false,\"currency\":\"EUR\","
                + "\"financial_status\":\"paid\",\"fulfillment_status\":null,\"subtotal_price_set\":" + money("10.00") + ",\"total_price_set\":"
                + money("10.00") + ",\"total_discounts_set\":" + money("0.00") + ",\"total_shipping_price_set\":" + money("0.00")
                + ",\"discount_codes\":[],\"line_items\":[{\"id\":466157049,\"sku\":\"IPOD2008GREEN\",\"quantity\":1,\"requires_shipping\":true,"
                + "\"variant_id\":39072856,\"price\":\"10.00\",\"price_set\":" + money("10.00") + ",\"discount_allocations\":[]}],\"refunds\":[],"
                + "\"customer\":{\"id\":" + CUSTOMER + ",\"email\":\"customer-" + RUN + "@example.com\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> deliver(String topic, byte[] body) {
        return deliver(UUID.randomUUID().toString(), topic, body);
    }

    private static HttpResponse<String> deliver(String webhookId, String topic, byte[] body) {
        return ShopifyWebhooks.deliver(shop, webhookId, topic, body);
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                files.put(entry.getName(), bytes.toString(StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /** The rows of {@code sql} once there are any, polling while the processor and the job run. */
    private static List<String> await(String sql) throws Exception {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (true) {
            List<String> rows = rows(sql);
            if (!rows.isEmpty()) {
                return rows;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing within " + READY_WITHIN + " for " + sql + "; exports: "
                        + rows("SELECT CONCAT_WS('|', id, kind, status, job_execution_id, failure) FROM data_export ORDER BY id DESC LIMIT 5"));
            }
            Thread.sleep(250);
        }
    }

    private static List<String> rows(String sql) throws SQLException {
        return SignalOpsSystem.database().rows(sql);
    }
}
