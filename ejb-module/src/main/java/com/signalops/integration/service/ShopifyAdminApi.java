package com.signalops.integration.service;

import com.signalops.integration.domain.BulkOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Shopify's Admin GraphQL API for one shop and its offline access token: bulk operations
 * ({@code bulkOperationRunQuery}, polled with {@code node(id:)}), the download of their JSONL
 * result, and webhook subscriptions ({@code webhookSubscriptionCreate}). Requests go to
 * {@code POST /admin/api/{version}/graphql.json} of the shop (the configured base URL and trusted
 * certificate of {@link ShopifyAuthorization}) with the token in {@code X-Shopify-Access-Token};
 * the version is {@value #VERSION_VARIABLE}, default {@value #DEFAULT_VERSION}. A failure is a
 * {@link ShopifyApiException} whose message holds no token and nothing of a result.
 */
@ApplicationScoped
public class ShopifyAdminApi {

    public static final String VERSION_VARIABLE = "SIGNALOPS_SHOPIFY_API_VERSION";
    public static final String DEFAULT_VERSION = "2025-10";
    public static final String TOKEN_HEADER = "X-Shopify-Access-Token";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String RUN_BULK_QUERY = "mutation RunBulkQuery($query: String!) { bulkOperationRunQuery(query: $query) { "
            + "bulkOperation { id status } userErrors { field message } } }";
    private static final String BULK_OPERATION = "query BulkOperation($id: ID!) { node(id: $id) { ... on BulkOperation { "
            + "id status errorCode objectCount url } } }";
    private static final String SUBSCRIBE = "mutation Subscribe($topic: WebhookSubscriptionTopic!, $uri: String!) { "
            + "webhookSubscriptionCreate(topic: $topic, webhookSubscription: {uri: $uri, format: JSON}) { "
            + "webhookSubscription { id } userErrors { field message } } }";

    @Inject
    private ShopifyAuthorization authorization;

    @Inject
    private Config config;

    /** Starts a bulk operation of {@code query} (a GraphQL query of one top-level connection) at the shop. */
    public BulkOperation runBulkQuery(String shopDomain, String accessToken, String query) {
        JsonObject payload = call(shopDomain, accessToken, RUN_BULK_QUERY, Json.createObjectBuilder().add("query", query))
                .getJsonObject("bulkOperationRunQuery");
        requireNoUserErrors(payload, "bulkOperationRunQuery");
        JsonObject operation = payload == null ? null : payload.getJsonObject("bulkOperation");
        if (operation == null) {
            throw new ShopifyApiException("bulkOperationRunQuery answered no bulk operation");
        }
        return bulkOperation(operation);
    }

    /** The bulk operation {@code id} as the shop reports it now. */
    public BulkOperation bulkOperation(String shopDomain, String accessToken, String id) {
        JsonObject data = call(shopDomain, accessToken, BULK_OPERATION, Json.createObjectBuilder().add("id", id));
        if (!(data.get("node") instanceof JsonObject node)) {
            throw new ShopifyApiException("the shop knows no bulk operation " + id);
        }
        return bulkOperation(node);
    }

    /**
     * Streams the result at {@code url} into {@code target}: into {@code <target>.part} first (emptied
     * first, as a crashed download may have left one), moved into place once complete.
     */
    public void download(URI url, Path target) {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            HttpResponse<Path> response = authorization.httpClient().send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofFile(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING));
            if (response.statusCode() != 200) {
                Files.deleteIfExists(partial);
                throw new ShopifyApiException("the bulk result download answered " + response.statusCode());
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ShopifyApiException("the bulk result could not be downloaded: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyApiException("interrupted");
        }
    }

    /** Subscribes the shop's {@code topic} (GraphQL name, e.g. {@code ORDERS_CREATE}) to deliveries at {@code uri}. */
    public void subscribeWebhook(String shopDomain, String accessToken, String topic, URI uri) {
        JsonObject payload = call(shopDomain, accessToken, SUBSCRIBE, Json.createObjectBuilder().add("topic", topic).add("uri",
                uri.toString())).getJsonObject("webhookSubscriptionCreate");
        requireNoUserErrors(payload, "webhookSubscriptionCreate " + topic);
    }

    /** The {@code data} of the answer to {@code query} with {@code variables}. */
    private JsonObject call(String shopDomain, String accessToken, String query, JsonObjectBuilder variables) {
        String body = Json.createObjectBuilder().add("query", query).add("variables", variables).build().toString();
        HttpRequest request = HttpRequest.newBuilder(authorization.app().adminGraphqlUri(shopDomain, version())).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json").header(TOKEN_HEADER, accessToken)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = authorization.httpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ShopifyApiException("Shopify could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyApiException("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new ShopifyApiException("Shopify answered " + response.statusCode());
        }
        JsonObject answer;
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            answer = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new ShopifyApiException("Shopify's answer is not a JSON object");
        }
        if (answer.get("errors") instanceof JsonArray errors && !errors.isEmpty()) {
            throw new ShopifyApiException("Shopify refused the query: " + messages(errors));
        }
        if (!(answer.get("data") instanceof JsonObject data)) {
            throw new ShopifyApiException("Shopify's answer has no data");
        }
        return data;
    }

    private static void requireNoUserErrors(JsonObject payload, String what) {
        if (payload != null && payload.get("userErrors") instanceof JsonArray errors && !errors.isEmpty()) {
            throw new ShopifyApiException(what + " refused: " + messages(errors));
        }
    }

    /** Shopify's error messages (they name fields and operations, no shop data). */
    private static String messages(JsonArray errors) {
        List<String> messages = new ArrayList<>();
        for (JsonValue error : errors) {
            if (error instanceof JsonObject e && e.get("message") instanceof JsonString message) {
                messages.add(message.getString());
            }
        }
        String joined = String.join("; ", messages);
        return joined.length() > 300 ? joined.substring(0, 300) : joined;
    }

    private static BulkOperation bulkOperation(JsonObject o) {
        long count = 0;
        if (o.get("objectCount") instanceof JsonString s) {
            count = Long.parseLong(s.getString());
        } else if (o.get("objectCount") instanceof JsonNumber n) {
            count = n.longValue();
        }
        return new BulkOperation(o.getString("id", ""), o.getString("status", "FAILED"), o.get("errorCode") instanceof JsonString code
                ? code.getString() : null, count, o.get("url") instanceof JsonString url ? URI.create(url.getString()) : null);
    }

    private String version() {
        return config.getOptionalValue(VERSION_VARIABLE, String.class).filter(v -> !v.isBlank()).orElse(DEFAULT_VERSION);
    }

    /** A call to Shopify's Admin API failed; the message names no token and no result content. */
    public static final class ShopifyApiException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public ShopifyApiException(String message) {
            super(message);
        }
    }
}
