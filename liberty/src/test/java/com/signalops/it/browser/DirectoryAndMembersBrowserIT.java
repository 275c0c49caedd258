package com.signalops.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import com.signalops.it.support.TestTenants;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The districts and stores page and member management in a real browser: an admin builds the
 * directory, a district manager sees only their district, an admin gives a member a role and
 * suspends them out of the workspace, and nobody suspends themselves.
 */
class DirectoryAndMembersBrowserIT extends ConsoleBrowserTest {

    @Test
    void anAdminCreatesDistrictsAndAStoreAndMovesIt() {
        signIn(SignalOpsSystem.demoAdminEmail(), SignalOpsSystem.demoAdminPassword());
        driver.findElement(By.id("nav-stores")).click();
        wait.until(ExpectedConditions.urlContains("/stores.xhtml"));

        createDistrict("Browser Harbour");
        assertEquals("District created.", message());
        createDistrict("Browser Hills");
        assertTrue(driver.findElement(By.id("districts")).getText().contains("Browser Harbour"));

        driver.findElement(By.id("new-store:code")).sendKeys("bh-01");
        driver.findElement(By.id("new-store:shop-domain")).sendKeys("Browser-Harbour-One.myshopify.com");
        driver.findElement(By.id("new-store:currency")).sendKeys("eur");
        driver.findElement(By.id("new-store:timezone")).sendKeys("Europe/Lisbon");
        new Select(driver.findElement(By.id("new-store:district"))).selectByVisibleText("Browser Harbour");
        post(By.id("new-store:create"));
        assertEquals("Store created.", message());
        assertEquals(List.of("BH-01", "browser-harbour-one.myshopify.com", "EUR", "Europe/Lisbon", "Browser Harbour"), storeRow("BH-01"));

        driver.findElement(By.id("new-store:code")).sendKeys("BH-02");
        driver.findElement(By.id("new-store:shop-domain")).sendKeys("browser-harbour-two.example.com");
        driver.findElement(By.id("new-store:currency")).sendKeys("EUR");
        driver.findElement(By.id("new-store:timezone")).sendKeys("UTC");
        post(By.id("new-store:create"));
        assertEquals("That is not a shop's myshopify.com domain.", message());
        assertFalse(driver.findElement(By.id("stores")).getText().contains("BH-02"), "the refused store is not there");

        new Select(driver.findElement(By.id("move-store:store"))).selectByVisibleText("BH-01");
        new Select(driver.findElement(By.id("move-store:district"))).selectByVisibleText("Browser Hills");
        post(By.id("move-store:move"));
        assertEquals("Store moved.", message());
        assertEquals("Browser Hills", storeRow("BH-01").get(4));
        assertTrue(Browser.problems(driver).isEmpty(), "console problems (CSP violations among them): " + Browser.problems(driver));
    }

    @Test
    void aDistrictManagerSeesOnlyTheirDistrictsStoresAndChangesNothing() throws Exception {
        long demo = ApiClient.demoWorkspaceId();
        long east = TestTenants.district(demo, "Browser East");
        long west = TestTenants.district(demo, "Browser West");
        TestTenants.store(demo, east, "BE-01", "browser-east-one.myshopify.com");
        TestTenants.store(demo, west, "BW-01", "browser-west-one.myshopify.com");
        String password = "harbour-district-lantern-6";
        long manager = TestAccounts.create("east.manager@demo.signalops.test", "Erin East", password);
        TestTenants.membership(demo, manager, "district_manager", "DISTRICT", east);

        signIn("east.manager@demo.signalops.test", password);
        driver.findElement(By.id("nav-stores")).click();
        wait.until(ExpectedConditions.urlContains("/stores.xhtml"));
        String stores = driver.findElement(By.id("stores")).getText();
        assertTrue(stores.contains("BE-01"), stores);
        assertFalse(stores.contains("BW-01"), "a store of another district: " + stores);
        String districts = driver.findElement(By.id("districts")).getText();
        assertTrue(districts.contains("Browser East") && !districts.contains("Browser West"), districts);
        assertTrue(driver.findElements(By.id("new-district")).isEmpty() && driver.findElements(By.id("new-store")).isEmpty()
                && driver.findElements(By.id("move-store")).isEmpty(), "no stores.manage, no forms");
    }

    @Test
    void anAdminGivesAMemberARoleThenSuspendsThemOutOfTheWorkspace() throws Exception {
        String password = "quartz-meadow-ferry-2";
        TestAccounts.create("morgan.member@demo.signalops.test", "Morgan Member", password, "rep");
        signIn(SignalOpsSystem.demoAdminEmail(), SignalOpsSystem.demoAdminPassword());
        driver.findElement(By.id("nav-users")).click();
        wait.until(ExpectedConditions.urlContains("/users.xhtml"));

        new Select(driver.findElement(By.id("grant:member"))).selectByVisibleText("Morgan Member (morgan.member@demo.signalops.test)");
        new Select(driver.findElement(By.id("grant:role"))).selectByVisibleText("Manager");
        new Select(driver.findElement(By.id("grant:scope"))).selectByVisibleText("Whole workspace");
        post(By.id("grant:submit"));
        assertEquals("The role is given.", membersMessage());
        String roles = memberRow("morgan.member@demo.signalops.test").getText();
        assertTrue(roles.contains("Rep · Whole workspace") && roles.contains("Manager · Whole workspace"), roles);

        post(memberRow("morgan.member@demo.signalops.test").findElement(By.cssSelector("[id$=':suspend']")));
        assertEquals("The member is suspended in this workspace.", membersMessage());
        assertTrue(memberRow("morgan.member@demo.signalops.test").getText().contains("Suspended"));

        driver.findElement(By.id("account:signout")).click();
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        signIn("morgan.member@demo.signalops.test", password);
        assertEquals("", driver.findElement(By.id("workspace")).getText(), "no workspace to enter");
        assertEquals("", driver.findElement(By.id("active-role")).getText(), "no role");
        assertTrue(driver.findElements(By.id("nav-stores")).isEmpty() && driver.findElements(By.id("nav-users")).isEmpty());
        driver.get(Https.uri("/stores.xhtml").toString());
        assertTrue(driver.findElements(By.id("stores")).isEmpty(), "the stores page stays shut");
    }

    @Test
    void anAdminCannotSuspendThemselves() {
        signIn(SignalOpsSystem.demoAdminEmail(), SignalOpsSystem.demoAdminPassword());
        driver.get(Https.uri("/users.xhtml").toString());
        post(memberRow(SignalOpsSystem.demoAdminEmail()).findElement(By.cssSelector("[id$=':suspend']")));
        assertEquals("You cannot suspend or reinstate yourself.",
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#members\\:messages .ui-messages-error-summary")))
                        .getText());
        assertTrue(memberRow(SignalOpsSystem.demoAdminEmail()).getText().contains("Active"));
    }

    /** Clicks a full-page post's button and waits for the answer to replace the page. */
    private void post(By button) {
        post(driver.findElement(button));
    }

    private void post(WebElement button) {
        WebElement page = driver.findElement(By.tagName("html"));
        button.click();
        awaitGone(page);
    }

    private void createDistrict(String name) {
        driver.findElement(By.id("new-district:name")).sendKeys(name);
        post(By.id("new-district:create"));
    }

    /** The page's one message after a full-page post. */
    private String message() {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .ui-messages-info-summary,"
                + " #messages .ui-messages-error-summary"))).getText();
    }

    private String membersMessage() {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#members\\:messages .ui-messages-info-summary,"
                + " #members\\:messages .ui-messages-error-summary"))).getText();
    }

    private List<String> storeRow(String code) {
        WebElement row = driver.findElement(By.xpath("//*[@id='stores']//tr[td[1][normalize-space()='" + code + "']]"));
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    private WebElement memberRow(String email) {
        return driver.findElement(By.xpath("//*[@id='members:list']//tr[td[2][normalize-space()='" + email + "']]"));
    }

}
