package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ConsoleClient;
import com.signalops.it.support.FacesForm;
import com.signalops.it.support.ShopifyWebhooks;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import com.signalops.it.support.TestTenants;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deletion requests not covered elsewhere, each end to end against the running server to its receipt (all made
 * first, so that one run of the minute's data-deletion job carries them out together): Shopify's
 * shop/redact webhook; a merchant's deletion of their own workspace from the privacy page (cancelled once within the
 * grace period, then, the grace period moved past, carried out); and a user's erasure of their own account from the
 * console (signed out, the account anonymised, their audit records kept under a pseudonym).
 */
@ExtendWith(SignalOpsSystem.class)
class PrivacyLifecycleIT {

    private static final String PASSWORD = "Privacy-lifecycle-password-1";
    /** The data-deletion job runs every minute in the tests. */
    private static final Duration JOB = Duration.ofSeconds(150);

    private static long shopWorkspace;
    private static long shopStore;
    private static String shopWebhook;
    private static long doomedWorkspace;
    private static long leaver;
    private static long leaverRecords;

    /**
     * The three requests are made first, so that one run of the data-deletion job (every minute in the tests) can carry
     * them all out while the tests wait.
     */
    @BeforeAll
    static void requests() throws Exception {
        shopWorkspace = TestTenants.workspace("Shop redact IT");
        String shop = "shop-redact-it.myshopify.com";
        shopStore = TestTenants.store(shopWorkspace, null, "SHOP-REDACT", shop);
        shopWebhook = UUID.randomUUID().toString();
        byte[] body = ("{\"shop_id\":954889,\"shop_domain\":\"" + shop + "\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(200, ShopifyWebhooks.deliver(shop, shopWebhook, "shop/redact", body).statusCode());

        doomedWorkspace = TestTenants.workspace("Doomed lifecycle workspace");
        long owner = TestAccounts.create("privacy.owner@example.com", "Privacy Owner", PASSWORD);
        TestTenants.membership(doomedWorkspace, owner, "admin", "WORKSPACE", null);
        TestTenants.store(doomedWorkspace, null, "DOOMED-1", "doomed-lifecycle.myshopify.com");
        ConsoleClient console = ConsoleClient.signedIn("privacy.owner@example.com", PASSWORD);
        HttpResponse<String> wrongName = FacesForm.of(console, "/privacy.xhtml", "delete").set("delete:name", "Some other name")
                .press("delete:schedule");
        assertTrue(wrongName.statusCode() < 500);
        assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM deletion_request WHERE workspace_id = " + doomedWorkspace),
                "the name must match");
        FacesForm.of(console, "/privacy.xhtml", "delete").set("delete:name", "Doomed lifecycle workspace").press("delete:schedule");
        assertEquals(List.of("PENDING|1"), rows("SELECT CONCAT_WS('|', status, act_after BETWEEN UTC_TIMESTAMP(3) + INTERVAL 6 DAY "
                + "AND UTC_TIMESTAMP(3) + INTERVAL 8 DAY) FROM deletion_request WHERE kind = 'WORKSPACE' AND workspace_id = "
                + doomedWorkspace), "seven days of grace");
        FacesForm requests = FacesForm.of(console, "/privacy.xhtml", "requests");
        requests.press(requests.buttonInRow("This whole workspace", "cancel"));
        assertEquals(List.of("CANCELLED"), rows("SELECT status FROM deletion_request WHERE kind = 'WORKSPACE' AND workspace_id = "
                + doomedWorkspace));
        FacesForm.of(console, "/privacy.xhtml", "delete").set("delete:name", "Doomed lifecycle workspace").press("delete:schedule");
        // seven days later: the grace period is over
        execute("UPDATE deletion_request SET received_at = received_at - INTERVAL 7 DAY, act_after = act_after - INTERVAL 7 DAY, "
                + "due_at = due_at - INTERVAL 7 DAY WHERE kind = 'WORKSPACE' AND status = 'PENDING' AND workspace_id = " + doomedWorkspace);

        leaver = TestAccounts.create("privacy.leaver@example.com", "Privacy Leaver", PASSWORD, "rep");
        ConsoleClient leaverConsole = ConsoleClient.signedIn("privacy.leaver@example.com", PASSWORD);
        leaverRecords = Long.parseLong(rows("SELECT COUNT(*) FROM audit_record WHERE actor_type = 'USER' AND actor_id = '" + leaver + "'")
                .get(0));
        assertTrue(leaverRecords > 0, "signing in left audit records of the user");
        FacesForm.of(leaverConsole, "/account/erasure.xhtml", "erasure").set("erasure:email", "privacy.leaver@example.com")
                .press("erasure:erase");
    }

    @Test
    void aShopRedactionDeletesTheStoreAndLeavesAReceipt() throws Exception {
        awaitRows("SELECT id FROM deletion_receipt WHERE requested_by = '" + shopWebhook + "'");
        assertEquals(List.of("SHOP|SHOP_REDACT|" + shopStore + "|1|1"), rows("SELECT CONCAT_WS('|', kind, origin, store_id, "
                + "JSON_VALUE(rows_removed, '$.store'), completed_at <= due_at) FROM deletion_receipt WHERE requested_by = '" + shopWebhook
                + "'"));
        assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM store WHERE id = " + shopStore));
        assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM audit_record WHERE action = 'deletion-request.complete' AND workspace_id = "
                + shopWorkspace));
    }

    @Test
    void aWorkspaceDeletionWaitsItsGracePeriodCanBeCancelledAndIsThenCarriedOut() throws Exception {
        awaitRows("SELECT id FROM deletion_receipt WHERE kind = 'WORKSPACE' AND workspace_id = " + doomedWorkspace);
        assertEquals(List.of("DELETED|0|0"), rows("SELECT CONCAT_WS('|', status, (SELECT COUNT(*) FROM store WHERE workspace_id = w.id), "
                + "(SELECT COUNT(*) FROM membership WHERE workspace_id = w.id)) FROM workspace w WHERE id = " + doomedWorkspace));
        assertEquals(List.of("1"), rows("SELECT JSON_VALUE(rows_removed, '$.store') FROM deletion_receipt WHERE kind = 'WORKSPACE' "
                + "AND workspace_id = " + doomedWorkspace));
    }

    @Test
    void aUsersErasureOfTheirAccountAnonymisesItAndKeepsTheirAuditRecordsUnderAPseudonym() throws Exception {
        awaitRows("SELECT r.id FROM deletion_receipt r JOIN deletion_request d ON d.id = r.request_id WHERE d.kind = 'USER' AND d.user_id = "
                + leaver);
        assertEquals(List.of("ERASED|0"), rows("SELECT CONCAT_WS('|', status, email LIKE 'privacy.leaver%') FROM app_user WHERE id = "
                + leaver));
        assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM membership WHERE user_id = " + leaver));
        assertTrue(Long.parseLong(rows("SELECT COUNT(*) FROM audit_record WHERE actor_type = 'USER' AND actor_id = '" + leaver + "'")
                .get(0)) >= leaverRecords, "every record of theirs stays");
        assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM audit_record WHERE actor_type = 'USER' AND actor_id = '" + leaver
                + "' AND NOT (actor_name <=> 'erased user " + leaver + "')"), "each under the pseudonym");
        assertThrows(AssertionError.class, () -> ConsoleClient.signedIn("privacy.leaver@example.com", PASSWORD),
                "the old credentials no longer sign in");
    }

    private static List<String> rows(String sql) throws Exception {
        return SignalOpsSystem.database().rows(sql);
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = SignalOpsSystem.database().connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static void awaitRows(String sql) throws Exception {
        long deadline = System.nanoTime() + JOB.toNanos();
        while (rows(sql).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing within " + JOB + " for " + sql);
            }
            Thread.sleep(500);
        }
    }
}
