package com.signalops.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.Https;
import com.signalops.it.support.Migrations;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real browser over HTTPS: sign-in, what the active role may open, role
 * switch, sign-out, the one message for every failed sign-in and the lockout; PrimeFaces runs
 * under the CSP and Ajax works.
 */
class ConsoleBrowserIT extends ConsoleBrowserTest {

    @Test
    void adminSignsInSeesTheSystemPageRefreshesItAndSignsOut() {
        signIn(SignalOpsSystem.demoAdminEmail(), SignalOpsSystem.demoAdminPassword());
        assertEquals("Demo Admin", driver.findElement(By.id("account:user-name")).getText());
        assertEquals("Admin", driver.findElement(By.id("active-role")).getText());

        Cookie session = driver.manage().getCookieNamed("__Host-SIGNALOPS");
        assertTrue(session.isSecure() && session.isHttpOnly(), "session cookie flags");
        for (Cookie cookie : driver.manage().getCookies()) {
            assertTrue(cookie.isSecure(), "every cookie is Secure: " + cookie);
            assertTrue(cookie.isHttpOnly() || cookie.getName().startsWith("oam."), "HttpOnly: " + cookie);
        }

        // the console's sign-in does not open Liberty's batch management API (batch roles are granted to EVERYONE)
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        int batchApi = Https.send(java.net.http.HttpRequest.newBuilder(Https.uri("/ibm/api/batch/jobinstances"))
                .header("Cookie", cookies).GET().build()).statusCode();
        assertEquals(401, batchApi, "batch management API with the console user's cookies");

        driver.findElement(By.linkText("System")).click();
        wait.until(ExpectedConditions.urlContains("/system.xhtml"));
        assertEquals("UP", driver.findElement(By.id("system:database")).getText());
        assertEquals(Migrations.latest(), driver.findElement(By.id("system:schema")).getText());
        assertEquals(Boolean.TRUE, driver.executeScript("return !!(window.PrimeFaces && PrimeFaces.csp && PrimeFaces.csp.NONCE_VALUE);"),
                "PrimeFaces initialised with the response's CSP nonce");
        WebElement jobs = driver.findElement(By.id("system:jobs"));
        driver.findElement(By.id("system:refresh")).click();
        awaitGone(jobs);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("system:jobs")));

        List<String> problems = Browser.problems(driver);
        assertTrue(problems.isEmpty(), "console problems (CSP violations among them): " + problems);

        driver.findElement(By.id("account:signout")).click();
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        assertTrue(driver.findElement(By.id("signed-out")).isDisplayed());
        // the old session is gone on the server: the console asks for a sign-in again
        driver.get(Https.uri("/system.xhtml").toString());
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
    }

    @Test
    void aUserWithTwoRolesSwitchesAndTheActiveRoleDecidesWhatOpens() throws Exception {
        String password = "amber-lantern-meadow-7";
        TestAccounts.create("rep.manager@demo.signalops.test", "Riley Rep", password, "rep", "manager");
        signIn("rep.manager@demo.signalops.test", password);
        assertEquals("Rep", driver.findElement(By.id("active-role")).getText());
        assertTrue(driver.findElements(By.linkText("System")).isEmpty(), "a rep has no System link");
        driver.get(Https.uri("/system.xhtml").toString());
        assertFalse(driver.getPageSource().contains("system:database"), "a rep cannot open the System page");

        driver.get(Https.uri("/").toString());
        new Select(driver.findElement(By.id("account:role_input"))).selectByVisibleText("Manager");
        driver.findElement(By.id("account:switch")).click();
        wait.until(ExpectedConditions.textToBe(By.id("active-role"), "Manager"));
        driver.findElement(By.linkText("System")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("system:database")));
    }

    @Test
    void everyFailedSignInAnswersAlikeAndFiveFailuresLockTheAccount() throws Exception {
        String password = "copper-harbour-quiet-9";
        TestAccounts.create("locked.out@demo.signalops.test", "Lee Locked", password, "rep");
        String wrongPassword = attemptMessage("locked.out@demo.signalops.test", "not-the-password-0");
        String unknownAccount = attemptMessage("nobody.here@demo.signalops.test", "not-the-password-0");
        assertEquals("Sign-in failed: wrong email or password.", wrongPassword);
        assertEquals(wrongPassword, unknownAccount);
        for (int i = 1; i < 5; i++) {
            attemptMessage("locked.out@demo.signalops.test", "not-the-password-" + i);
        }
        // five failures: even the right password is refused now, with the same message
        assertEquals(wrongPassword, attemptMessage("locked.out@demo.signalops.test", password));
    }

    @Test
    void aUserChangesTheirPasswordOnlyToOneThePolicyAccepts() throws Exception {
        String first = "velvet-compass-river-3";
        String second = "granite-otter-lullaby-8";
        TestAccounts.create("changer@demo.signalops.test", "Casey Changer", first, "rep");
        signIn("changer@demo.signalops.test", first);
        driver.findElement(By.linkText("Change password")).click();
        wait.until(ExpectedConditions.urlContains("/account/password.xhtml"));
        assertEquals("The new password is too common. Choose another.", changePassword(first, "Password1234"));
        assertEquals("The current password is not right.", changePassword("not-my-password-1", second));
        assertEquals("Your password is changed.", changePassword(first, second));

        driver.findElement(By.id("account:signout")).click();
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        signIn("changer@demo.signalops.test", second);
        assertEquals("Casey Changer", driver.findElement(By.id("account:user-name")).getText());
    }

    @Test
    void anAdminInvitesAUserWhoJoinsWithTheRoleAndSeesOnlyWhatItAllows() throws Exception {
        signIn(SignalOpsSystem.demoAdminEmail(), SignalOpsSystem.demoAdminPassword());
        driver.findElement(By.linkText("Users")).click();
        wait.until(ExpectedConditions.urlContains("/users.xhtml"));
        driver.findElement(By.id("invite:email")).sendKeys("invited.rep@demo.signalops.test");
        new Select(driver.findElement(By.id("invite:role"))).selectByVisibleText("Rep");
        WebElement messages = driver.findElement(By.id("invite:messages"));
        driver.findElement(By.id("invite:send")).click();
        awaitGone(messages);
        assertEquals("Invitation sent. The link works once, for 72 hours.",
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#invite\\:messages .ui-messages-info-summary"))).getText());

        assertTrue(SignalOpsSystem.mail().waitForIncomingEmail(10_000, 1), "the invitation email arrives");
        jakarta.mail.internet.MimeMessage invitation = java.util.Arrays.stream(SignalOpsSystem.mail().getReceivedMessages())
                .filter(m -> sentTo(m, "invited.rep@demo.signalops.test"))
                .findFirst().orElseThrow();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("https://\\S+/invitation\\.xhtml\\?token=[A-Za-z0-9_-]+")
                .matcher(com.icegreen.greenmail.util.GreenMailUtil.getBody(invitation));
        assertTrue(link.find(), "the email carries the link");

        driver.findElement(By.id("account:signout")).click();
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        join(link.group(), "Ines Invited", "saffron-kettle-morning-5");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("joined")));

        signIn("invited.rep@demo.signalops.test", "saffron-kettle-morning-5");
        assertEquals("Rep", driver.findElement(By.id("active-role")).getText());
        assertTrue(driver.findElements(By.linkText("Users")).isEmpty(), "a rep cannot invite");
        assertTrue(driver.findElements(By.linkText("System")).isEmpty(), "a rep has no System page");

        // the link works once
        driver.findElement(By.id("account:signout")).click();
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        join(link.group(), "Somebody Else", "another-long-secret-42");
        assertTrue(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#accept\\:messages .ui-messages-error-summary")))
                .getText().startsWith("This invitation link is not valid"));
    }

    @Test
    void aDistrictManagerCannotHandOutARoleStrongerThanTheirOwn() throws Exception {
        String password = "lichen-harbour-signal-4";
        TestAccounts.create("district.manager@demo.signalops.test", "Dana District", password, "district_manager");
        signIn("district.manager@demo.signalops.test", password);
        driver.findElement(By.linkText("Users")).click();
        wait.until(ExpectedConditions.urlContains("/users.xhtml"));
        driver.findElement(By.id("invite:email")).sendKeys("would.be.admin@demo.signalops.test");
        new Select(driver.findElement(By.id("invite:role"))).selectByVisibleText("Admin");
        WebElement messages = driver.findElement(By.id("invite:messages"));
        driver.findElement(By.id("invite:send")).click();
        awaitGone(messages);
        assertEquals("You cannot give a role with permissions that your own role does not have.",
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#invite\\:messages .ui-messages-error-summary")))
                        .getText());
        assertTrue(java.util.Arrays.stream(SignalOpsSystem.mail().getReceivedMessages())
                .noneMatch(m -> sentTo(m, "would.be.admin@demo.signalops.test")), "no invitation email went out");
    }

    /** Opens an invitation link and joins with {@code name} and {@code password}. */
    private void join(String link, String name, String password) {
        driver.get(link);
        driver.findElement(By.id("accept:name")).sendKeys(name);
        driver.findElement(By.id("accept:password")).sendKeys(password);
        driver.findElement(By.id("accept:confirmation")).sendKeys(password);
        driver.findElement(By.id("accept:join")).click();
    }

    private static boolean sentTo(jakarta.mail.internet.MimeMessage message, String address) {
        try {
            return com.icegreen.greenmail.util.GreenMailUtil.getAddressList(message.getAllRecipients()).contains(address);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String changePassword(String current, String replacement) {
        driver.findElement(By.id("password:current")).clear();
        driver.findElement(By.id("password:current")).sendKeys(current);
        driver.findElement(By.id("password:replacement")).clear();
        driver.findElement(By.id("password:replacement")).sendKeys(replacement);
        driver.findElement(By.id("password:confirmation")).clear();
        driver.findElement(By.id("password:confirmation")).sendKeys(replacement);
        WebElement messages = driver.findElement(By.id("password:messages"));
        driver.findElement(By.id("password:change")).click();
        awaitGone(messages);
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#password\\:messages .ui-messages-error-summary,"
                + " #password\\:messages .ui-messages-info-summary"))).getText();
    }

    private String attemptMessage(String email, String password) {
        driver.get(Https.uri("/login.xhtml").toString());
        driver.findElement(By.id("signin:email")).sendKeys(email);
        driver.findElement(By.id("signin:password")).sendKeys(password);
        driver.findElement(By.id("signin:submit")).click();
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#signin\\:messages .ui-messages-error-summary")))
                .getText();
    }
}
