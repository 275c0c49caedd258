package com.signalops.it.support;

import com.signalops.integration.domain.ShopifyCallbackSignature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
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
 * </ul>
 */
public final class FakeShopify implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private record IssuedCode(String shop, String scope) {
    }

    private final String apiKey;
    private final String secret;
    private final Path certificate;
    private final HttpsServer server;
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private volatile String grantedScopeOverride;

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
        respond(exchange, 200, "application/json", Json.createObjectBuilder().add("access_token", token)
                .add("scope", issued.scope()).build().toString());
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
