package com.signalops.it.browser;

import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A browser test of the console: a fresh headless Chromium per test, and the sign-in every test starts with. */
@ExtendWith(SignalOpsSystem.class)
abstract class ConsoleBrowserTest {

    protected ChromeDriver driver;
    protected WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        driver = Browser.open();
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        driver.quit();
    }

    /**
     * Waits until {@code element} has left the page (the page or the part of it was replaced).
     * Chromium sometimes reports a replaced node as "not belonging to the document" instead of
     * stale; both mean gone.
     */
    protected void awaitGone(WebElement element) {
        wait.until(browser -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException gone) {
                if (String.valueOf(gone.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw gone;
            }
        });
    }

    /** Signs in through the login page and waits for the console's header. */
    protected void signIn(String email, String password) {
        signIn(driver, wait, email, password);
    }

    static void signIn(ChromeDriver browser, WebDriverWait browserWait, String email, String password) {
        browser.get(Https.uri("/login.xhtml").toString());
        browser.findElement(By.id("signin:email")).sendKeys(email);
        browser.findElement(By.id("signin:password")).sendKeys(password);
        browser.findElement(By.id("signin:submit")).click();
        browserWait.until(ExpectedConditions.presenceOfElementLocated(By.id("account:user-name")));
    }
}
