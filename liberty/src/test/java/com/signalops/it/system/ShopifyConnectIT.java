package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.domain.SealedSecret;
import com.signalops.integration.domain.StoreConnection;
import com.signalops.it.support.ApiClient;
import com.signalops.it.support.ConsoleClient;
import com.signalops.it.support.FacesForm;
import com.signalops.it.support.FakeShopify;
import com.signalops.it.support.ShopifyFlow;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import com.signalops.it.support.TestTenants;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Connecting a store through Shopify's OAuth against the running server and the fake Shopify
 * (SignalOpsSystem): the happy path to a sealed token, each tampered callback parameter refused
 * with nothing connected, the disconnect that destroys the token, and the token written down
 * nowhere: not in the log, the audit trail, the security events or a page.
 */
@ExtendWith(SignalOpsSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopifyConnectIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String PASSWORD = "Connect-password-1";
    private static final List<String> PAGES = new ArrayList<>();

    private static long workspace;
    private static ConsoleClient admin;

    @BeforeAll
    static void anAdminOfTheDemoWorkspace() throws SQLException {
        workspace = ApiClient.demoWorkspaceId();
        TestAccounts.create("connect-" + RUN + "@example.com", "Connect Admin", PASSWORD, "admin");
        admin = ConsoleClient.signedIn("connect-" + RUN + "@example.com", PASSWORD);
    }

    @Test
    @Order(1)
    void connectsAStoreThroughShopifysAuthorizationCodeGrant() throws Exception {
        String shop = shop("happy");
        long store = store(shop);
        HttpResponse<String> pressed = ShopifyFlow.pressConnect(admin, shop);
        assertEquals(List.of("store.authorize/SUCCESS"), records(pressed));
        URI authorize = ShopifyFlow.location(pressed);
        assertEquals(SignalOpsSystem.shopify().baseUrl() + "/" + shop + "/admin/oauth/authorize", authorize.toString().split("\\?")[0]);
        Map<String, String> asked = FakeShopify.parse(authorize.getRawQuery());
        assertEquals(SignalOpsSystem.SHOPIFY_API_KEY, asked.get("client_id"));
        assertEquals("read_orders,read_products,read_inventory,read_customers", asked.get("scope"));
        assertTrue(asked.get("redirect_uri").endsWith("/shopify/callback"), asked.get("redirect_uri"));
        assertTrue(asked.get("state").matches("[A-Za-z0-9_-]{43}"), "a state of 32 random bytes");
        assertFalse(asked.containsKey("grant_options[]"), "no per-user grant: an offline token");

        URI callback = SignalOpsSystem.shopify().approve(authorize);
        HttpResponse<String> answered = ShopifyFlow.callback(admin, callback.getRawQuery());
        assertEquals("/stores.xhtml?shopify=connected", ShopifyFlow.location(answered).getPath() + "?"
                + ShopifyFlow.location(answered).getQuery());
        assertEquals(List.of("store.connect/SUCCESS"), records(answered));

        String token = lastIssuedToken();
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement query = connection.prepareStatement("SELECT status, granted_scopes, token_key_version, token_nonce, "
                        + "token_ciphertext, workspace_id FROM store_connection WHERE store_id = ?")) {
            query.setLong(1, store);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                assertEquals("CONNECTED", row.getString(1));
                assertEquals("read_customers,read_inventory,read_orders,read_products", row.getString(2));
                byte[] ciphertext = row.getBytes(5);
                assertFalse(new String(ciphertext, StandardCharsets.ISO_8859_1).contains(token), "sealed, not in clear");
                // the server's vault key, which only the server has, opens it to the very token Shopify issued
                SealedSecret sealed = new SealedSecret(row.getInt(3), row.getBytes(4), ciphertext);
                assertEquals(token, vault().open(sealed, StoreConnection.tokenContext(workspace, store)));
            }
        }
        String page = page("/stores.xhtml?shopify=connected");
        assertTrue(page.contains("Store connected to Shopify."), "the page says so");
    }

    @Test
    @Order(2)
    void refusesACallbackWithATamperedHmac() throws Exception {
        String shop = shop("hmac");
        long store = store(shop);
        Map<String, String> callback = FakeShopify.parse(ShopifyFlow.approvedCallback(admin, shop).getRawQuery());
        String hmac = callback.get("hmac");
        callback.put("hmac", (hmac.charAt(0) == '0' ? "1" : "0") + hmac.substring(1));
        assertRefused(ShopifyFlow.callback(admin, FakeShopify.toQuery(callback)), store, "the hmac does not match");
    }

    @Test
    @Order(3)
    void refusesACallbackWithATamperedStateEvenWhenSignedCorrectly() throws Exception {
        String shop = shop("state");
        long store = store(shop);
        Map<String, String> callback = FakeShopify.parse(ShopifyFlow.approvedCallback(admin, shop).getRawQuery());
        callback.put("state", "forged-" + UUID.randomUUID());
        assertRefused(ShopifyFlow.callback(admin, FakeShopify.signedQuery(callback, SignalOpsSystem.SHOPIFY_SECRET)), store,
                "the state is unknown");
    }

    @Test
    @Order(3)
    void refusesACallbackSignedLongAgoEvenWithAValidState() throws Exception {
        String shop = shop("stale");
        long store = store(shop);
        Map<String, String> callback = FakeShopify.parse(ShopifyFlow.approvedCallback(admin, shop).getRawQuery());
        callback.put("timestamp", Long.toString(java.time.Instant.now().minus(java.time.Duration.ofMinutes(11)).getEpochSecond()));
        assertRefused(ShopifyFlow.callback(admin, FakeShopify.signedQuery(callback, SignalOpsSystem.SHOPIFY_SECRET)), store,
                "the timestamp is more than 10 minutes away from now");
    }

    @Test
    @Order(4)
    void refusesAReplayedCallback() throws Exception {
        String shop = shop("replay");
        long store = store(shop);
        String query = ShopifyFlow.approvedCallback(admin, shop).getRawQuery();
        assertEquals(List.of("store.connect/SUCCESS"), records(ShopifyFlow.callback(admin, query)));
        HttpResponse<String> replayed = ShopifyFlow.callback(admin, query);
        assertEquals(List.of("store.connect/DENIED"), records(replayed));
        assertEquals("shopify=refused", ShopifyFlow.location(replayed).getQuery());
        assertTrue(lastRefusal().contains("the state is unknown"), lastRefusal());
        assertEquals(1, connections(store), "still the one connection of the first callback");
    }

    @Test
    @Order(5)
    void refusesAStateIssuedToAnotherSession() throws Exception {
        String shop = shop("foreign");
        long store = store(shop);
        String query = ShopifyFlow.approvedCallback(admin, shop).getRawQuery();
        TestAccounts.create("connect-other-" + RUN + "@example.com", "Connect Other", PASSWORD, "admin");
        ConsoleClient other = ConsoleClient.signedIn("connect-other-" + RUN + "@example.com", PASSWORD);
        assertRefused(ShopifyFlow.callback(other, query), store, "the state is unknown");
    }

    @Test
    @Order(6)
    void refusesAShopOutsideMyshopifyCom() throws Exception {
        String shop = shop("domain");
        long store = store(shop);
        Map<String, String> callback = FakeShopify.parse(ShopifyFlow.approvedCallback(admin, shop).getRawQuery());
        callback.put("shop", "shop-" + RUN + ".evil.example");
        assertRefused(ShopifyFlow.callback(admin, FakeShopify.signedQuery(callback, SignalOpsSystem.SHOPIFY_SECRET)), store,
                "not a myshopify.com domain");
    }

    @Test
    @Order(7)
    void refusesAnotherShopThanTheStores() throws Exception {
        String shop = shop("swap");
        long store = store(shop);
        String otherShop = shop("swap-other");
        long otherStore = store(otherShop);
        Map<String, String> callback = FakeShopify.parse(ShopifyFlow.approvedCallback(admin, shop).getRawQuery());
        callback.put("shop", otherShop);
        assertRefused(ShopifyFlow.callback(admin, FakeShopify.signedQuery(callback, SignalOpsSystem.SHOPIFY_SECRET)), store,
                "not the store's shop");
        assertEquals(0, connections(otherStore));
    }

    @Test
    @Order(8)
    void refusesAGrantOfFewerScopesThanRequested() throws Exception {
        String shop = shop("scopes");
        long store = store(shop);
        SignalOpsSystem.shopify().grantOnly("read_orders");
        try {
            HttpResponse<String> answered = ShopifyFlow.connect(admin, shop);
            assertEquals(List.of("store.connect/DENIED"), records(answered));
            assertTrue(lastRefusal().contains("Shopify did not grant [read_customers, read_inventory, read_products]"), lastRefusal());
            assertEquals(0, connections(store));
        } finally {
            SignalOpsSystem.shopify().grantOnly(null);
        }
    }

    @Test
    @Order(9)
    void disconnectDestroysTheTokenAndSchedulesTheDeletionWithin48Hours() throws Exception {
        String shop = shop("leave");
        long store = store(shop);
        assertEquals(List.of("store.connect/SUCCESS"), records(ShopifyFlow.connect(admin, shop)));
        FacesForm connections = FacesForm.of(admin, "/stores.xhtml", "connections");
        assertTrue(connections.shows(connections.buttonInRow(shop, "disconnect")));
        HttpResponse<String> disconnected = connections.press(connections.buttonInRow(shop, "disconnect"));
        PAGES.add(disconnected.body());
        assertEquals(200, disconnected.statusCode());
        assertTrue(disconnected.body().contains("Store disconnected"), "the page says so");
        assertEquals(List.of("store.disconnect/SUCCESS"), records(disconnected));
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement query = connection.prepareStatement("SELECT status, token_key_version, token_nonce, token_ciphertext, "
                        + "disconnected_at, deletion_due_at FROM store_connection WHERE store_id = ?")) {
            query.setLong(1, store);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                assertEquals("DISCONNECTED", row.getString(1));
                assertNull(row.getObject(2));
                assertNull(row.getObject(3));
                assertNull(row.getObject(4));
                LocalDateTime at = row.getObject(5, LocalDateTime.class);
                assertNotNull(at);
                assertEquals(at.plus(Duration.ofHours(48)), row.getObject(6, LocalDateTime.class));
            }
        }
    }

    @Test
    @Order(10)
    void theTokenIsWrittenDownNowhereInClear() throws Exception {
        List<String> tokens = SignalOpsSystem.shopify().issuedTokens();
        assertTrue(tokens.size() >= 3, "tokens issued by the tests before: " + tokens.size());
        PAGES.add(page("/stores.xhtml"));
        String log = Files.readString(SignalOpsSystem.server().messagesLog());
        String audit = allText("SELECT CONCAT_WS('|', action, entity_id, COALESCE(before_json, ''), COALESCE(after_json, '')) FROM audit_record");
        String events = allText("SELECT details FROM security_event");
        for (String token : tokens) {
            assertFalse(log.contains(token), "a token in messages.log");
            assertFalse(audit.contains(token), "a token in the audit trail");
            assertFalse(events.contains(token), "a token in the security events");
            for (String page : PAGES) {
                assertFalse(page.contains(token), "a token on a page");
            }
        }
        assertFalse(log.contains(SignalOpsSystem.SHOPIFY_SECRET), "the app secret in messages.log");
    }

    private static void assertRefused(HttpResponse<String> answered, long store, String reason) throws Exception {
        assertEquals("shopify=refused", ShopifyFlow.location(answered).getQuery());
        assertEquals(List.of("store.connect/DENIED"), records(answered));
        assertTrue(lastRefusal().contains(reason), lastRefusal());
        assertEquals(0, connections(store), "nothing connected");
        String page = page("/stores.xhtml?shopify=refused");
        assertTrue(page.contains("could not be verified"), "the page says so");
    }

    private static String shop(String name) {
        return "connect-" + name + "-" + RUN + ".myshopify.com";
    }

    private static long store(String shop) throws SQLException {
        return TestTenants.store(workspace, null, ("C-" + shop.substring("connect-".length(), shop.indexOf('.'))).toUpperCase(), shop);
    }

    private static String lastIssuedToken() {
        List<String> tokens = SignalOpsSystem.shopify().issuedTokens();
        return tokens.get(tokens.size() - 1);
    }

    private static String page(String path) {
        HttpResponse<String> response = admin.get(path);
        assertEquals(200, response.statusCode(), path);
        PAGES.add(response.body());
        return response.body();
    }

    private static CredentialVault vault() throws Exception {
        return CredentialVault.of(Files.readString(SignalOpsSystem.server().serverDir().resolve("resources/security/vault-keys")).trim());
    }

    private static long connections(long store) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM store_connection WHERE store_id = ?")) {
            query.setLong(1, store);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static String lastRefusal() throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement query = connection.prepareStatement("SELECT details FROM security_event WHERE type = "
                        + "'shopify.oauth-refused' ORDER BY id DESC LIMIT 1"); ResultSet row = query.executeQuery()) {
            return row.next() ? row.getString(1) : "(none)";
        }
    }

    private static List<String> records(HttpResponse<String> response) throws SQLException {
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow(() -> new AssertionError("no X-Request-Id"));
        List<String> written = new ArrayList<>();
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement query = connection.prepareStatement("SELECT action, outcome FROM audit_record WHERE request_id = ? ORDER BY id")) {
            query.setString(1, requestId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    written.add(rows.getString(1) + "/" + rows.getString(2));
                }
            }
        }
        return written;
    }

    private static String allText(String sql) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection connection = SignalOpsSystem.database().connect(); PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                text.append(rows.getString(1)).append('\n');
            }
        }
        return text.toString();
    }
}
