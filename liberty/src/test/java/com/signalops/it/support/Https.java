package com.signalops.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An HTTPS client for the local server, whose development certificate is self-signed: it
 * trusts any certificate. For tests and the run command only.
 */
public final class Https {

    static {
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        // idle connections close soon: an open one holds up Liberty's quiesce when the server stops
        System.setProperty("jdk.httpclient.keepalive.timeout", "1");
        System.setProperty("jdk.httpclient.keepalive.timeout.h2", "1");
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .sslContext(trustAll())
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Https() {
    }

    public static int port() {
        return Integer.parseInt(System.getProperty("signalops.test.https.port",
                System.getenv().getOrDefault("SIGNALOPS_HTTPS_PORT", "9443")));
    }

    public static URI uri(String path) {
        return URI.create("https://localhost:" + port() + path);
    }

    public static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status of {@code path}, or -1 when nothing answers. */
    public static int statusOf(String path) {
        try {
            return get(path).statusCode();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Polls {@code path} until it answers {@code status}; false when {@code timeout} runs out first. */
    public static boolean awaitStatus(String path, int status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (statusOf(path) == status) {
                return true;
            }
            sleep(Duration.ofMillis(500));
        }
        return false;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static SSLContext trustAll() {
        TrustManager[] trustAll = {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustAll, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
