package com.signalops.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The console as a plain HTTP client sees it: signs in through the login form and keeps the session cookies. */
public final class ConsoleClient {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().sslContext(Https.trustAll()).cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    /** A client with no session yet, as a browser that opens the login page. */
    public static ConsoleClient anonymous() {
        return new ConsoleClient();
    }

    /** A client signed in as {@code email}; fails when the sign-in does not lead into the console. */
    public static ConsoleClient signedIn(String email, String password) {
        ConsoleClient console = new ConsoleClient();
        HttpResponse<String> login = console.get("/login.xhtml");
        Matcher viewState = VIEW_STATE.matcher(login.body());
        if (!viewState.find()) {
            throw new AssertionError("no view state on the login page");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("signin_SUBMIT", "1");
        form.put("signin:email", email);
        form.put("signin:password", password);
        form.put("signin:submit", "");
        form.put("jakarta.faces.ViewState", viewState.group(1));
        HttpResponse<String> posted = console.post("/login.xhtml", form);
        HttpResponse<String> home = console.get("/index.xhtml");
        if (home.statusCode() != 200 || !home.body().contains("account:user-name")) {
            throw new AssertionError("sign-in as " + email + " failed: " + posted.statusCode() + " then " + home.statusCode());
        }
        return console;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(Https.uri(path)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    /** {@code path}'s answer as bytes (a download). */
    public HttpResponse<byte[]> download(String path) {
        try {
            return client.send(HttpRequest.newBuilder(Https.uri(path)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> post(String path, Map<String, String> form) {
        return post(path, List.copyOf(form.entrySet()));
    }

    /** Posts {@code form} url-encoded, in order; a name may come more than once (boxes of one name ticked). */
    public HttpResponse<String> post(String path, List<Map.Entry<String, String>> form) {
        String body = form.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(Https.uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Posts {@code form} as multipart/form-data with one file part {@code fileField} (a browser's file upload). */
    public HttpResponse<String> postMultipart(String path, Map<String, String> form, String fileField, String fileName, byte[] content) {
        String boundary = "----signalops-test-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> text = t -> body.writeBytes(t.getBytes(StandardCharsets.UTF_8));
        form.forEach((name, value) -> text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n"));
        text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/x-ndjson\r\n\r\n");
        body.writeBytes(content);
        text.accept("\r\n--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(Https.uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
