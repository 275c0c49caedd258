package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Console pages need a signed-in user; the login page renders for anybody. */
@ExtendWith(SignalOpsSystem.class)
class ConsolePagesIT {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.xhtml", "/system.xhtml", "/no-such-page.xhtml"})
    void anonymousRequestsForConsolePagesGoToTheLoginPage(String path) {
        HttpResponse<String> response = Https.get(path);
        assertEquals(302, response.statusCode(), path);
        assertTrue(response.headers().firstValue("location").orElse("").endsWith("/login.xhtml"), response.headers().toString());
        assertTrue(!response.body().contains("Revenue leaks"), "no console content before sign-in");
    }

    @Test
    void loginPageRenders() {
        HttpResponse<String> login = Https.get("/login.xhtml");
        assertEquals(200, login.statusCode(), login.body());
        assertTrue(login.body().contains("id=\"signin:email\""), login.body());
        assertTrue(login.body().contains("autocomplete=\"current-password\""), login.body());
    }

    @Test
    void errorPagesRenderWithoutDetails() {
        HttpResponse<String> missing = Https.get("/error.xhtml");
        assertEquals(200, missing.statusCode());
        assertTrue(missing.body().contains("This page does not exist"), missing.body());
        assertTrue(!missing.body().contains("java.lang.") && !missing.body().contains("Liberty"), missing.body());
    }

    @Test
    void aFormPostedWithAViewStateTheServerDoesNotHoldGoesToTheExpiredPage() {
        HttpResponse<String> response = Https.send(java.net.http.HttpRequest.newBuilder(Https.uri("/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("signin_SUBMIT=1&jakarta.faces.ViewState=forged&signin%3Aemail=x"))
                .build());
        assertEquals(302, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("location").orElse("").endsWith("/expired.xhtml"));
        assertEquals(200, Https.get("/expired.xhtml").statusCode());
    }
}
