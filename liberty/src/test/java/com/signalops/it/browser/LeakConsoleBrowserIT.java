package com.signalops.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import com.signalops.it.support.TestTenants;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The leak console in a real browser under the CSP: the dashboard's PrimeFaces charts are drawn by Chart.js with the
 * figures of the tables beside them, and an analysis started with the button shows its progress by polling until it
 * is done, without a reload.
 */
class LeakConsoleBrowserIT extends ConsoleBrowserTest {

    @Test
    void theDashboardDrawsItsChartsAndARunShowsItsProgressUntilDone() throws Exception {
        long demo = ApiClient.demoWorkspaceId();
        long store = TestTenants.store(demo, null, "LEAK-BROWSER", "leak-browser.myshopify.com");
        try (Connection connection = SignalOpsSystem.database().connect(); Statement insert = connection.createStatement()) {
            insert.executeUpdate("INSERT INTO leak_finding (workspace_id, store_id, rule_code, subject, amount, currency, evidence, "
                    + "first_seen_at, last_seen_at, status, run_token) VALUES (" + demo + ", " + store + ", 'STOCKOUT', 'variant:1', 12.50, "
                    + "'EUR', '{}', NOW(3), NOW(3), 'OPEN', UNHEX(MD5('b1'))), (" + demo + ", " + store + ", 'OVER_REFUND', 'order:2', "
                    + "3.25, 'EUR', '{}', NOW(3), NOW(3), 'OPEN', UNHEX(MD5('b2')))");
            insert.executeUpdate("INSERT INTO leak_daily_total (workspace_id, store_id, day, rule_code, currency, open_count, open_amount) "
                    + "VALUES (" + demo + ", " + store + ", UTC_DATE() - INTERVAL 2 DAY, 'STOCKOUT', 'EUR', 1, 12.50)");
        }
        String password = "violet-harbour-lantern-3";
        TestAccounts.create("leaks.browser@demo.signalops.test", "Lee Leaks", password, "manager");
        signIn("leaks.browser@demo.signalops.test", password);

        driver.get(Https.uri("/leak-dashboard.xhtml?storeId=" + store + "&days=7").toString());
        wait.until(d -> Boolean.TRUE.equals(d instanceof org.openqa.selenium.JavascriptExecutor js
                ? js.executeScript("return document.querySelectorAll('canvas').length === 2 && "
                        + "Array.from(document.querySelectorAll('canvas')).every(c => !!Chart.getChart(c));") : false));
        assertEquals("0,0,0,0,0,12.5,0,3.25", driver.executeScript(
                "return Chart.getChart(document.querySelectorAll('canvas')[0]).data.datasets[0].data.join(',');"),
                "the bars: the open EUR amount of each rule, in the rules' order");
        assertEquals("15.75", driver.findElement(By.id("total-amount")).getText());
        assertEquals(7L, ((Number) driver.executeScript("return Chart.getChart(document.querySelectorAll('canvas')[1]).data.labels.length;"))
                .longValue(), "a point per day shown");

        driver.get(Https.uri("/leaks.xhtml?storeId=" + store).toString());
        driver.findElement(By.id("analyse:run")).click();
        wait.until(ExpectedConditions.urlContains("execution="));
        wait.until(ExpectedConditions.textToBe(By.id("progress-form:run-status"), "COMPLETED"));
        assertEquals("8 / 8", driver.findElement(By.id("progress-form:run-rules")).getText());
        assertTrue(driver.findElement(By.id("progress-form:run-results")).isDisplayed());
    }
}
