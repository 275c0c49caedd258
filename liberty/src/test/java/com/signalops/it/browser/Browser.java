package com.signalops.it.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/** Debian's headless Chromium driven through its chromedriver, with a fresh profile each time. */
final class Browser {

    private Browser() {
    }

    static ChromeDriver open() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("signalops.chromium", "/usr/bin/chromium"));
        try {
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=1280,900",
                    "--user-data-dir=" + Files.createTempDirectory("signalops-chromium").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the development certificate is self-signed
        options.setAcceptInsecureCerts(true);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("signalops.chromedriver", "/usr/bin/chromedriver")))
                .build();
        return new ChromeDriver(service, options);
    }

    /** What the page wrote to the console at warning level or above (CSP violations among them). */
    static List<String> problems(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }
}
