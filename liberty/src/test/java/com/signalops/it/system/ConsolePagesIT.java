package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.Https;
import com.signalops.it.support.Migrations;
import com.signalops.it.support.SignalOpsSystem;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The console's pages render, and an unknown page answers the console's 404 page. */
@ExtendWith(SignalOpsSystem.class)
class ConsolePagesIT {

    @Test
    void homeRenders() {
        HttpResponse<String> home = Https.get("/");
        assertEquals(200, home.statusCode(), home.body());
        assertTrue(home.body().contains("Revenue leaks in your Shopify stores"), home.body());
    }

    @Test
    void systemPageShowsVersionDatabaseAndSchemaOnTheDevProfile() {
        HttpResponse<String> page = Https.get("/system.xhtml");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("id=\"system:schema\">" + Migrations.latest() + "<"), page.body());
        assertTrue(page.body().contains(">UP<"), page.body());
    }

    @Test
    void unknownPagesAnswerNotFoundWithoutDetails() {
        HttpResponse<String> missing = Https.get("/no-such-page.xhtml");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("This page does not exist"), missing.body());
        assertTrue(!missing.body().contains("java.lang.") && !missing.body().contains("Liberty"), missing.body());
    }
}
