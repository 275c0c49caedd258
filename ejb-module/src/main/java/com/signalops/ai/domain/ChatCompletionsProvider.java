package com.signalops.ai.domain;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A model behind an OpenAI-compatible chat-completions endpoint: {@code POST {base}/v1/chat/completions} with the model,
 * the messages and a low temperature, the key as a bearer token; the answer is {@code choices[0].message.content}. The
 * connection and the whole answer each have a timeout; redirects are not followed. Anything but a 2xx answer with that
 * content is a {@link ModelFailure} that says what went wrong and nothing of what was sent or received. Logs carry the
 * status and duration, never the key, the messages or the answer.
 */
public class ChatCompletionsProvider implements ModelProvider {

    /** The longest answer taken: a completion of one short email is far below it. */
    public static final int MAX_ANSWER_CHARS = 1 << 20;
    private static final Logger LOG = Logger.getLogger(ChatCompletionsProvider.class.getName());

    private final ModelEndpoint endpoint;
    private final HttpClient client;

    public ChatCompletionsProvider(ModelEndpoint endpoint) {
        this.endpoint = endpoint;
        this.client = HttpClient.newBuilder().connectTimeout(endpoint.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String model() {
        return endpoint.model();
    }

    @Override
    public String complete(List<ChatMessage> messages) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.chatCompletions()).timeout(endpoint.readTimeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(messages), StandardCharsets.UTF_8));
        if (!endpoint.apiKey().isEmpty()) {
            request.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        long started = System.nanoTime();
        String body;
        int status;
        // the future completes once the whole answer is read: the read timeout bounds headers and body together
        CompletableFuture<HttpResponse<String>> sent = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = sent.get(endpoint.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            status = response.statusCode();
            body = response.body();
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw failed("the model provider did not answer within " + endpoint.readTimeout().toSeconds() + " s", started, 0);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw failed("the model provider did not answer within " + endpoint.readTimeout().toSeconds() + " s", started, 0);
            }
            throw failed("the model provider could not be reached (" + cause.getClass().getSimpleName() + ")", started, 0);
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelFailure("interrupted while waiting for the model provider");
        }
        if (body.length() > MAX_ANSWER_CHARS) {
            throw failed("the model provider's answer is longer than " + MAX_ANSWER_CHARS + " characters", started, status);
        }
        if (status < 200 || status > 299) {
            throw failed("the model provider answered HTTP " + status, started, status);
        }
        String content = content(body);
        LOG.log(Level.FINE, "model {0} answered {1} in {2} ms", new Object[] {endpoint.model(), status, millis(started)});
        return content;
    }

    private String requestBody(List<ChatMessage> messages) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        messages.forEach(m -> list.add(Json.createObjectBuilder().add("role", m.role()).add("content", m.content())));
        return Json.createObjectBuilder().add("model", endpoint.model()).add("messages", list).add("temperature", 0.2).build().toString();
    }

    /** The text of {@code choices[0].message.content} of a completion. */
    static String content(String body) {
        JsonObject answer;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            answer = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new ModelFailure("the model provider's answer is not a JSON object");
        }
        if (answer.get("choices") instanceof JsonArray choices && !choices.isEmpty() && choices.get(0) instanceof JsonObject choice
                && choice.get("message") instanceof JsonObject message && message.get("content") instanceof JsonString content) {
            return content.getString();
        }
        throw new ModelFailure("the model provider's answer has no choices[0].message.content");
    }

    private ModelFailure failed(String message, long started, int status) {
        LOG.log(Level.WARNING, "model {0} failed after {1} ms (status {2})", new Object[] {endpoint.model(), millis(started), status});
        return new ModelFailure(message);
    }

    private static long millis(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
