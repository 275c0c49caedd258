package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

@ExtendWith(SignalOpsSystem.class)
class SecurityHeadersIT {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.xhtml", "/login.xhtml", "/system.xhtml", "/api/v1/system/info", "/api/v1/no-such-thing",
            "/health/ready", "/no-such-page", "/ibm/api/batch/jobinstances"})
    void everyResponseCarriesTheSecurityHeaders(String path) {
        HttpResponse<String> response = Https.get(path);
        var headers = response.headers();
        assertEquals("max-age=31536000; includeSubDomains", headers.firstValue("strict-transport-security").orElse(null), path);
        assertEquals("nosniff", headers.firstValue("x-content-type-options").orElse(null), path);
        assertEquals("no-referrer", headers.firstValue("referrer-policy").orElse(null), path);
        assertEquals("DENY", headers.firstValue("x-frame-options").orElse(null), path);
        List<String> policies = headers.allValues("content-security-policy");
        assertEquals(1, policies.size(), path + " " + policies);
        assertTrue(policies.get(0).contains("frame-ancestors 'none'"), path + " " + policies);
        assertFalse(headers.firstValue("server").isPresent(), path + " server banner: " + headers.firstValue("server"));
        assertFalse(headers.firstValue("x-powered-by").isPresent(), path);
    }

    @Test
    void consolePagesAllowScriptsOnlyFromTheServerOrWithThisResponsesNonce() {
        HttpResponse<String> page = Https.get("/login.xhtml");
        assertEquals(200, page.statusCode());
        String policy = page.headers().firstValue("content-security-policy").orElseThrow();
        Matcher scriptSrc = Pattern.compile("script-src ([^;]*)").matcher(policy);
        assertTrue(scriptSrc.find(), policy);
        assertFalse(scriptSrc.group(1).contains("unsafe-inline"), policy);
        assertFalse(scriptSrc.group(1).contains("unsafe-eval"), policy);
        Matcher nonce = Pattern.compile("'nonce-([^']+)'").matcher(scriptSrc.group(1));
        assertTrue(nonce.find(), policy);
        // every inline script of the page carries that nonce
        Matcher inline = Pattern.compile("<script(?![^>]*\\bsrc=)([^>]*)>").matcher(page.body());
        int inlineScripts = 0;
        while (inline.find()) {
            inlineScripts++;
            assertTrue(inline.group(1).contains("nonce=\"" + nonce.group(1) + "\""), inline.group());
        }
        assertTrue(inlineScripts > 0, "the page has PrimeFaces' init script");
        assertTrue(page.headers().firstValue("cache-control").orElse("").startsWith("no-store"), page.headers().toString());
    }

    @Test
    void sessionCookieIsHostPrefixedSecureHttpOnlyAndLax() {
        HttpResponse<String> page = Https.get("/login.xhtml");
        List<String> cookies = page.headers().allValues("set-cookie");
        String session = cookies.stream().filter(c -> c.startsWith("__Host-SIGNALOPS=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
        String lower = session.toLowerCase();
        assertTrue(lower.contains("; secure"), session);
        assertTrue(lower.contains("; httponly"), session);
        assertTrue(lower.contains("samesite=lax"), session);
        assertTrue(lower.contains("path=/"), session);
        assertFalse(lower.contains("domain="), session);
    }

    @Test
    void traceAndOptionsAreRefused() {
        for (String method : List.of("TRACE", "OPTIONS")) {
            HttpResponse<String> response = Https.send(HttpRequest.newBuilder(Https.uri("/index.xhtml"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build());
            assertTrue(response.statusCode() == 403 || response.statusCode() == 405, method + " answered " + response.statusCode());
        }
    }
}
