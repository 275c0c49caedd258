package com.signalops.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import com.signalops.it.support.TestTenants;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Sessions beyond the plain sign-in: an account of two workspaces chooses between them, platform
 * staff enter a workspace only through time-boxed access its admins see and can revoke, and an
 * idle session ends by itself.
 */
class SessionsBrowserIT extends ConsoleBrowserTest {

    private static final String PASSWORD = "Sessions-test-password-1";

    @Test
    void anAccountOfTwoWorkspacesEntersEitherAndSeesOnlyThatOnesRole() throws Exception {
        long second = TestTenants.workspace("Second workspace");
        long userId = TestAccounts.create("two.workspaces@example.com", "Two Workspaces", PASSWORD, "manager");
        TestTenants.membership(second, userId, "rep", "WORKSPACE", null);

        signIn("two.workspaces@example.com", PASSWORD);
        assertEquals(Long.toString(ApiClient.demoWorkspaceId()), driver.findElement(By.id("workspace")).getText());
        assertEquals("Manager", driver.findElement(By.id("active-role")).getText());

        new Select(driver.findElement(By.id("account:workspace_input"))).selectByVisibleText("Second workspace");
        driver.findElement(By.id("account:enter-workspace")).click();
        wait.until(ExpectedConditions.textToBe(By.id("workspace"), Long.toString(second)));
        assertEquals("Rep", driver.findElement(By.id("active-role")).getText());
        driver.get(Https.uri("/system.xhtml").toString());
        assertTrue(driver.getPageSource().contains("403") || driver.getTitle().contains("403")
                || driver.findElements(By.id("system:database")).isEmpty(), "a rep of the second workspace cannot open the System page");
        assertTrue(Browser.problems(driver).stream().noneMatch(p -> p.contains("Content Security Policy")));
    }

    @Test
    void platformStaffEnterThroughTimeBoxedAccessThatAdminsSeeAndRevoke() throws Exception {
        TestAccounts.create(SignalOpsSystem.STAFF_EMAIL, "Platform Staff", PASSWORD);
        signIn(SignalOpsSystem.STAFF_EMAIL, PASSWORD);
        assertTrue(driver.findElements(By.id("nav-system")).isEmpty(), "staff without access hold no workspace");

        driver.findElement(By.id("nav-staff")).click();
        wait.until(ExpectedConditions.urlContains("/staff.xhtml"));
        driver.findElement(By.id("staff:workspace")).sendKeys(Long.toString(ApiClient.demoWorkspaceId()));
        driver.findElement(By.id("staff:reason")).sendKeys("Ticket 4711: the merchant's leak report is empty");
        driver.findElement(By.id("staff:minutes")).clear();
        driver.findElement(By.id("staff:minutes")).sendKeys("30");
        driver.findElement(By.id("staff:begin")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("account:temporary")));
        assertTrue(driver.findElement(By.id("active-role")).getText().startsWith("Platform support"));
        assertTrue(driver.findElements(By.id("nav-users")).isEmpty(), "read-only support: no user management");
        driver.findElement(By.id("nav-system")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("system:database")));

        ChromeDriver admin = Browser.open();
        try {
            WebDriverWait adminWait = new WebDriverWait(admin, Duration.ofSeconds(20));
            signIn(admin, adminWait, SignalOpsSystem.demoAdminEmail(), SignalOpsSystem.demoAdminPassword());
            admin.findElement(By.id("nav-oversight")).click();
            adminWait.until(ExpectedConditions.presenceOfElementLocated(By.id("oversight:accesses")));
            String log = admin.findElement(By.id("oversight:accesses")).getText();
            assertTrue(log.contains("Ticket 4711") && log.contains(SignalOpsSystem.STAFF_EMAIL), log);
            admin.findElement(By.cssSelector("[id$=':revoke']")).click();
            adminWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("oversight:messages"), "revoked"));
        } finally {
            admin.quit();
        }

        driver.get(Https.uri("/system.xhtml").toString());
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        assertTrue(driver.findElements(By.id("account:user-name")).isEmpty(), "a revoked access ends the staff session");
    }

    @Test
    void someoneNotOnTheStaffAllowlistCannotOpenTheStaffPage() throws Exception {
        TestAccounts.create("not.staff@example.com", "Not Staff", PASSWORD, "admin");
        signIn("not.staff@example.com", PASSWORD);
        assertTrue(driver.findElements(By.id("nav-staff")).isEmpty());
        driver.get(Https.uri("/staff.xhtml").toString());
        assertTrue(driver.findElements(By.id("staff:begin")).isEmpty(), "the staff form is not served");
    }

    @Test
    void aSuspensionEndsTheMembersOpenSessionAtTheirNextRequest() throws Exception {
        long userId = TestAccounts.create("soon.suspended@example.com", "Soon Suspended", PASSWORD, "manager");
        signIn("soon.suspended@example.com", PASSWORD);
        driver.get(Https.uri("/system.xhtml").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("system:database")));

        try (java.sql.Connection connection = SignalOpsSystem.database().connect();
                java.sql.PreparedStatement suspend = connection.prepareStatement(
                        "UPDATE membership SET suspended_at = NOW(3) WHERE user_id = ?")) {
            suspend.setLong(1, userId);
            assertEquals(1, suspend.executeUpdate());
        }

        driver.get(Https.uri("/system.xhtml").toString());
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        assertTrue(driver.findElements(By.id("account:user-name")).isEmpty(), "the suspended member's session is over");
    }

    @Test
    void anIdleSessionEndsAfterTheIdleTimeout() throws Exception {
        TestAccounts.create("idle.user@example.com", "Idle User", PASSWORD, "manager");
        signIn("idle.user@example.com", PASSWORD);
        driver.get(Https.uri("/system.xhtml").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("system:database")));

        // the test server ends sessions idle for 60 s (SIGNALOPS_SESSION_IDLE_TIMEOUT); production's is 30 min
        Thread.sleep(Duration.ofSeconds(70).toMillis());

        driver.get(Https.uri("/system.xhtml").toString());
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        assertFalse(driver.getPageSource().contains("system:database"));
        assertTrue(driver.findElements(By.id("account:user-name")).isEmpty());
    }

}
