package com.signalops.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The roles page and the API keys page in a real browser: custom roles made, edited and
 * deleted; a key created, shown once, rotated with a grace period and revoked, checked against
 * the API; and what a role without the page's permissions, or without its manage permission,
 * gets: 403, no form, and no change from a form posted after the role was switched away.
 */
class RolesAndKeysBrowserIT extends ConsoleBrowserTest {

    private static final String KEY_FORMAT = "sok_[a-z0-9]{12}_[A-Za-z0-9_-]{43}";

    @Test
    void anAdminCreatesEditsAndDeletesACustomRoleAndCannotTouchTheBuiltInOnes() {
        signIn(SignalOpsSystem.demoAdminEmail(), SignalOpsSystem.demoAdminPassword());
        driver.findElement(By.id("nav-roles")).click();
        wait.until(ExpectedConditions.urlContains("/roles.xhtml"));

        WebElement admin = roleRow("admin");
        assertTrue(admin.getText().contains("Built-in"), admin.getText());
        assertTrue(admin.getText().contains("workspace: workspace.delete"), "the admin holds every permission: " + admin.getText());
        assertTrue(admin.findElements(By.tagName("button")).isEmpty(), "a built-in role has no edit or delete button");
        assertTrue(roleRow("rep").getText().contains("stores: stores.view"), roleRow("rep").getText());

        fillRole("admin", "Another admin");
        tick("role-form", "stores.view", true);
        assertEquals("That is the code of a built-in role. Choose another.", submit(By.id("role-form:save"), "error"));

        fillRole("store-watcher", "Store watcher");
        tick("role-form", "stores.view", true);
        tick("role-form", "leaks.view", true);
        assertEquals("The role is created.", submit(By.id("role-form:save"), "info"));
        driver.navigate().refresh();
        String created = roleRow("store-watcher").getText();
        assertTrue(created.contains("Store watcher") && created.contains("Custom"), created);
        assertTrue(created.contains("stores: stores.view") && created.contains("leaks: leaks.view"), created);
        assertFalse(created.contains("leaks.triage") || created.contains("stores.manage"), "only the two ticked: " + created);

        WebElement emptyForm = driver.findElement(By.id("role-form:code"));
        click(roleRow("store-watcher").findElement(By.xpath(".//button[.//span[text()='Edit']]")));
        awaitGone(emptyForm);
        WebElement code = driver.findElement(By.id("role-form:code"));
        assertEquals("store-watcher", code.getAttribute("value"));
        assertFalse(code.isEnabled(), "a role's code is not edited");
        assertTrue(checkbox("role-form", "leaks.view").isSelected(), "the form shows the role's permissions");
        driver.findElement(By.id("role-form:name")).clear();
        driver.findElement(By.id("role-form:name")).sendKeys("Leak triager");
        tick("role-form", "leaks.view", false);
        tick("role-form", "leaks.triage", true);
        assertEquals("The role is saved.", submit(By.id("role-form:save"), "info"));
        String edited = roleRow("store-watcher").getText();
        assertTrue(edited.contains("Leak triager") && edited.contains("leaks: leaks.triage"), edited);
        assertFalse(edited.contains("leaks.view"), edited);

        WebElement messages = driver.findElement(By.id("messages"));
        click(roleRow("store-watcher").findElement(By.xpath(".//button[.//span[text()='Delete']]")));
        click(wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-form:confirm-yes"))));
        awaitGone(messages);
        assertEquals("The role is deleted.", message("info"));
        assertTrue(roleRows("store-watcher").isEmpty(), "the deleted role is gone");

        List<String> problems = Browser.problems(driver);
        assertTrue(problems.isEmpty(), "console problems (CSP violations among them): " + problems);
    }

    @Test
    void aRoleThatMayOnlyViewSeesNoFormsAndAFormPostedAfterSwitchingToItChangesNothing() throws Exception {
        role("keys-and-roles-viewer", "Keys and roles viewer", "roles.view", "api-keys.view");
        String password = "juniper-beacon-harvest-6";
        TestAccounts.create("admin.and.viewer@demo.signalops.test", "Avery Viewer", password, "admin", "keys-and-roles-viewer");
        signIn("admin.and.viewer@demo.signalops.test", password);
        assertEquals("Admin", driver.findElement(By.id("active-role")).getText());

        // as admin: both forms open and filled in, in two tabs
        String rolesTab = driver.getWindowHandle();
        driver.get(Https.uri("/roles.xhtml").toString());
        fillRole("stale-form-role", "Stale form role");
        tick("role-form", "stores.view", true);
        driver.switchTo().newWindow(WindowType.TAB);
        String keysTab = driver.getWindowHandle();
        driver.get(Https.uri("/api-keys.xhtml").toString());
        driver.findElement(By.id("create:name")).sendKeys("Stale form key");
        tick("create", "stores.view", true);

        // a third tab switches to the viewer role, which sees the lists but no form and no button
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(Https.uri("/").toString());
        new Select(driver.findElement(By.id("account:role_input"))).selectByVisibleText("Keys and roles viewer");
        driver.findElement(By.id("account:switch")).click();
        wait.until(ExpectedConditions.textToBe(By.id("active-role"), "Keys and roles viewer"));
        driver.findElement(By.id("nav-roles")).click();
        wait.until(ExpectedConditions.urlContains("/roles.xhtml"));
        assertFalse(roleRows("admin").isEmpty(), "the viewer sees the roles");
        assertTrue(driver.findElements(By.id("role-form")).isEmpty(), "no role form without roles.manage");
        assertTrue(driver.findElements(By.cssSelector("#roles button")).isEmpty(), "no edit or delete without roles.manage");
        driver.findElement(By.id("nav-api-keys")).click();
        wait.until(ExpectedConditions.urlContains("/api-keys.xhtml"));
        assertTrue(driver.findElements(By.id("create")).isEmpty(), "no key form without api-keys.manage");
        assertTrue(driver.findElements(By.cssSelector("#keys button")).isEmpty(), "no rotate or revoke without api-keys.manage");

        // the forms rendered for the admin role are posted now that the viewer role is active
        driver.switchTo().window(rolesTab);
        submitAndWait(By.id("role-form:save"));
        driver.switchTo().window(keysTab);
        submitAndWait(By.id("create:create-key"));
        assertTrue(driver.findElements(By.id("new-key-text")).isEmpty(), "no key is shown");
        assertEquals(0, count("SELECT COUNT(*) FROM role WHERE code = 'stale-form-role'"), "no role was created");
        assertEquals(0, count("SELECT COUNT(*) FROM api_key WHERE name = 'Stale form key'"), "no key was created");
    }

    @Test
    void aRepAndAManagerOpenNeitherPage() throws Exception {
        String password = "marigold-ferry-canvas-2";
        TestAccounts.create("rep.then.manager@demo.signalops.test", "Robin Rep", password, "rep", "manager");
        signIn("rep.then.manager@demo.signalops.test", password);
        assertEquals("Rep", driver.findElement(By.id("active-role")).getText());
        assertRefusedBothPages();

        new Select(driver.findElement(By.id("account:role_input"))).selectByVisibleText("Manager");
        driver.findElement(By.id("account:switch")).click();
        wait.until(ExpectedConditions.textToBe(By.id("active-role"), "Manager"));
        assertRefusedBothPages();
    }

    @Test
    void anAdminCreatesAKeyThatIsShownOnceWorksUntilRotatedPastItsGraceAndStopsWhenRevoked() {
        signIn(SignalOpsSystem.demoAdminEmail(), SignalOpsSystem.demoAdminPassword());
        driver.findElement(By.id("nav-api-keys")).click();
        wait.until(ExpectedConditions.urlContains("/api-keys.xhtml"));
        assertEquals("90", driver.findElement(By.id("create:lifetime")).getAttribute("value"), "the default lifetime");
        assertEquals("24", driver.findElement(By.id("keys:grace")).getAttribute("value"), "the default grace");

        driver.findElement(By.id("create:name")).sendKeys("Nightly store report");
        tick("create", "stores.view", true);
        assertEquals("The key is created.", submit(By.id("create:create-key"), "info"));
        String first = driver.findElement(By.id("new-key-text")).getText();
        assertTrue(first.matches(KEY_FORMAT), first);
        assertTrue(driver.findElement(By.cssSelector(".so-secret")).getText().contains("shown only this once"));
        String prefix = first.substring(4, 16);
        String row = keyRow("Nightly store report").getText();
        assertTrue(row.contains("sok_" + prefix + "_…") && !row.contains(first), "the list shows the prefix only: " + row);
        assertTrue(row.contains("stores: stores.view") && row.contains("workspace") && row.contains("never") && row.contains("Active"), row);

        HttpResponse<String> exchange = ApiClient.exchange(first);
        assertEquals(200, exchange.statusCode(), exchange.body());
        String token = ApiClient.json(exchange).getString("access_token");
        HttpResponse<String> me = ApiClient.get("/api/v1/me", token);
        assertEquals(200, me.statusCode(), me.body());
        JsonObject caller = ApiClient.json(me);
        assertEquals("[\"stores.view\"]", caller.getJsonArray("permissions").toString());
        assertEquals("WORKSPACE", caller.getString("scope"));

        driver.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("keys")));
        assertTrue(driver.findElements(By.id("new-key-text")).isEmpty(), "the key is not shown again");
        assertFalse(driver.getPageSource().contains(first), "the key's text is nowhere on the page");
        assertFalse(keyRow("Nightly store report").getText().contains("never"), "the exchange is its last use");

        assertEquals("The key has a new secret. The old one works until the grace period ends.",
                submit(keyRow("Nightly store report").findElement(By.xpath(".//button[.//span[text()='Rotate']]")), "info"));
        String second = driver.findElement(By.id("new-key-text")).getText();
        assertTrue(second.matches(KEY_FORMAT), second);
        assertNotEquals(first, second);
        assertTrue(second.startsWith("sok_" + prefix + "_"), "a rotated key keeps its prefix");
        assertEquals(200, ApiClient.exchange(second).statusCode(), "the new secret works");
        assertEquals(200, ApiClient.exchange(first).statusCode(), "the old secret works during the grace period");

        WebElement messages = driver.findElement(By.id("messages"));
        click(keyRow("Nightly store report").findElement(By.xpath(".//button[.//span[text()='Revoke']]")));
        click(wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-form:confirm-yes"))));
        awaitGone(messages);
        assertEquals("The key is revoked.", message("info"));
        WebElement revoked = keyRow("Nightly store report");
        assertTrue(revoked.getText().contains("Revoked"), revoked.getText());
        assertTrue(revoked.findElements(By.tagName("button")).isEmpty(), "a revoked key is neither rotated nor revoked again");
        assertEquals(401, ApiClient.exchange(second).statusCode(), "the new secret is revoked");
        assertEquals(401, ApiClient.exchange(first).statusCode(), "the old secret is revoked");
        assertEquals(401, ApiClient.get("/api/v1/me", token).statusCode(), "a token of the revoked key stops working");

        List<String> problems = Browser.problems(driver);
        assertTrue(problems.isEmpty(), "console problems (CSP violations among them): " + problems);
    }

    private void assertRefusedBothPages() {
        assertTrue(driver.findElements(By.id("nav-roles")).isEmpty(), "no Roles link");
        assertTrue(driver.findElements(By.id("nav-api-keys")).isEmpty(), "no API keys link");
        for (String page : List.of("/roles.xhtml", "/api-keys.xhtml")) {
            assertEquals(403, statusWithBrowserSession(page), page);
            driver.get(Https.uri(page).toString());
            assertTrue(driver.findElement(By.tagName("h1")).getText().contains("Not available"), page);
        }
        driver.get(Https.uri("/").toString());
    }

    /** The status the server answers {@code path} with the browser's session cookies. */
    private int statusWithBrowserSession(String path) {
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        return Https.send(HttpRequest.newBuilder(Https.uri(path)).header("Cookie", cookies).GET().build()).statusCode();
    }

    private void fillRole(String code, String name) {
        driver.findElement(By.id("role-form:code")).clear();
        driver.findElement(By.id("role-form:code")).sendKeys(code);
        driver.findElement(By.id("role-form:name")).clear();
        driver.findElement(By.id("role-form:name")).sendKeys(name);
    }

    private WebElement checkbox(String form, String permission) {
        return driver.findElement(By.cssSelector("#" + form + " input[data-permission='" + permission + "']"));
    }

    private void tick(String form, String permission, boolean ticked) {
        WebElement box = checkbox(form, permission);
        if (box.isSelected() != ticked) {
            click(box);
        }
    }

    private void click(WebElement element) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    /** Clicks {@code button}, waits for the answer and returns the message of {@code severity} it shows. */
    private String submit(By button, String severity) {
        return submit(driver.findElement(button), severity);
    }

    private String submit(WebElement button, String severity) {
        WebElement messages = driver.findElement(By.id("messages"));
        click(button);
        awaitGone(messages);
        return message(severity);
    }

    private void submitAndWait(By button) {
        WebElement messages = driver.findElement(By.id("messages"));
        click(driver.findElement(button));
        awaitGone(messages);
    }

    private String message(String severity) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .ui-messages-" + severity + "-summary")))
                .getText();
    }

    private WebElement roleRow(String code) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(roleRowXpath(code))));
    }

    private List<WebElement> roleRows(String code) {
        return driver.findElements(By.xpath(roleRowXpath(code)));
    }

    private static String roleRowXpath(String code) {
        return "//form[@id='roles']//tr[.//span[contains(@class,'so-role-code') and text()='" + code + "']]";
    }

    private WebElement keyRow(String name) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//form[@id='keys']//tr[.//span[contains(@class,'so-key-name') and text()='" + name + "']]")));
    }

    /** A custom role of the demo workspace, written straight into the database. */
    private static void role(String code, String name, String... permissions) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect()) {
            long roleId;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO role (workspace_id, code, name, built_in) "
                    + "SELECT id, ?, ?, FALSE FROM workspace WHERE name = 'Demo workspace'", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, code);
                insert.setString(2, name);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    roleId = keys.getLong(1);
                }
            }
            for (String permission : permissions) {
                try (PreparedStatement grant = connection.prepareStatement("INSERT INTO role_permission (role_id, permission) VALUES (?, ?)")) {
                    grant.setLong(1, roleId);
                    grant.setString(2, permission);
                    grant.executeUpdate();
                }
            }
        }
    }

    private static long count(String query) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect();
                ResultSet row = connection.createStatement().executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
