package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ConsoleClient;
import com.signalops.it.support.FacesForm;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import com.signalops.it.support.TestTenants;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's retention page against the running server: a workspace admin sees the defaults and their floors,
 * saves a change (audited as retention.configure with every period before and after), is told which period is wrong
 * when one lies below its floor or is no number (nothing saved, nothing recorded), and a role without
 * retention.view is refused the page.
 */
@ExtendWith(SignalOpsSystem.class)
class RetentionSettingsIT {

    private static final String PASSWORD = "Retention-password-1";
    /** The form's rows, in RetentionCategory order. */
    private static final String ORDERS = "retention:period:0:days";
    private static final String AUDIT_RECORDS = "retention:period:5:days";

    private static long workspace;
    private static ConsoleClient admin;

    @BeforeAll
    static void workspaceWithAdmin() throws SQLException {
        workspace = TestTenants.workspace("Retention workspace");
        long user = TestAccounts.create("retention.admin@example.com", "Retention Admin", PASSWORD);
        TestTenants.membership(workspace, user, "admin", "WORKSPACE", null);
        admin = ConsoleClient.signedIn("retention.admin@example.com", PASSWORD);
    }

    @Test
    void anAdminSeesTheDefaultsAndSavesAChangeThatIsAudited() throws Exception {
        HttpResponse<String> page = admin.get("/retention.xhtml");
        assertEquals(200, page.statusCode());
        assertEquals("400", field(page, ORDERS), "orders keep 400 days by default");
        assertEquals("365", field(page, AUDIT_RECORDS), "audit records 365");

        HttpResponse<String> saved = FacesForm.of(admin, "/retention.xhtml", "retention").set(ORDERS, "120").press("retention:save");

        assertTrue(saved.statusCode() < 400, "saved: " + saved.statusCode());
        assertEquals(List.of("120"), db("SELECT orders_days FROM retention_setting WHERE workspace_id = " + workspace));
        String requestId = saved.headers().firstValue("X-Request-Id").orElseThrow();
        assertEquals(List.of("retention.configure SUCCESS workspace:" + workspace), db("SELECT CONCAT(action, ' ', outcome, ' ', "
                + "entity_type, ':', entity_id) FROM audit_record WHERE request_id = '" + requestId + "'"));
        String change = db("SELECT CONCAT(before_json, ' -> ', after_json) FROM audit_record WHERE request_id = '" + requestId + "'").get(0);
        assertTrue(change.matches("\\{.*\"orders\":400.*\\} -> \\{.*\"orders\":120.*\\}"), change);
        assertEquals("120", field(admin.get("/retention.xhtml"), ORDERS), "the page shows it");
    }

    @Test
    void aPeriodBelowItsFloorOrNotANumberIsRefusedWithAMessageAndNothingChanges() throws Exception {
        for (String[] wrong : new String[][] {{AUDIT_RECORDS, "100", "auditRecords must be kept at least 365"},
                {ORDERS, "30", "orders must be kept at least 90"}, {ORDERS, "soon", "orders must be a whole number of days"}}) {
            List<String> before = db("SELECT CONCAT_WS(',', orders_days, audit_records_days) FROM retention_setting WHERE workspace_id = "
                    + workspace);

            HttpResponse<String> refused = FacesForm.of(admin, "/retention.xhtml", "retention").set(wrong[0], wrong[1]).press("retention:save");

            assertEquals(200, refused.statusCode());
            assertTrue(refused.body().contains(wrong[2]), wrong[1] + ": the message names the period and its bound");
            assertEquals(before, db("SELECT CONCAT_WS(',', orders_days, audit_records_days) FROM retention_setting WHERE workspace_id = "
                    + workspace));
            String requestId = refused.headers().firstValue("X-Request-Id").orElseThrow();
            assertEquals(List.of(), db("SELECT action FROM audit_record WHERE request_id = '" + requestId + "'"), "nothing recorded");
        }
    }

    @Test
    void aRoleWithoutRetentionViewIsRefusedThePage() throws Exception {
        TestAccounts.create("retention.rep@example.com", "Retention Rep", PASSWORD, "rep");
        ConsoleClient rep = ConsoleClient.signedIn("retention.rep@example.com", PASSWORD);
        assertEquals(403, rep.get("/retention.xhtml").statusCode());
        assertTrue(!rep.get("/index.xhtml").body().contains("nav-retention"), "and no menu entry leads there");
    }

    private static String field(HttpResponse<String> page, String name) {
        Element input = Jsoup.parse(page.body()).selectFirst("input[name='" + name + "']");
        assertTrue(input != null, "the page has field " + name);
        return input.attr("value");
    }

    private static List<String> db(String sql) throws SQLException {
        return SignalOpsSystem.database().rows(sql);
    }
}
