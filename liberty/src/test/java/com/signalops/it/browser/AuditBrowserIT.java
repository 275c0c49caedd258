package com.signalops.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The audit log in a real browser: an admin filters it by action, opens a record, and exports the
 * filtered set as CSV; the views and the export are themselves audit records. A role without
 * {@code audit.export} is refused the download, and the refusal is recorded too.
 */
class AuditBrowserIT extends ConsoleBrowserTest {

    @Test
    void anAdminFiltersOpensARecordAndExportsAndIsAuditedForIt() throws SQLException {
        signIn(SignalOpsSystem.demoAdminEmail(), SignalOpsSystem.demoAdminPassword());
        driver.findElement(By.id("nav-audit")).click();
        wait.until(ExpectedConditions.urlContains("/audit.xhtml"));
        assertFalse(actions().isEmpty(), "the audit log shows records");

        WebElement table = driver.findElement(By.id("records:list"));
        driver.findElement(By.id("filter:action")).sendKeys("session.sign-in");
        driver.findElement(By.id("filter:search")).click();
        awaitGone(table);
        List<String> filtered = actions();
        assertFalse(filtered.isEmpty());
        assertTrue(filtered.stream().allMatch("session.sign-in"::equals), filtered.toString());

        String exportUrl = driver.findElement(By.id("records:export-csv")).getAttribute("href");
        assertTrue(exportUrl.contains("format=csv") && exportUrl.contains("action=session.sign-in"), exportUrl);
        HttpResponse<String> csv = withCookies(exportUrl);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("content-disposition").orElse("").startsWith("attachment;"), csv.headers().toString());
        String[] lines = csv.body().split("\r\n");
        assertTrue(lines[0].startsWith("id,seq,occurred_at,actor_type,actor_id"), lines[0]);
        assertTrue(lines.length > 1, csv.body());
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].contains(",session.sign-in,"), lines[i]);
        }

        driver.findElements(By.cssSelector("a.so-audit-detail")).get(0).click();
        wait.until(ExpectedConditions.urlContains("/audit-record.xhtml"));
        assertEquals("session.sign-in", driver.findElement(By.id("action")).getText());
        assertTrue(driver.findElement(By.id("outcome")).getText().length() > 0);

        List<String> audited = ownAccessRecords(SignalOpsSystem.demoAdminEmail());
        assertTrue(audited.contains("audit.view SUCCESS"), audited.toString());
        assertTrue(audited.contains("audit.export SUCCESS"), audited.toString());
    }

    @Test
    void aRoleWithoutAuditExportIsRefusedTheDownloadAndTheRefusalIsRecorded() throws SQLException {
        TestAccounts.create("audit-rep@example.com", "Audit Rep", "audit rep passphrase long", "rep");
        signIn("audit-rep@example.com", "audit rep passphrase long");
        assertTrue(driver.findElements(By.id("nav-audit")).isEmpty(), "no audit link without audit.view");

        assertEquals(403, withCookies(Https.uri("/audit/export?format=csv").toString()).statusCode());
        assertEquals(403, withCookies(Https.uri("/audit.xhtml").toString()).statusCode());
        assertTrue(ownAccessRecords("audit-rep@example.com").contains("audit.export DENIED"));
    }

    private List<String> actions() {
        return driver.findElements(By.cssSelector(".so-audit-action")).stream().map(WebElement::getText).collect(Collectors.toList());
    }

    private HttpResponse<String> withCookies(String url) {
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        return Https.send(HttpRequest.newBuilder(java.net.URI.create(url)).header("Cookie", cookies).GET().build());
    }

    /** The audit log's own records of views and exports by the account {@code email}: {@code action outcome}. */
    private static List<String> ownAccessRecords(String email) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement select = connection.prepareStatement("SELECT CONCAT(r.action, ' ', r.outcome) FROM audit_record r "
                        + "JOIN app_user u ON r.actor_id = CAST(u.id AS CHAR) WHERE u.email = ? AND r.actor_type = 'USER' "
                        + "AND r.action IN ('audit.view', 'audit.export') ORDER BY r.id")) {
            select.setString(1, email);
            try (ResultSet rows = select.executeQuery()) {
                List<String> found = new java.util.ArrayList<>();
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
                return found;
            }
        }
    }
}
