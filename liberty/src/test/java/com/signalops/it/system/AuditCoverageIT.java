package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.identity.domain.Permission;
import com.signalops.it.support.ApiClient;
import com.signalops.it.support.ConsoleClient;
import com.signalops.it.support.FacesForm;
import com.signalops.it.support.Https;
import com.signalops.it.support.ShopifyFlow;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestAccounts;
import com.signalops.it.support.TestTenants;
import com.signalops.it.support.WebSurface;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every state-changing operation of SignalOps writes exactly one audit record with the right
 * action and outcome. The operations are found, not listed: every REST method that is not a GET
 * (from the web module's classes), every Faces action a page or template calls (from the webapp
 * sources) and every batch job (from the job XML folder). Each one found must have a scenario
 * here, which performs it against the running server as a browser or API client would; the
 * response's {@code X-Request-Id} then names exactly the records that request wrote. A Faces
 * action that changes nothing is listed as such and must write no record, or, for the audit
 * viewers, only the record of the view. Refusals are checked too: a console page and an API call
 * refused for want of a permission each leave one {@code access.deny} record.
 */
@ExtendWith(SignalOpsSystem.class)
class AuditCoverageIT {

    private static final String PASSWORD = "Coverage-password-1";

    /**
     * What one request must have written: one record of this action and outcome, or none; or, for an operation that does
     * several audited things at once (a proposal that creates a segment and a campaign), each of their records in order.
     */
    private record Expected(String action, String outcome, List<String> more) {

        static final Expected NOTHING = new Expected(null, null, List.of());

        static Expected of(String action) {
            return new Expected(action, "SUCCESS", List.of());
        }

        static Expected each(String first, String... more) {
            return new Expected(first, "SUCCESS", List.of(more));
        }

        List<String> records() {
            List<String> records = new ArrayList<>();
            if (action != null) {
                records.add(action + "/" + outcome);
                more.forEach(next -> records.add(next + "/SUCCESS"));
            }
            return records;
        }

        @Override
        public String toString() {
            return action == null ? "no record" : String.join(", ", records());
        }
    }

    /** One operation performed: the request that did it, and what it must have written. */
    private record Performed(HttpResponse<String> response, Expected expected) {
    }

    private interface Scenario {
        Performed perform() throws Exception;
    }

    private static long workspace;
    private static ConsoleClient admin;

    @BeforeAll
    static void accounts() throws SQLException {
        workspace = ApiClient.demoWorkspaceId();
        TestAccounts.create("coverage.admin@example.com", "Coverage Admin", PASSWORD, "admin");
        admin = ConsoleClient.signedIn("coverage.admin@example.com", PASSWORD);
    }

    @Test
    void everyStateChangingOperationWritesExactlyOneRecord() throws Exception {
        Map<String, Scenario> faces = facesScenarios();
        Set<String> found = WebSurface.facesActions();
        Set<String> unknown = new TreeSet<>(found);
        unknown.removeAll(faces.keySet());
        assertTrue(unknown.isEmpty(), "Faces actions without a scenario in this test (add one): " + unknown);
        Set<String> gone = new TreeSet<>(faces.keySet());
        gone.removeAll(found);
        assertTrue(gone.isEmpty(), "scenarios of Faces actions no page calls any more: " + gone);

        Map<String, Scenario> rest = restScenarios();
        Set<String> restFound = new TreeSet<>();
        WebSurface.restMethods().stream().filter(WebSurface.RestMethod::changesState)
                .forEach(method -> restFound.add(method.verb() + " " + method.path()));
        assertEquals(restFound, rest.keySet(), "every state-changing REST method has exactly one scenario here");

        List<String> failures = new ArrayList<>();
        int checked = 0;
        int changing = 0;
        for (Map<String, Scenario> scenarios : List.of(faces, rest)) {
            for (Map.Entry<String, Scenario> scenario : scenarios.entrySet()) {
                Performed performed;
                try {
                    performed = scenario.getValue().perform();
                } catch (Exception | AssertionError e) {
                    failures.add(scenario.getKey() + ": could not be performed: " + e);
                    continue;
                }
                List<String> written = recordsOf(performed.response());
                List<String> wanted = performed.expected().records();
                if (!wanted.isEmpty() && !performed.expected().action().equals("audit.view")) {
                    changing++;
                }
                if (performed.response().statusCode() >= 500) {
                    failures.add(scenario.getKey() + ": the server failed (" + performed.response().statusCode() + ")");
                } else if (!written.equals(wanted)) {
                    failures.add(scenario.getKey() + ": expected " + performed.expected() + ", the request wrote " + written
                            + " (status " + performed.response().statusCode() + ")");
                }
                checked++;
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(faces.size() + rest.size(), checked);
        System.out.printf("audit coverage: %d Faces actions and %d state-changing REST methods found, %d operations that change state, "
                + "each wrote exactly its one record%n", faces.size(), rest.size(), changing);
    }

    @Test
    void everyBatchJobExecutionWritesExactlyOneRecord() throws Exception {
        List<String> jobs;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("signalops.batch-jobs.dir")))) {
            jobs = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".xml"))
                    .map(name -> name.substring(0, name.length() - ".xml".length())).sorted().toList();
        }
        assertTrue(jobs.size() >= 2, "the job folder lists the jobs: " + jobs);
        System.out.printf("audit coverage: %d batch jobs %s%n", jobs.size(), jobs);
        for (String job : jobs) {
            if (job.equals("store-import")) {
                // not scheduled: an upload starts it
                assertEquals(202, uploadImport().statusCode());
            }
            if (job.equals("customer-data-export")) {
                // started by the export processor for a customer data request's pending export
                customerExport(TestTenants.store(workspace, null, "COV-EXPORT-JOB", "cov-export-job.myshopify.com"), 31_337_000_002L,
                        "PENDING");
            }
            if (job.equals("workspace-export")) {
                // started by the export processor for an export an admin asked for
                assertEquals(200, FacesForm.of(admin, "/data-requests.xhtml", "workspace").press("workspace:export-workspace").statusCode());
            }
            if (job.equals("revenue-leak-analysis")) {
                // scheduled at night only: an on-demand analysis runs it
                assertEquals(202, startLeakAnalysis().statusCode());
            }
            if (job.equals("campaign-send")) {
                // started by the outreach dispatcher for a campaign once approved
                approvedCampaign();
            }
            if (job.equals("segment-export")) {
                // started by the export processor once the outreach dispatcher carried an approved export's approval out
                approvedExport();
            }
            long execution = awaitCompletedExecution(job, Duration.ofSeconds(120));
            List<String> written = new ArrayList<>(awaitRecords("batch-" + execution, Duration.ofSeconds(30)));
            if (job.equals("retention-sweep")) {
                // its report: one retention.sweep record per workspace (the demo workspace's among them), one of no workspace
                long reports = written.stream().filter("retention.sweep/SUCCESS"::equals).count();
                assertEquals(reports, idOf("SELECT COUNT(DISTINCT COALESCE(entity_id, '-')) FROM audit_record WHERE request_id = 'batch-"
                        + execution + "' AND action = 'retention.sweep'"), written.toString());
                assertEquals(2, idOf("SELECT COUNT(*) FROM audit_record WHERE request_id = 'batch-" + execution + "' AND action = "
                        + "'retention.sweep' AND (entity_id IS NULL OR entity_id = '" + workspace + "')"), written.toString());
                written.removeIf("retention.sweep/SUCCESS"::equals);
            }
            // a data-deletion run also records each deletion it completes, and a campaign's send the send, under their own actions
            written.removeIf(record -> job.equals("data-deletion") && record.equals("deletion-request.complete/SUCCESS"));
            if (job.equals("campaign-send")) {
                assertTrue(written.remove("campaign.send/SUCCESS"), "the send is recorded: " + written);
            }
            assertEquals(List.of("job.run/SUCCESS"), written, job + " execution " + execution);
            try (Connection connection = SignalOpsSystem.database().connect();
                    PreparedStatement query = connection.prepareStatement("SELECT actor_type, actor_id, source, entity_type, entity_id "
                            + "FROM audit_record WHERE request_id = ? AND action = 'job.run'")) {
                query.setString(1, "batch-" + execution);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    assertEquals(List.of("SYSTEM", job, "BATCH", "job_execution", Long.toString(execution)),
                            List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5)));
                }
            }
        }
    }

    @Test
    void refusedPagesAndApiCallsAreRecordedAsDenied() throws Exception {
        TestAccounts.create("coverage.rep@example.com", "Coverage Rep", PASSWORD, "rep");
        ConsoleClient rep = ConsoleClient.signedIn("coverage.rep@example.com", PASSWORD);
        HttpResponse<String> page = rep.get("/system.xhtml");
        assertEquals(403, page.statusCode());
        // the container's error response does not keep the request id header: the record is found by its actor
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement query = connection.prepareStatement("SELECT outcome, entity_type, entity_id, request_id IS NOT NULL "
                        + "FROM audit_record WHERE action = 'access.deny' AND actor_name = 'Coverage Rep'")) {
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "the refused page is recorded");
                assertEquals(List.of("DENIED", "resource", "/system.xhtml", "1"),
                        List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
                assertTrue(!row.next(), "one record of the refusal");
            }
        }

        String token = ApiClient.token(ApiClient.createKey(workspace, List.of(Permission.STORES_VIEW.key()), "WORKSPACE", null));
        HttpResponse<String> call = ApiClient.get("/api/v1/audit-events", token);
        assertEquals(403, call.statusCode());
        assertEquals(List.of("access.deny/DENIED"), recordsOf(call));
        assertEquals(List.of("API_KEY", "GET /api/v1/audit-events"), columns(call, "actor_type", "entity_id"));
    }

    /** One scenario per Faces action expression of the console, in the order they are performed. */
    private static Map<String, Scenario> facesScenarios() throws SQLException {
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        long member = TestAccounts.create("coverage.member@example.com", "Coverage Member", PASSWORD, "rep");
        String memberRow = "coverage.member@example.com";

        scenarios.put("signInBacking.signIn", () -> new Performed(FacesForm.of(ConsoleClient.anonymous(), "/login.xhtml", "signin")
                .set("signin:email", "coverage.admin@example.com").set("signin:password", PASSWORD).press("signin:submit"),
                Expected.of("session.sign-in")));
        scenarios.put("changePasswordBacking.change", () -> {
            TestAccounts.create("coverage.password@example.com", "Coverage Password", PASSWORD, "rep");
            ConsoleClient user = ConsoleClient.signedIn("coverage.password@example.com", PASSWORD);
            return new Performed(FacesForm.of(user, "/account/password.xhtml", "password").set("password:current", PASSWORD)
                    .set("password:replacement", "Coverage-new-password-2").set("password:confirmation", "Coverage-new-password-2")
                    .press("password:change"), Expected.of("user.change-password"));
        });
        scenarios.put("inviteBacking.invite", () -> new Performed(FacesForm.of(admin, "/users.xhtml", "invite")
                .set("invite:email", "coverage.invitee@example.com").set("invite:role", "rep").press("invite:send"),
                Expected.of("invitation.create")));
        scenarios.put("acceptInvitationBacking.accept", () -> {
            String token = invitation("coverage.joiner@example.com");
            return new Performed(FacesForm.of(ConsoleClient.anonymous(), "/invitation.xhtml?token=" + token, "accept")
                    .set("accept:name", "Coverage Joiner").set("accept:password", PASSWORD).set("accept:confirmation", PASSWORD)
                    .press("accept:join"), Expected.of("invitation.accept"));
        });
        scenarios.put("grantRoleBacking.grant", () -> new Performed(FacesForm.of(admin, "/users.xhtml", "grant")
                .set("grant:member", Long.toString(member)).set("grant:role", "manager").set("grant:scope", "WORKSPACE")
                .press("grant:submit"), Expected.of("membership.grant")));
        scenarios.put("membersBacking.revoke(held.membershipId())", () -> {
            FacesForm members = FacesForm.of(admin, "/users.xhtml", "members");
            return new Performed(members.press(members.buttonInRow(memberRow, "revoke")), Expected.of("membership.revoke"));
        });
        scenarios.put("membersBacking.suspend(member.userId())", () -> {
            FacesForm members = FacesForm.of(admin, "/users.xhtml", "members");
            return new Performed(members.press(members.buttonInRow(memberRow, "suspend")), Expected.of("member.suspend"));
        });
        scenarios.put("membersBacking.reinstate(member.userId())", () -> {
            FacesForm members = FacesForm.of(admin, "/users.xhtml", "members");
            return new Performed(members.press(members.buttonInRow(memberRow, "reinstate")), Expected.of("member.reinstate"));
        });

        scenarios.put("apiKeysBacking.create", () -> new Performed(FacesForm.of(admin, "/api-keys.xhtml", "create")
                .set("create:name", "Coverage key").tick("data-permission", "stores.view").press("create:create-key"),
                Expected.of("api-key.create")));
        scenarios.put("apiKeysBacking.rotate(param['key'])", () -> {
            FacesForm keys = FacesForm.of(admin, "/api-keys.xhtml", "keys");
            return new Performed(keys.press(keys.buttonInRow("Coverage key", "rotate"), Map.of("key", keyId("Coverage key"))),
                    Expected.of("api-key.rotate"));
        });
        scenarios.put("apiKeysBacking.revoke(param['key'])", () -> {
            FacesForm keys = FacesForm.of(admin, "/api-keys.xhtml", "keys");
            return new Performed(keys.press(keys.buttonInRow("Coverage key", "revoke"), Map.of("key", keyId("Coverage key"))),
                    Expected.of("api-key.revoke"));
        });

        scenarios.put("roleFormBacking.save", () -> new Performed(FacesForm.of(admin, "/roles.xhtml", "role-form")
                .set("role-form:code", "coverage-role").set("role-form:name", "Coverage role").tick("data-permission", "stores.view")
                .press("role-form:save"), Expected.of("role.create")));
        scenarios.put("roleFormBacking.edit(param['role'])", () -> {
            FacesForm roles = FacesForm.of(admin, "/roles.xhtml", "roles");
            return new Performed(roles.press(roles.buttonInRow("Coverage role", "edit"), Map.of("role", "coverage-role")),
                    Expected.NOTHING);
        });
        scenarios.put("roleFormBacking.cancel", () -> new Performed(FacesForm.of(admin, "/roles.xhtml", "role-form")
                .press("role-form:cancel"), Expected.NOTHING));
        scenarios.put("roleFormBacking.delete(param['role'])", () -> {
            FacesForm roles = FacesForm.of(admin, "/roles.xhtml", "roles");
            return new Performed(roles.press(roles.buttonInRow("Coverage role", "delete"), Map.of("role", "coverage-role")),
                    Expected.of("role.delete"));
        });

        scenarios.put("newDistrictBacking.create", () -> new Performed(FacesForm.of(admin, "/stores.xhtml", "new-district")
                .set("new-district:name", "Coverage district").press("new-district:create"), Expected.of("district.create")));
        scenarios.put("newStoreBacking.create", () -> new Performed(FacesForm.of(admin, "/stores.xhtml", "new-store")
                .set("new-store:code", "COV-01").set("new-store:shop-domain", "coverage-01.myshopify.com")
                .set("new-store:currency", "EUR").set("new-store:timezone", "Europe/Berlin").set("new-store:district", "")
                .press("new-store:create"), Expected.of("store.create")));
        scenarios.put("moveStoreBacking.move", () -> new Performed(FacesForm.of(admin, "/stores.xhtml", "move-store")
                .set("move-store:store", Long.toString(idOf("SELECT id FROM store WHERE store_code = 'COV-01'")))
                .set("move-store:district", Long.toString(idOf("SELECT id FROM district WHERE name = 'Coverage district'")))
                .press("move-store:move"), Expected.of("store.move")));
        scenarios.put("storeImportBacking.upload", () -> {
            long store = TestTenants.store(workspace, null, "COV-UPLOAD", "cov-upload.myshopify.com");
            HttpResponse<String> uploaded = FacesForm.of(admin, "/imports.xhtml?storeId=" + store, "upload").set("upload:resource", "products")
                    .attach("upload:file", "products.jsonl", "{\"id\":\"gid://shopify/Product/1\",\"title\":\"Upload\"}\n".getBytes())
                    .press("upload:start");
            return new Performed(uploaded, Expected.of("store-import.start"));
        });
        scenarios.put("leakFindingsBacking.changeStatus", () -> {
            long store = TestTenants.store(workspace, null, "COV-LEAKS", "cov-leaks.myshopify.com");
            long finding = leakFinding(store);
            return new Performed(FacesForm.of(admin, "/leaks.xhtml?storeId=" + store + "&id=" + finding, "triage")
                    .set("triage:status", "DISMISSED").set("triage:reason", "coverage").press("triage:change"),
                    Expected.of("leak-finding.triage"));
        });
        scenarios.put("leakFindingsBacking.changeStatuses", () -> {
            long store = TestTenants.store(workspace, null, "COV-LEAKS-BULK", "cov-leaks-bulk.myshopify.com");
            long finding = leakFinding(store);
            return new Performed(FacesForm.of(admin, "/leaks.xhtml?storeId=" + store, "bulk").tickValues("ids", List.of(Long.toString(finding)))
                    .set("bulk:bulk-status", "ACKNOWLEDGED").set("bulk:bulk-reason", "coverage").press("bulk:bulk-change"),
                    Expected.of("leak-finding.triage"));
        });
        scenarios.put("leakAnalysisBacking.start", () -> {
            long store = TestTenants.store(workspace, null, "COV-LEAKS-RUN", "cov-leaks-run.myshopify.com");
            return new Performed(FacesForm.of(admin, "/leaks.xhtml?storeId=" + store, "analyse").press("analyse:run"),
                    Expected.of("leak-analysis.start"));
        });
        scenarios.put("leakSettingsBacking.save", () -> {
            long store = TestTenants.store(workspace, null, "COV-LEAK-SETTINGS", "cov-leak-settings.myshopify.com");
            return new Performed(FacesForm.of(admin, "/leaks.xhtml?storeId=" + store, "settings").press("settings:save"),
                    Expected.of("leak-settings.update"));
        });
        scenarios.put("outreachSettingsBacking.save", () -> new Performed(FacesForm.of(admin, "/outreach-settings.xhtml", "settings")
                .set("settings:expiry", "10").press("settings:save"), Expected.of("outreach-settings.update")));
        scenarios.put("outreachSettingsBacking.saveRates", () -> {
            long store = TestTenants.store(workspace, null, "COV-RATES", "cov-rates.myshopify.com");
            FacesForm rates = FacesForm.of(admin, "/outreach-settings.xhtml", "rates");
            return new Performed(rates.set(rates.inputWith("data-store", "COV-RATES"), "120").press("rates:save-rates"),
                    Expected.of("outreach-settings.update"));
        });
        scenarios.put("segmentsBacking.save", () -> {
            outreachStore = TestTenants.store(workspace, null, "COV-OUTREACH", "cov-outreach.myshopify.com");
            return new Performed(FacesForm.of(admin, "/segments.xhtml?storeId=" + outreachStore, "segment").set("segment:name", "Coverage segment")
                    .set("segment:kind", "UNFULFILLED_PAID").set("segment:hours", "48").press("segment:save"), Expected.of("segment.create"));
        });
        scenarios.put("segmentsBacking.requestApproval(row.segment().id())", () -> {
            FacesForm segments = FacesForm.of(admin, "/segments.xhtml?storeId=" + outreachStore, "segments");
            return new Performed(segments.press(segments.buttonInRow("Coverage segment", "request")), Expected.of("approval.request"));
        });
        scenarios.put("approvalsBacking.approve", () -> {
            String request = Long.toString(idOf("SELECT MAX(id) FROM approval_request WHERE subject_kind = 'SEGMENT' AND store_id = "
                    + outreachStore));
            return new Performed(FacesForm.of(approver(), "/approvals.xhtml?id=" + request, "decide").press("decide:approve"),
                    Expected.of("approval.approve"));
        });
        scenarios.put("approvalsBacking.withdraw(r.id())", () -> {
            String segment = Long.toString(idOf("SELECT MAX(id) FROM segment WHERE store_id = " + outreachStore));
            FacesForm mine = FacesForm.of(admin, "/approvals.xhtml", "mine");
            return new Performed(mine.press(mine.buttonInRow("SEGMENT " + segment, "withdraw")), Expected.of("approval.withdraw"));
        });
        scenarios.put("campaignsBacking.save", () -> new Performed(FacesForm.of(admin, "/campaigns.xhtml?storeId=" + outreachStore, "campaign")
                .set("campaign:segment", Long.toString(idOf("SELECT MAX(id) FROM segment WHERE store_id = " + outreachStore)))
                .set("campaign:name", "Coverage campaign").set("campaign:subject", "Your order").set("campaign:body", "We are on it.")
                .press("campaign:save"), Expected.of("campaign.create")));
        scenarios.put("campaignsBacking.requestApproval(row.campaign().id())", () -> {
            FacesForm campaigns = FacesForm.of(admin, "/campaigns.xhtml?storeId=" + outreachStore, "campaigns");
            return new Performed(campaigns.press(campaigns.buttonInRow("Coverage campaign", "request")), Expected.of("approval.request"));
        });
        scenarios.put("approvalsBacking.reject", () -> {
            String request = Long.toString(idOf("SELECT MAX(id) FROM approval_request WHERE subject_kind = 'CAMPAIGN' AND store_id = "
                    + outreachStore));
            return new Performed(FacesForm.of(approver(), "/approvals.xhtml?id=" + request, "decide").set("decide:reason", "coverage")
                    .press("decide:reject"), Expected.of("approval.reject"));
        });
        scenarios.put("campaignsBacking.withdraw(row.campaign().id(), row.request().id())", () -> {
            FacesForm requesting = FacesForm.of(admin, "/campaigns.xhtml?storeId=" + outreachStore, "campaigns");
            assertTrue(requesting.press(requesting.buttonInRow("Coverage campaign", "request")).statusCode() < 400, "asked for again");
            FacesForm campaigns = FacesForm.of(admin, "/campaigns.xhtml?storeId=" + outreachStore, "campaigns");
            return new Performed(campaigns.press(campaigns.buttonInRow("Coverage campaign", "withdraw")), Expected.of("approval.withdraw"));
        });
        scenarios.put("campaignProposalBacking.propose", () -> {
            long finding = leakFinding(outreachStore);
            return new Performed(FacesForm.of(admin, "/leaks.xhtml?storeId=" + outreachStore + "&id=" + finding, "propose")
                    .press("propose:propose-campaign"), Expected.each("segment.create", "campaign.create"));
        });
        scenarios.put("campaignProposalBacking.suggest", () -> {
            long store = TestTenants.store(workspace, null, "COV-AI", "cov-ai.myshopify.com");
            long finding = leakFinding(store);
            SignalOpsSystem.database().update("INSERT INTO outreach_setting (workspace_id, ai_enabled) VALUES (" + workspace + ", TRUE) "
                    + "ON DUPLICATE KEY UPDATE ai_enabled = TRUE");
            SignalOpsSystem.model().answering(received -> com.signalops.ai.domain.FakeModelServer.Answer.completion(
                    "{\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":" + finding + "},\"subject\":\"A note from SHOP_1\","
                            + "\"body\":\"Thank you for your order.\"}"));
            return new Performed(FacesForm.of(admin, "/leaks.xhtml?storeId=" + store + "&id=" + finding, "propose")
                    .press("propose:suggest-ai"), Expected.each("segment.create", "campaign.create", "approval.request", "ai.suggest"));
        });
        scenarios.put("segmentExportsBacking.ask", () -> new Performed(FacesForm.of(admin, "/segment-exports.xhtml?storeId=" + outreachStore,
                "export").set("export:segment", Long.toString(idOf("SELECT MAX(id) FROM segment WHERE store_id = " + outreachStore)))
                .press("export:ask"), Expected.each("segment-export.create", "approval.request")));
        scenarios.put("segmentExportsBacking.issueLink(param['export'])", () -> {
            String file = Long.toString(segmentExportFile(outreachStore));
            FacesForm files = FacesForm.of(admin, "/segment-exports.xhtml?storeId=" + outreachStore, "files");
            return new Performed(files.press(files.buttonInRow(file, "link"), Map.of("export", file)), Expected.of("data-export.link"));
        });
        scenarios.put("retentionBacking.save", () -> new Performed(FacesForm.of(admin, "/retention.xhtml", "retention")
                .set("retention:period:0:days", "401").press("retention:save"), Expected.of("retention.configure")));
        scenarios.put("shopifyConnectionBacking.connect(store.id())", () -> new Performed(
                ShopifyFlow.pressConnect(admin, "coverage-01.myshopify.com"), Expected.of("store.authorize")));
        scenarios.put("shopifyConnectionBacking.disconnect(store.id())", () -> {
            HttpResponse<String> connected = ShopifyFlow.connect(admin, "coverage-01.myshopify.com");
            assertEquals("shopify=connected", ShopifyFlow.location(connected).getQuery(), "connected through the fake Shopify first");
            FacesForm connections = FacesForm.of(admin, "/stores.xhtml", "connections");
            return new Performed(connections.press(connections.buttonInRow("coverage-01.myshopify.com", "disconnect")),
                    Expected.of("store.disconnect"));
        });
        scenarios.put("shopifyConnectionBacking.importFromShopify(store.id())", () -> {
            HttpResponse<String> connected = ShopifyFlow.connect(admin, "coverage-01.myshopify.com");
            assertEquals("shopify=connected", ShopifyFlow.location(connected).getQuery(), "connected through the fake Shopify again");
            FacesForm connections = FacesForm.of(admin, "/stores.xhtml", "connections");
            return new Performed(connections.press(connections.buttonInRow("coverage-01.myshopify.com", "import")),
                    Expected.of("store-import.start"));
        });

        scenarios.put("roleSwitchBacking.switchRole", () -> {
            TestAccounts.create("coverage.switcher@example.com", "Coverage Switcher", PASSWORD, "manager", "rep");
            ConsoleClient switcher = ConsoleClient.signedIn("coverage.switcher@example.com", PASSWORD);
            FacesForm account = FacesForm.of(switcher, "/index.xhtml", "account");
            return new Performed(account.set("account:role_input", "1").press("account:switch"), Expected.of("session.switch-role"));
        });
        scenarios.put("workspaceSwitchBacking.switchWorkspace", () -> {
            long user = TestAccounts.create("coverage.traveller@example.com", "Coverage Traveller", PASSWORD, "rep");
            long other = TestTenants.workspace("Coverage second workspace");
            TestTenants.membership(other, user, "rep", "WORKSPACE", null);
            ConsoleClient traveller = ConsoleClient.signedIn("coverage.traveller@example.com", PASSWORD);
            FacesForm account = FacesForm.of(traveller, "/index.xhtml", "account");
            return new Performed(account.set("account:workspace_input", Long.toString(other)).press("account:enter-workspace"),
                    Expected.of("session.enter-workspace"));
        });
        scenarios.put("signOutBacking.signOut", () -> {
            TestAccounts.create("coverage.leaver@example.com", "Coverage Leaver", PASSWORD, "rep");
            ConsoleClient leaver = ConsoleClient.signedIn("coverage.leaver@example.com", PASSWORD);
            return new Performed(FacesForm.of(leaver, "/index.xhtml", "account").press("account:signout"), Expected.of("session.sign-out"));
        });

        scenarios.put("privacyBacking.deleteWorkspace", () -> {
            ConsoleClient owner = doomedWorkspaceOwner();
            return new Performed(FacesForm.of(owner, "/privacy.xhtml", "delete").set("delete:name", "Coverage doomed workspace")
                    .press("delete:schedule"), Expected.of("deletion-request.open"));
        });
        scenarios.put("privacyBacking.cancel(deletion.id())", () -> {
            FacesForm requests = FacesForm.of(doomedOwner, "/privacy.xhtml", "requests");
            return new Performed(requests.press(requests.buttonInRow("This whole workspace", "cancel")), Expected.of("deletion-request.cancel"));
        });
        scenarios.put("accountErasureBacking.erase", () -> {
            TestAccounts.create("coverage.erased@example.com", "Coverage Erased", PASSWORD, "rep");
            ConsoleClient erased = ConsoleClient.signedIn("coverage.erased@example.com", PASSWORD);
            return new Performed(FacesForm.of(erased, "/account/erasure.xhtml", "erasure").set("erasure:email", "coverage.erased@example.com")
                    .press("erasure:erase"), Expected.of("deletion-request.open"));
        });

        scenarios.put("staffAccessBacking.begin", () -> {
            TestAccounts.create(SignalOpsSystem.COVERAGE_STAFF_EMAIL, "Coverage Staff", PASSWORD);
            return beginStaffAccess();
        });
        scenarios.put("staffAccessBacking.end", () -> {
            ConsoleClient staff = staffSession;
            return new Performed(FacesForm.of(staff, "/staff.xhtml", "staff").press("staff:end"), Expected.of("staff-access.end"));
        });
        scenarios.put("staffOversightBacking.revoke(access.id())", () -> {
            beginStaffAccess();
            FacesForm oversight = FacesForm.of(admin, "/staff-access.xhtml", "oversight");
            return new Performed(oversight.press(oversight.buttonInRow("Coverage ticket", "revoke")), Expected.of("staff-access.end"));
        });

        scenarios.put("dataRequestsBacking.exportWorkspace", () -> new Performed(FacesForm.of(admin, "/data-requests.xhtml", "workspace")
                .press("workspace:export-workspace"), Expected.of("data-export.request")));
        scenarios.put("dataRequestsBacking.issueLink(param['export'], 'WORKSPACE')", () -> {
            String export = Long.toString(awaitId("SELECT MAX(id) FROM data_export WHERE kind = 'WORKSPACE' AND status = 'READY' "
                    + "AND workspace_id = " + workspace, Duration.ofSeconds(60)));
            FacesForm exports = FacesForm.of(admin, "/data-requests.xhtml", "workspace");
            return new Performed(exports.press(exports.buttonInRow(export, "link"), Map.of("export", export)), Expected.of("data-export.link"));
        });
        scenarios.put("dataRequestsBacking.issueLink(param['export'], 'CUSTOMER_DATA')", () -> {
            long store = TestTenants.store(workspace, null, "COV-DATA-REQUEST", "cov-data-request.myshopify.com");
            String export = Long.toString(customerExport(store, 31_337_000_001L, "READY"));
            FacesForm requests = FacesForm.of(admin, "/data-requests.xhtml", "requests");
            return new Performed(requests.press(requests.buttonInRow("31337000001", "link"), Map.of("export", export)),
                    Expected.of("data-export.link"));
        });
        scenarios.put("accountDataBacking.rename", () -> new Performed(FacesForm.of(admin, "/account/data.xhtml", "profile")
                .set("profile:display-name", "Coverage Admin Corrected").press("profile:save"), Expected.of("user.update-profile")));

        // reads: the audit viewers record the view itself, the rest change nothing and write nothing
        scenarios.put("accountDataBacking.next", () -> new Performed(FacesForm.of(admin, "/account/data.xhtml", "records")
                .press("records:next"), Expected.NOTHING));
        scenarios.put("accountDataBacking.previous", () -> {
            HttpResponse<String> older = FacesForm.of(admin, "/account/data.xhtml", "records").press("records:next");
            return new Performed(FacesForm.after(admin, "/account/data.xhtml", older, "records").press("records:previous"),
                    Expected.NOTHING);
        });
        scenarios.put("auditBacking.search", () -> new Performed(FacesForm.of(admin, "/audit.xhtml", "filter")
                .press("filter:search"), Expected.of("audit.view")));
        scenarios.put("auditBacking.next", () -> {
            moreThanOnePageOfRecords();
            return new Performed(FacesForm.of(admin, "/audit.xhtml", "records").press("records:next"), Expected.of("audit.view"));
        });
        scenarios.put("auditBacking.previous", () -> {
            HttpResponse<String> second = FacesForm.of(admin, "/audit.xhtml", "records").press("records:next");
            return new Performed(FacesForm.after(admin, "/audit.xhtml", second, "records").press("records:previous"),
                    Expected.of("audit.view"));
        });
        scenarios.put("securityEventsBacking.search", () -> new Performed(FacesForm.of(admin, "/security-events.xhtml", "filter")
                .press("filter:search"), Expected.of("audit.view")));
        scenarios.put("securityEventsBacking.next", () -> {
            moreThanOnePageOfEvents();
            return new Performed(FacesForm.of(admin, "/security-events.xhtml", "events").press("events:next"), Expected.of("audit.view"));
        });
        scenarios.put("securityEventsBacking.previous", () -> {
            HttpResponse<String> second = FacesForm.of(admin, "/security-events.xhtml", "events").press("events:next");
            return new Performed(FacesForm.after(admin, "/security-events.xhtml", second, "events").press("events:previous"),
                    Expected.of("audit.view"));
        });
        scenarios.put("systemBacking.refresh", () -> new Performed(FacesForm.of(admin, "/system.xhtml", "system")
                .press("system:refresh"), Expected.NOTHING));
        return scenarios;
    }

    private static long outreachStore;
    private static ConsoleClient approverSession;

    /** A manager of the demo workspace who decides on the coverage admin's requests (no one approves their own). */
    private static ConsoleClient approver() throws SQLException {
        if (approverSession == null) {
            TestAccounts.create("coverage.approver@example.com", "Coverage Approver", PASSWORD, "manager");
            approverSession = ConsoleClient.signedIn("coverage.approver@example.com", PASSWORD);
        }
        return approverSession;
    }

    private static ConsoleClient staffSession;

    /** The coverage staff member opens temporary access to the demo workspace (the session is kept for ending it). */
    private static Performed beginStaffAccess() {
        staffSession = ConsoleClient.signedIn(SignalOpsSystem.COVERAGE_STAFF_EMAIL, PASSWORD);
        return new Performed(FacesForm.of(staffSession, "/staff.xhtml", "staff").set("staff:workspace", Long.toString(workspace))
                .set("staff:reason", "Coverage ticket 1: checking the audit trail").set("staff:minutes", "30").press("staff:begin"),
                Expected.of("staff-access.start"));
    }

    /** More audit records in the demo workspace than one page shows: each view of the audit page adds one. */
    private static void moreThanOnePageOfRecords() throws SQLException {
        while (idOf("SELECT COUNT(*) FROM audit_record WHERE workspace_id = " + workspace) <= 60) {
            assertEquals(200, admin.get("/audit.xhtml").statusCode());
        }
    }

    /** More security events in the demo workspace than one page shows. */
    private static void moreThanOnePageOfEvents() throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO security_event (workspace_id, occurred_at, type, "
                        + "severity, details) VALUES (?, UTC_TIMESTAMP(3), 'coverage.test', 'INFO', 'seeded by AuditCoverageIT')")) {
            for (int i = 0; i < 60; i++) {
                insert.setLong(1, workspace);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static ConsoleClient doomedOwner;

    /** The admin of a workspace of its own, whose deletion the privacy page's scenarios schedule and cancel. */
    private static ConsoleClient doomedWorkspaceOwner() throws SQLException {
        long doomed = TestTenants.workspace("Coverage doomed workspace");
        long owner = TestAccounts.create("coverage.doomed@example.com", "Coverage Doomed", PASSWORD);
        TestTenants.membership(doomed, owner, "admin", "WORKSPACE", null);
        doomedOwner = ConsoleClient.signedIn("coverage.doomed@example.com", PASSWORD);
        return doomedOwner;
    }

    /** One scenario per state-changing REST method, keyed {@code VERB /path}. */
    private static Map<String, Scenario> restScenarios() {
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        scenarios.put("POST /api/v1/auth/token", () -> new Performed(
                ApiClient.exchange(ApiClient.createKey(workspace, List.of(Permission.STORES_VIEW.key()), "WORKSPACE", null)),
                Expected.of("api-key.exchange")));
        scenarios.put("POST /api/v1/stores/{storeId}/imports", () -> new Performed(uploadImport(), Expected.of("store-import.start")));
        scenarios.put("POST /api/v1/stores/{storeId}/leak-analyses", () -> new Performed(startLeakAnalysis(), Expected.of("leak-analysis.start")));
        scenarios.put("PUT /api/v1/stores/{storeId}/leak-settings", () -> {
            long store = TestTenants.store(workspace, null, "COV-" + System.nanoTime() % 100_000_000, "cov-" + System.nanoTime() + ".myshopify.com");
            String token = ApiClient.token(ApiClient.createKey(workspace, List.of(Permission.LEAKS_CONFIGURE.key()), "WORKSPACE", null));
            return new Performed(Https.send(java.net.http.HttpRequest.newBuilder(Https.uri("/api/v1/stores/" + store + "/leak-settings"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"unfulfilledHours\": 24}")).build()),
                    Expected.of("leak-settings.update"));
        });
        scenarios.put("PATCH /api/v1/leak-findings/{id}", () -> {
            long store = TestTenants.store(workspace, null, "COV-" + System.nanoTime() % 100_000_000, "cov-" + System.nanoTime() + ".myshopify.com");
            long finding = leakFinding(store);
            String token = ApiClient.token(ApiClient.createKey(workspace, List.of(Permission.LEAKS_TRIAGE.key()), "WORKSPACE", null));
            return new Performed(Https.send(java.net.http.HttpRequest.newBuilder(Https.uri("/api/v1/leak-findings/" + finding))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"status\": \"ACKNOWLEDGED\", \"reason\": \"coverage\"}"))
                    .build()), Expected.of("leak-finding.triage"));
        });
        return scenarios;
    }

    /**
     * A campaign of a new store of the demo workspace written and submitted by the coverage admin and approved by another
     * manager in the console, which the outreach dispatcher then sends (to nobody: the store has no customers).
     */
    private static void approvedCampaign() throws SQLException {
        long store = TestTenants.store(workspace, null, "COV-SEND", "cov-send.myshopify.com");
        assertTrue(FacesForm.of(admin, "/segments.xhtml?storeId=" + store, "segment").set("segment:name", "Coverage send segment")
                .set("segment:kind", "UNFULFILLED_PAID").set("segment:hours", "24").press("segment:save").statusCode() < 400);
        assertTrue(FacesForm.of(admin, "/campaigns.xhtml?storeId=" + store, "campaign")
                .set("campaign:segment", Long.toString(idOf("SELECT MAX(id) FROM segment WHERE store_id = " + store)))
                .set("campaign:name", "Coverage send").set("campaign:subject", "Hello").set("campaign:body", "Hello.")
                .press("campaign:save").statusCode() < 400);
        FacesForm campaigns = FacesForm.of(admin, "/campaigns.xhtml?storeId=" + store, "campaigns");
        assertTrue(campaigns.press(campaigns.buttonInRow("Coverage send", "request")).statusCode() < 400);
        String request = Long.toString(idOf("SELECT MAX(id) FROM approval_request WHERE store_id = " + store));
        assertTrue(FacesForm.of(approver(), "/approvals.xhtml?id=" + request, "decide").press("decide:approve").statusCode() < 400);
        assertEquals(1, idOf("SELECT COUNT(*) FROM approval_request WHERE status = 'APPROVED' AND id = " + request), "approved");
    }

    /** An export of a segment asked for by the coverage admin in the console and approved by another manager. */
    private static void approvedExport() throws SQLException {
        long store = TestTenants.store(workspace, null, "COV-SEG-EXPORT", "cov-seg-export.myshopify.com");
        assertTrue(FacesForm.of(admin, "/segments.xhtml?storeId=" + store, "segment").set("segment:name", "Coverage export segment")
                .set("segment:kind", "UNFULFILLED_PAID").set("segment:hours", "24").press("segment:save").statusCode() < 400);
        assertTrue(FacesForm.of(admin, "/segment-exports.xhtml?storeId=" + store, "export")
                .set("export:segment", Long.toString(idOf("SELECT MAX(id) FROM segment WHERE store_id = " + store))).press("export:ask")
                .statusCode() < 400);
        String request = Long.toString(idOf("SELECT MAX(id) FROM approval_request WHERE subject_kind = 'EXPORT' AND store_id = " + store));
        assertTrue(FacesForm.of(approver(), "/approvals.xhtml?id=" + request, "decide").press("decide:approve").statusCode() < 400);
        assertEquals(1, idOf("SELECT COUNT(*) FROM approval_request WHERE status = 'APPROVED' AND id = " + request), "approved");
    }

    /** A ready file of an approved segment export of {@code store}, as the segment-export job leaves it; answers its id. */
    private static long segmentExportFile(long store) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO data_export (workspace_id, kind, store_id, status, "
                        + "requested_by, requested_at, bytes, ready_at, expires_at) VALUES (?, 'SEGMENT', ?, 'READY', 'coverage', "
                        + "UTC_TIMESTAMP(3), 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 7 DAY)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, workspace);
            insert.setLong(2, store);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** A one-line products file uploaded to a store of the demo workspace: the request is audited, the store-import job runs. */
    private static HttpResponse<String> uploadImport() throws SQLException {
        long store = TestTenants.store(workspace, null, "COV-" + System.nanoTime() % 100_000_000, "cov-" + System.nanoTime() + ".myshopify.com");
        String token = ApiClient.token(ApiClient.createKey(workspace, List.of(Permission.CONNECTIONS_MANAGE.key()), "WORKSPACE", null));
        return Https.send(java.net.http.HttpRequest.newBuilder(Https.uri("/api/v1/stores/" + store + "/imports?resource=products"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"id\":\"gid://shopify/Product/1\",\"title\":\"Coverage\"}\n"))
                .build());
    }

    /** An on-demand revenue-leak analysis of a new store of the demo workspace: the request is audited, the job runs. */
    private static HttpResponse<String> startLeakAnalysis() throws SQLException {
        long store = TestTenants.store(workspace, null, "COV-" + System.nanoTime() % 100_000_000, "cov-" + System.nanoTime() + ".myshopify.com");
        String token = ApiClient.token(ApiClient.createKey(workspace, List.of(Permission.LEAKS_RUN.key()), "WORKSPACE", null));
        return Https.send(java.net.http.HttpRequest.newBuilder(Https.uri("/api/v1/stores/" + store + "/leak-analyses"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    /** An open finding of {@code store}, as an analysis would have written it; answers its id. */
    private static long leakFinding(long store) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO leak_finding (workspace_id, store_id, rule_code, "
                        + "subject, amount, currency, evidence, first_seen_at, last_seen_at, status, run_token) VALUES (?, ?, "
                        + "'OVER_REFUND', 'order:1', 1.00, 'USD', '{}', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 'OPEN', RANDOM_BYTES(16))",
                        java.sql.Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, workspace);
            insert.setLong(2, store);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * A customer data request of {@code store} for customer {@code customerId} and its export in
     * {@code status} (READY: downloadable from now for 7 days); answers the export's id.
     */
    private static long customerExport(long store, long customerId, String status) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect()) {
            long request;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO privacy_request (workspace_id, store_id, kind, "
                    + "shopify_customer_id, webhook_id, received_at, due_at, status) VALUES (?, ?, 'CUSTOMER_DATA_REQUEST', ?, UUID(), "
                    + "UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 30 DAY, 'OPEN')", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, workspace);
                insert.setLong(2, store);
                insert.setLong(3, customerId);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    request = keys.getLong(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO data_export (workspace_id, kind, privacy_request_id, "
                    + "store_id, status, requested_by, requested_at, bytes, ready_at, expires_at) VALUES (?, 'CUSTOMER_DATA', ?, ?, ?, "
                    + "'shopify', UTC_TIMESTAMP(3), IF(? = 'READY', 1, NULL), IF(? = 'READY', UTC_TIMESTAMP(3), NULL), "
                    + "IF(? = 'READY', UTC_TIMESTAMP(3) + INTERVAL 7 DAY, NULL))", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, workspace);
                insert.setLong(2, request);
                insert.setLong(3, store);
                for (int i = 4; i <= 7; i++) {
                    insert.setString(i, status);
                }
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        }
    }

    /** The one number {@code sql} answers once it is not NULL. */
    private static long awaitId(String sql, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection connection = SignalOpsSystem.database().connect(); PreparedStatement query = connection.prepareStatement(sql);
                    ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    long id = row.getLong(1);
                    if (!row.wasNull()) {
                        return id;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing within " + timeout + " for " + sql);
            }
            Thread.sleep(250);
        }
    }

    /** action/outcome of every audit record the request of {@code response} wrote, in order. */
    private static List<String> recordsOf(HttpResponse<String> response) throws SQLException {
        String requestId = response.headers().firstValue("X-Request-Id")
                .orElseThrow(() -> new AssertionError("no X-Request-Id on " + response.uri()));
        return records(requestId);
    }

    private static List<String> records(String requestId) throws SQLException {
        List<String> written = new ArrayList<>();
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement query = connection.prepareStatement("SELECT action, outcome FROM audit_record WHERE request_id = ? ORDER BY id")) {
            query.setString(1, requestId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    written.add(rows.getString(1) + "/" + rows.getString(2));
                }
            }
        }
        return written;
    }

    private static List<String> columns(HttpResponse<String> response, String... names) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement query = connection.prepareStatement("SELECT " + String.join(", ", names)
                        + " FROM audit_record WHERE request_id = ?")) {
            query.setString(1, response.headers().firstValue("X-Request-Id").orElseThrow());
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "a record of " + response.uri());
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= names.length; i++) {
                    values.add(row.getString(i));
                }
                return values;
            }
        }
    }

    private static List<String> awaitRecords(String requestId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> written = records(requestId);
        while (written.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            written = records(requestId);
        }
        return written;
    }

    /** The id of an execution of {@code job} that completed, waiting for the scheduler to run one. */
    private static long awaitCompletedExecution(String job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection connection = SignalOpsSystem.database().connect();
                    PreparedStatement query = connection.prepareStatement("SELECT MAX(e.JOBEXECID) FROM WLPJOBEXECUTION e "
                            + "JOIN WLPJOBINSTANCE i ON e.FK_JOBINSTANCEID = i.JOBINSTANCEID WHERE i.JOBNAME = ? AND e.BATCHSTATUS = 5")) {
                query.setString(1, job);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    long id = row.getLong(1);
                    if (!row.wasNull()) {
                        return id;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no completed execution of " + job + " within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    /** An open invitation of the demo workspace to {@code email} as a rep; answers the link's token. */
    private static String invitation(String email) throws SQLException {
        String token = "coverage-" + System.nanoTime();
        try (Connection connection = SignalOpsSystem.database().connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO invitation (workspace_id, email, role_id, token_digest, "
                        + "invited_by, created_at, expires_at) SELECT ?, ?, r.id, ?, (SELECT MIN(id) FROM app_user), UTC_TIMESTAMP(3), "
                        + "UTC_TIMESTAMP(3) + INTERVAL 1 DAY FROM role r WHERE r.workspace_id = ? AND r.code = 'rep'")) {
            insert.setLong(1, workspace);
            insert.setString(2, email);
            insert.setString(3, sha256(token));
            insert.setLong(4, workspace);
            assertEquals(1, insert.executeUpdate());
        }
        return token;
    }

    private static String keyId(String name) throws SQLException {
        return Long.toString(idOf("SELECT id FROM api_key WHERE name = '" + name + "'"));
    }

    private static long idOf(String sql) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect(); PreparedStatement query = connection.prepareStatement(sql);
                ResultSet row = query.executeQuery()) {
            assertTrue(row.next(), "a row for " + sql);
            return row.getLong(1);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
