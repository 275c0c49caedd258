package com.signalops.ai.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chat-completions provider against a fake OpenAI-compatible server on 127.0.0.1: what it sends (path, bearer
 * key, model, messages), the content it takes from a good answer, and a clear failure for a 500, a late answer, a body
 * that is not JSON and a completion without content, none of which puts the key or the prompt in a message or a log.
 */
class ChatCompletionsProviderTest {

    private static final String KEY = "sk-test-7c1f0a9e";
    private static final String PROMPT = "a prompt about SHOP_1 and ORDER_1";
    private static FakeModelServer fake;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger(ChatCompletionsProvider.class.getName());

    @BeforeAll
    static void start() throws Exception {
        fake = FakeModelServer.start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void captureLogs() {
        fake.forget();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        logger.removeHandler(capture);
        logger.setLevel(null);
    }

    @Test
    void sendsTheModelMessagesAndBearerKeyAndAnswersTheCompletionsContent() {
        fake.answering(r -> FakeModelServer.Answer.completion("{\"subject\":\"hello\"}"));
        String answer = provider(Duration.ofSeconds(5)).complete(List.of(ChatMessage.system("be brief"), ChatMessage.user(PROMPT)));

        assertEquals("{\"subject\":\"hello\"}", answer);
        FakeModelServer.Received received = fake.received().get(0);
        assertEquals("/v1/chat/completions", received.path());
        assertEquals("Bearer " + KEY, received.authorization());
        JsonObject body = Json.createReader(new StringReader(received.body())).readObject();
        assertEquals("test-model", body.getString("model"));
        assertEquals("user", body.getJsonArray("messages").getJsonObject(1).getString("role"));
        assertEquals(PROMPT, body.getJsonArray("messages").getJsonObject(1).getString("content"));
        assertEquals("be brief", body.getJsonArray("messages").getJsonObject(0).getString("content"));
        assertNothingSecretLogged();
    }

    @Test
    void aServerErrorIsAClearFailure() {
        fake.answering(r -> new FakeModelServer.Answer(500, "{\"error\":{\"message\":\"overloaded " + PROMPT + "\"}}", 0));
        ModelFailure failure = assertThrows(ModelFailure.class, () -> provider(Duration.ofSeconds(5)).complete(List.of(ChatMessage.user(PROMPT))));
        assertEquals("the model provider answered HTTP 500", failure.getMessage());
        assertEquals("ai.failed", failure.code());
        assertNothingSecretLogged();
    }

    @Test
    void anAnswerLaterThanTheReadTimeoutIsAClearFailure() {
        fake.answering(r -> new FakeModelServer.Answer(200, FakeModelServer.Answer.completion("late").body(), 3000));
        long started = System.nanoTime();
        ModelFailure failure = assertThrows(ModelFailure.class,
                () -> provider(Duration.ofMillis(400)).complete(List.of(ChatMessage.user(PROMPT))));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(failure.getMessage().startsWith("the model provider did not answer within"), failure.getMessage());
        assertTrue(millis < 2500, "gave up after " + millis + " ms, not at the timeout");
        assertNothingSecretLogged();
    }

    @Test
    void aBodyThatIsNotJsonOrHasNoContentIsAClearFailure() {
        fake.answering(r -> new FakeModelServer.Answer(200, "<html>gateway</html>", 0));
        assertEquals("the model provider's answer is not a JSON object", assertThrows(ModelFailure.class,
                () -> provider(Duration.ofSeconds(5)).complete(List.of(ChatMessage.user(PROMPT)))).getMessage());

        fake.answering(r -> new FakeModelServer.Answer(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\"}}]}", 0));
        assertEquals("the model provider's answer has no choices[0].message.content", assertThrows(ModelFailure.class,
                () -> provider(Duration.ofSeconds(5)).complete(List.of(ChatMessage.user(PROMPT)))).getMessage());

        fake.answering(r -> new FakeModelServer.Answer(200, "{\"choices\":[]}", 0));
        assertThrows(ModelFailure.class, () -> provider(Duration.ofSeconds(5)).complete(List.of(ChatMessage.user(PROMPT))));
        assertNothingSecretLogged();
    }

    @Test
    void anUnreachableProviderIsAClearFailure() throws Exception {
        String base;
        try (FakeModelServer gone = FakeModelServer.start()) {
            base = gone.baseUrl();
        }
        ModelProvider provider = new ChatCompletionsProvider(ModelEndpoint.configured(base, KEY, "test-model").orElseThrow());
        ModelFailure failure = assertThrows(ModelFailure.class, () -> provider.complete(List.of(ChatMessage.user(PROMPT))));
        assertTrue(failure.getMessage().startsWith("the model provider could not be reached"), failure.getMessage());
    }

    @Test
    void theEndpointIsOffWithoutABaseUrlHttpsOnlyBeyondLoopbackAndNeverShowsItsKey() {
        assertEquals(Optional.empty(), ModelEndpoint.configured("", KEY, "m"));
        assertEquals(Optional.empty(), ModelEndpoint.configured(null, null, null));
        assertThrows(IllegalArgumentException.class, () -> ModelEndpoint.configured("http://models.example.com", KEY, "m"));
        assertThrows(IllegalArgumentException.class, () -> ModelEndpoint.configured("https://models.example.com", KEY, ""));
        assertThrows(IllegalArgumentException.class, () -> ModelEndpoint.configured("https://u:p@models.example.com", KEY, "m"));
        ModelEndpoint https = ModelEndpoint.configured("https://models.example.com/", KEY, "m").orElseThrow();
        assertEquals("https://models.example.com/v1/chat/completions", https.chatCompletions().toString());
        assertFalse(https.toString().contains(KEY), https.toString());
        assertEquals("http://127.0.0.1:1/v1/chat/completions",
                ModelEndpoint.configured("http://127.0.0.1:1", "", "m").orElseThrow().chatCompletions().toString());
    }

    private static ModelProvider provider(Duration readTimeout) {
        return new ChatCompletionsProvider(ModelEndpoint.configured(fake.baseUrl(), KEY, "test-model").orElseThrow()
                .withTimeouts(Duration.ofSeconds(2), readTimeout));
    }

    private void assertNothingSecretLogged() {
        for (LogRecord record : logged) {
            String text = record.getMessage() + " " + (record.getParameters() == null ? "" : List.of(record.getParameters()));
            assertFalse(text.contains(KEY) || text.contains(PROMPT) || text.contains("SHOP_1"), "logged: " + text);
        }
    }
}
