package com.signalops.it.support;

import com.signalops.integration.domain.ShopifyCallbackSignature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Shopify's OAuth endpoints as its documentation describes them (authorization code grant), on
 * 127.0.0.1 over HTTPS with a self-signed certificate generated for the run. The shop is the first
 * path segment ({@code SIGNALOPS_SHOPIFY_BASE_URL} = {@link #baseUrl()}):
 * <ul>
 * <li>{@code GET /{shop}/admin/oauth/authorize?client_id&scope&redirect_uri&state}: the merchant
 * approves at once; 302 to {@code redirect_uri} with {@code code}, {@code hmac}, {@code host},
 * {@code shop}, {@code state} and {@code timestamp}, the hmac the hex HMAC-SHA256 of the sorted
 * other parameters under the app's secret.</li>
 * <li>{@code POST /{shop}/admin/oauth/access_token} with JSON (or form) {@code client_id},
 * {@code client_secret}, {@code code}: {@code {"access_token":"shpat_…","scope":"…"}} once per code,
 * for the shop it was issued for; 400 otherwise, as Shopify answers.</li>
 * <li>{@code POST /{shop}/admin/api/{version}/graphql.json} with {@code X-Shopify-Access-Token} (401
 * without a token issued for that shop) and JSON {@code query} and {@code variables}, answering
 * {@code data} (and {@code userErrors} in a mutation's payload) for the operations SignalOps sends:
 * {@code bulkOperationRunQuery(query:)} (one bulk query at a time per shop, as Shopify enforces),
 * {@code currentBulkOperation} and {@code node(id:)} of a bulk operation, which goes CREATED,
 * RUNNING, COMPLETED one step per poll (no clock involved), then with {@code objectCount} and a
 * {@code url} of its JSONL result; and {@code webhookSubscriptionCreate(topic:, webhookSubscription: {uri:})},
 * recorded, a repeated topic and address refused as Shopify does.</li>
 * <li>{@code GET /bulk-results/{key}.jsonl}: a completed operation's result, the file the test gave
 * for the shop and resource ({@link #serveBulkResult}), like Shopify's signed storage URL without
 * further authentication.</li>
 * </ul>
 */
public final class FakeShopify implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private record IssuedCode(String shop, String scope) {
    }

    /** A webhook subscription the fake recorded. */
    public record WebhookSubscription(String shop, String topic, String uri) {
    }

    /** A bulk operation of a shop: its resource (the query's top-level connection) and how often it was polled. */
    private static final class Bulk {
        final String id;
        final String shop;
        final String resource;
        final Path result;
        int polls;

        Bulk(String id, String shop, String resource, Path result) {
            this.id = id;
            this.shop = shop;
            this.resource = resource;
            this.result = result;
        }

        String status() {
            return polls == 0 ? "CREATED" : polls == 1 ? "RUNNING" : "COMPLETED";
        }
    }

    private final String apiKey;
    private final String secret;
    private final Path certificate;
    private final HttpsServer server;
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final Map<String, String> tokenShops = new ConcurrentHashMap<>();
    private final Map<String, Path> bulkResults = new ConcurrentHashMap<>();
    private final Map<String, Bulk> bulkOperations = new ConcurrentHashMap<>();
    private final List<String> bulkQueries = new CopyOnWriteArrayList<>();
    private final List<WebhookSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong nextId = new java.util.concurrent.atomic.AtomicLong(1000);
    private volatile String grantedScopeOverride;
    private volatile String refusedSubscriptionShop;

    private FakeShopify(String apiKey, String secret, Path directory) throws Exception {
        this.apiKey = apiKey;
        this.secret = secret;
        Files.createDirectories(directory);
        Path keystore = directory.resolve("fake-shopify.p12");
        this.certificate = directory.resolve("fake-shopify.pem");
        String password = HexFormat.of().formatHex(randomBytes(12));
        Files.deleteIfExists(keystore);
        Files.deleteIfExists(certificate);
        keytool("-genkeypair", "-alias", "fake-shopify", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-rfc", "-alias", "fake-shopify", "-keystore", keystore.toString(), "-storepass", password,
                "-file", certificate.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, password.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a fake Shopify of the app {@code apiKey} with secret {@code secret}; its certificate goes to {@code directory}. */
    public static FakeShopify start(String apiKey, String secret, Path directory) {
        try {
            return new FakeShopify(apiKey, secret, directory);
        } catch (Exception e) {
            throw new IllegalStateException("The fake Shopify could not start", e);
        }
    }

    /** {@code https://127.0.0.1:<port>}: the shop's requests go to {@code <baseUrl>/<shop>/admin/...}. */
    public String baseUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The PEM file of the fake's self-signed certificate, for {@code SIGNALOPS_SHOPIFY_TRUSTED_CERTIFICATE}. */
    public Path certificate() {
        return certificate;
    }

    /** Every access token issued so far (the tests look for them where they must never be). */
    public List<String> issuedTokens() {
        return List.copyOf(tokens);
    }

    /** How many token requests came in. */
    public int tokenRequests() {
        return tokenRequests.size();
    }

    /**
     * The JSONL file a completed bulk operation of {@code resource} ({@code products},
     * {@code customers} or {@code orders}: the query's top-level connection) at {@code shop} serves;
     * without one the operation completes with no objects and no url, as Shopify's does for an empty result.
     */
    public void serveBulkResult(String shop, String resource, Path jsonl) {
        bulkResults.put(shop + "/" + resource, jsonl);
    }

    /** Every bulk query run so far, as sent. */
    public List<String> bulkQueries() {
        return List.copyOf(bulkQueries);
    }

    /** From now on refuses every webhook subscription of {@code shop} as Shopify refuses an address (null: none). */
    public void refuseWebhookSubscriptionsOf(String shop) {
        this.refusedSubscriptionShop = shop;
    }

    /** Every webhook subscription created so far. */
    public List<WebhookSubscription> webhookSubscriptions() {
        return List.copyOf(subscriptions);
    }

    /** From now on grants {@code scope} instead of what was asked for (null: what was asked for). */
    public void grantOnly(String scope) {
        this.grantedScopeOverride = scope;
    }

    /**
     * The merchant opens {@code authorizeUrl} (where SignalOps sent the browser) and approves:
     * answers the callback URL Shopify sends the browser back to.
     */
    public URI approve(URI authorizeUrl) {
        HttpClient client = HttpClient.newBuilder().sslContext(Https.trustAll()).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(authorizeUrl).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 302) {
                throw new AssertionError("the fake Shopify refused the authorization: " + answer.statusCode() + " " + answer.body());
            }
            return URI.create(answer.headers().firstValue("Location").orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The callback query Shopify would send for {@code parameters}, signed with {@code signingSecret}. */
    public static String signedQuery(Map<String, String> parameters, String signingSecret) {
        Map<String, String> query = new LinkedHashMap<>(parameters);
        query.remove("hmac");
        query.put("hmac", ShopifyCallbackSignature.sign(signingSecret, query));
        return toQuery(query);
    }

    public static String toQuery(Map<String, String> parameters) {
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    /** The parameters of {@code query} (each once). */
    public static Map<String, String> parse(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.put(name, value);
        }
        return parameters;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            // "", "bulk-results", key
            if (path.length == 3 && path[1].equals("bulk-results") && exchange.getRequestMethod().equals("GET")) {
                bulkResult(exchange, path[2]);
                return;
            }
            // "", shop, "admin", "api", version, "graphql.json"
            if (path.length == 6 && path[2].equals("admin") && path[3].equals("api") && path[5].equals("graphql.json")) {
                if (exchange.getRequestMethod().equals("POST")) {
                    graphql(exchange, path[1]);
                } else {
                    respond(exchange, 405, "text/plain", "Method Not Allowed");
                }
                return;
            }
            // "", shop, "admin", "oauth", endpoint
            if (path.length != 5 || !path[2].equals("admin") || !path[3].equals("oauth")) {
                respond(exchange, 404, "text/plain", "Not Found");
                return;
            }
            String shop = path[1];
            if (path[4].equals("authorize") && exchange.getRequestMethod().equals("GET")) {
                authorize(exchange, shop, parse(exchange.getRequestURI().getRawQuery()));
            } else if (path[4].equals("access_token") && exchange.getRequestMethod().equals("POST")) {
                accessToken(exchange, shop);
            } else {
                respond(exchange, 404, "text/plain", "Not Found");
            }
        }
    }

    private void authorize(HttpExchange exchange, String shop, Map<String, String> query) throws IOException {
        String redirect = query.get("redirect_uri");
        if (!apiKey.equals(query.get("client_id")) || redirect == null || query.get("state") == null || query.get("scope") == null) {
            respond(exchange, 400, "text/plain", "Oauth error invalid_request: the request is missing or has a wrong parameter");
            return;
        }
        String code = HexFormat.of().formatHex(randomBytes(16));
        codes.put(code, new IssuedCode(shop, grantedScopeOverride != null ? grantedScopeOverride : query.get("scope")));
        Map<String, String> callback = new LinkedHashMap<>();
        callback.put("code", code);
        callback.put("host", Base64.getUrlEncoder().withoutPadding().encodeToString(("admin.shopify.com/store/"
                + shop.substring(0, shop.indexOf('.'))).getBytes(StandardCharsets.UTF_8)));
        callback.put("shop", shop);
        callback.put("state", query.get("state"));
        callback.put("timestamp", Long.toString(Instant.now().getEpochSecond()));
        exchange.getResponseHeaders().add("Location", redirect + "?" + signedQuery(callback, secret));
        exchange.sendResponseHeaders(302, -1);
    }

    private void accessToken(HttpExchange exchange, String shop) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        tokenRequests.add(shop);
        Map<String, String> request = new LinkedHashMap<>();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.startsWith("application/json")) {
            JsonObject json = Json.createReader(new StringReader(body)).readObject();
            json.forEach((name, value) -> request.put(name, json.getString(name, "")));
        } else {
            request.putAll(parse(body));
        }
        IssuedCode issued = request.get("code") == null ? null : codes.remove(request.get("code"));
        if (!apiKey.equals(request.get("client_id")) || !secret.equals(request.get("client_secret")) || issued == null
                || !issued.shop().equals(shop)) {
            respond(exchange, 400, "application/json", "{\"error\":\"invalid_request\",\"error_description\":"
                    + "\"The authorization code was not found or was already used\"}");
            return;
        }
        String token = "shpat_" + HexFormat.of().formatHex(randomBytes(16));
        tokens.add(token);
        tokenShops.put(token, shop);
        respond(exchange, 200, "application/json", Json.createObjectBuilder().add("access_token", token)
                .add("scope", issued.scope()).build().toString());
    }

    private void graphql(HttpExchange exchange, String shop) throws IOException {
        String token = exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token");
        if (token == null || !shop.equals(tokenShops.get(token))) {
            respond(exchange, 401, "application/json", "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or "
                    + "wrong password)\"}");
            return;
        }
        JsonObject request;
        try {
            request = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))
                    .readObject();
        } catch (RuntimeException e) {
            respond(exchange, 400, "application/json", "{\"errors\":{\"query\":\"Required parameter missing or invalid\"}}");
            return;
        }
        String query = request.getString("query", "");
        JsonObject variables = request.get("variables") instanceof JsonObject v ? v : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject data;
        if (query.contains("bulkOperationRunQuery")) {
            data = runBulkQuery(shop, variables.getString("query", ""));
        } else if (query.contains("currentBulkOperation")) {
            data = Json.createObjectBuilder().add("currentBulkOperation", current(shop).<JsonValue>map(this::poll).orElse(JsonValue.NULL)).build();
        } else if (query.contains("node(")) {
            Bulk bulk = bulkOperations.get(variables.getString("id", ""));
            data = Json.createObjectBuilder().add("node", bulk == null || !bulk.shop.equals(shop) ? JsonValue.NULL : poll(bulk)).build();
        } else if (query.contains("webhookSubscriptionCreate")) {
            data = subscribe(shop, variables.getString("topic", ""), variables.getString("uri", ""));
        } else {
            respond(exchange, 200, "application/json", "{\"errors\":[{\"message\":\"This fake Shopify does not answer this query\"}]}");
            return;
        }
        respond(exchange, 200, "application/json", Json.createObjectBuilder().add("data", data).build().toString());
    }

    private synchronized JsonObject runBulkQuery(String shop, String query) {
        jakarta.json.JsonArrayBuilder errors = Json.createArrayBuilder();
        JsonValue operation = JsonValue.NULL;
        java.util.Optional<Bulk> running = current(shop).filter(b -> !b.status().equals("COMPLETED"));
        java.util.Optional<String> resource = java.util.stream.Stream.of("products", "customers", "orders")
                .filter(r -> query.matches("(?s)\\s*\\{\\s*" + r + "\\b.*")).findFirst();
        if (running.isPresent()) {
            errors.add(Json.createObjectBuilder().add("field", JsonValue.NULL).add("message",
                    "A bulk query operation for this app and shop is already in progress: " + running.get().id + "."));
        } else if (resource.isEmpty()) {
            errors.add(Json.createObjectBuilder().add("field", Json.createArrayBuilder().add("query")).add("message",
                    "Invalid bulk query: the query must select one top-level connection"));
        } else {
            bulkQueries.add(query);
            Bulk bulk = new Bulk("gid://shopify/BulkOperation/" + nextId.incrementAndGet(), shop, resource.get(),
                    bulkResults.get(shop + "/" + resource.get()));
            bulkOperations.put(bulk.id, bulk);
            operation = Json.createObjectBuilder().add("id", bulk.id).add("status", bulk.status()).build();
        }
        return Json.createObjectBuilder().add("bulkOperationRunQuery", Json.createObjectBuilder().add("bulkOperation", operation)
                .add("userErrors", errors)).build();
    }

    /** The shop's latest bulk operation. */
    private java.util.Optional<Bulk> current(String shop) {
        return bulkOperations.values().stream().filter(b -> b.shop.equals(shop))
                .max(java.util.Comparator.comparingLong(b -> Long.parseLong(b.id.substring(b.id.lastIndexOf('/') + 1))));
    }

    /** The operation as a poll sees it, then one step further. */
    private synchronized JsonObject poll(Bulk bulk) {
        String status = bulk.status();
        jakarta.json.JsonObjectBuilder answer = Json.createObjectBuilder().add("id", bulk.id).add("status", status)
                .add("errorCode", JsonValue.NULL);
        if (status.equals("COMPLETED") && bulk.result != null) {
            answer.add("objectCount", Long.toString(lines(bulk.result))).add("url", baseUrl() + "/bulk-results/"
                    + bulk.id.substring(bulk.id.lastIndexOf('/') + 1) + ".jsonl");
        } else {
            answer.add("objectCount", "0").add("url", JsonValue.NULL);
        }
        bulk.polls++;
        return answer.build();
    }

    private void bulkResult(HttpExchange exchange, String file) throws IOException {
        Bulk bulk = bulkOperations.get("gid://shopify/BulkOperation/" + file.replace(".jsonl", ""));
        if (bulk == null || bulk.result == null || !bulk.status().equals("COMPLETED")) {
            respond(exchange, 404, "text/plain", "Not Found");
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/jsonl");
        exchange.sendResponseHeaders(200, Files.size(bulk.result));
        Files.copy(bulk.result, exchange.getResponseBody());
    }

    private synchronized JsonObject subscribe(String shop, String topic, String uri) {
        jakarta.json.JsonArrayBuilder errors = Json.createArrayBuilder();
        JsonValue subscription = JsonValue.NULL;
        if (shop.equals(refusedSubscriptionShop)) {
            errors.add(Json.createObjectBuilder().add("field", Json.createArrayBuilder().add("webhookSubscription").add("callbackUrl"))
                    .add("message", "Address cannot be a Shopify or an internal domain"));
        } else if (subscriptions.stream().anyMatch(s -> s.shop().equals(shop) && s.topic().equals(topic) && s.uri().equals(uri))) {
            errors.add(Json.createObjectBuilder().add("field", Json.createArrayBuilder().add("webhookSubscription").add("callbackUrl"))
                    .add("message", "Address for this topic has already been taken"));
        } else if (!uri.startsWith("https://") || topic.isEmpty()) {
            errors.add(Json.createObjectBuilder().add("field", Json.createArrayBuilder().add("webhookSubscription").add("uri"))
                    .add("message", "Address is invalid"));
        } else {
            subscriptions.add(new WebhookSubscription(shop, topic, uri));
            subscription = Json.createObjectBuilder().add("id", "gid://shopify/WebhookSubscription/" + nextId.incrementAndGet()).build();
        }
        return Json.createObjectBuilder().add("webhookSubscriptionCreate", Json.createObjectBuilder().add("webhookSubscription",
                subscription).add("userErrors", errors)).build();
    }

    private static long lines(Path file) {
        try (java.util.stream.Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
