package com.signalops.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.Https;
import com.signalops.it.support.Migrations;
import com.signalops.it.support.SignalOpsSystem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console in a real browser over HTTPS: pages render, PrimeFaces runs under the CSP, Ajax works. */
@ExtendWith(SignalOpsSystem.class)
class ConsoleBrowserIT {

    private ChromeDriver driver;

    @BeforeEach
    void openBrowser() {
        driver = Browser.open();
    }

    @AfterEach
    void closeBrowser() {
        driver.quit();
    }

    @Test
    void homePageLinksToTheSystemPageOnTheDevProfile() {
        driver.get(Https.uri("/").toString());
        assertTrue(driver.getTitle().contains("SignalOps"), driver.getTitle());
        driver.findElement(By.linkText("System")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/system.xhtml"));
        assertTrue(driver.getTitle().startsWith("System"), driver.getTitle());
    }

    @Test
    void systemPageShowsTheServerStateAndRefreshesThroughAjaxWithoutCspViolations() {
        driver.get(Https.uri("/system.xhtml").toString());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        assertEquals("UP", driver.findElement(By.id("system:database")).getText());
        assertEquals(Migrations.latest(), driver.findElement(By.id("system:schema")).getText());
        assertTrue(!driver.findElement(By.id("system:version")).getText().isBlank());
        assertEquals(Boolean.TRUE, driver.executeScript("return !!(window.PrimeFaces && PrimeFaces.csp && PrimeFaces.csp.NONCE_VALUE);"),
                "PrimeFaces initialised with the response's CSP nonce");

        WebElement jobs = driver.findElement(By.id("system:jobs"));
        driver.findElement(By.id("system:refresh")).click();
        // the Ajax update replaces the table element
        wait.until(ExpectedConditions.stalenessOf(jobs));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("system:jobs")));
        assertEquals("UP", driver.findElement(By.id("system:database")).getText());

        List<String> problems = Browser.problems(driver);
        assertTrue(problems.stream().noneMatch(p -> p.contains("Content Security Policy") || p.contains("Refused to")),
                "CSP violations: " + problems);
        assertTrue(problems.isEmpty(), "console problems: " + problems);
    }
}
