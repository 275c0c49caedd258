package com.signalops.jobs.retention;

import static com.signalops.jobs.JobRuns.await;
import static com.signalops.jobs.JobRuns.operator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.jobs.history.TestApplicationDatabase;
import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.AuditChainWriter;
import com.signalops.testing.CommerceRows;
import com.signalops.testing.EmbeddedMariaDb;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retention-sweep job run by jberet-se against the application's schema in a real MariaDB, with the audit
 * triggers in force and the retention account deleting audit records: what lies one second past its period goes,
 * what lies one second inside stays; a dry run deletes nothing and counts what the real run then deletes; a run that
 * fails part-way finishes on restart with nothing lost and nothing left.
 */
class RetentionSweepJobTest {

    private static final String DATABASE = "signalops_batch_retention";
    private static final String PASSWORD = "batch-retention-sweep-test-only";
    private static final String RETENTION_PASSWORD = "batch-retention-account-test-only";
    private static final Instant AS_OF = Instant.parse("2026-11-20T03:45:00Z");
    /** SIGNALOPS_IMPORT_DIR of the test's microprofile-config.properties. */
    private static final Path IMPORT_DIR = Path.of("target/imports");
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static EmbeddedMariaDb mariaDb;

    @BeforeAll
    static void startDatabase() throws SQLException {
        mariaDb = EmbeddedMariaDb.start("test", Integer.getInteger("signalops.test.db.port", 3316));
        mariaDb.recreateDatabase(DATABASE, DATABASE, PASSWORD);
        Flyway.configure().dataSource(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD).locations("classpath:db/migration")
                .placeholders(SchemaMigrator.placeholders(EmbeddedMariaDb.retentionUser(DATABASE))).load().migrate();
        mariaDb.ensureRetentionAccount(DATABASE, EmbeddedMariaDb.retentionUser(DATABASE), RETENTION_PASSWORD);
        TestApplicationDatabase.use(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
        TestRetentionDatabase.use(mariaDb.jdbcUrl(DATABASE), EmbeddedMariaDb.retentionUser(DATABASE), RETENTION_PASSWORD);
    }

    @AfterAll
    static void stopDatabase() {
        mariaDb.stop();
    }

    /** Every test starts from empty tables; audit records cannot be deleted, so each test writes to chains of its own. */
    @BeforeEach
    void emptyTables() throws SQLException {
        TestApplicationDatabase.healthy();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String table : new String[] {"commerce_order", "leak_finding", "leak_daily_total", "leak_analysis_progress",
                    "leak_nightly_run", "webhook_inbox", "store_import", "security_event", "scheduled_job_run", "retention_setting",
                    "retention_sweep_tally"}) {
                statement.execute("DELETE FROM " + table);
            }
        }
    }

    @Test
    void deletesWhatIsPastItsPeriodAndKeepsWhatIsOneSecondInside() throws Exception {
        Fixture fixture = fixture();

        JobExecution execution = await(operator().start("retention-sweep", parameters(false, "3")));

        assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus());
        try (Connection connection = connect()) {
            // orders: 400 days by default; 100 in the second workspace, whose own setting says so
            assertEquals(List.of(2L), ids(connection, "SELECT order_id FROM commerce_order WHERE workspace_id = " + fixture.workspace));
            assertEquals(List.of(21L), ids(connection, "SELECT order_id FROM commerce_order WHERE workspace_id = " + fixture.other));
            assertEquals(List.of(2L, 21L), ids(connection, "SELECT DISTINCT order_id FROM commerce_line_item"), "line items went with their orders");
            // findings: resolved ones 730 days, open ones while open
            assertEquals(List.of(fixture.findingInside, fixture.findingOpen), ids(connection, "SELECT id FROM leak_finding"));
            // the dashboards' daily totals as findings; analysis progress and nightly claims with the job history, 90 days
            assertEquals(List.of(fixture.dailyTotalInside), ids(connection, "SELECT id FROM leak_daily_total"));
            assertEquals(List.of(fixture.progressInside), ids(connection, "SELECT id FROM leak_analysis_progress"));
            assertEquals(List.of(fixture.nightlyRunInside), ids(connection, "SELECT id FROM leak_nightly_run"));
            // webhooks: 30 days, an unprocessed delivery stays; deliveries of no workspace too
            assertEquals(List.of(fixture.webhookInside, fixture.webhookUnprocessed, fixture.webhookUnknownShopInside),
                    ids(connection, "SELECT id FROM webhook_inbox"));
            // imports: files 7 days, the row and its skipped lines with the job history, 90 days
            assertEquals(List.of(fixture.importFilesGone, fixture.importInside), ids(connection, "SELECT id FROM store_import"));
            assertEquals(List.of(fixture.importFilesGone, fixture.importInside), ids(connection, "SELECT import_id FROM store_import_skip"));
            assertFalse(Files.exists(fixture.rows.importFolder(IMPORT_DIR, fixture.importFilesGone)), "files past 7 days are deleted");
            assertFalse(Files.exists(fixture.rows.importFolder(IMPORT_DIR, fixture.importOld)), "files of a deleted import are deleted");
            assertTrue(Files.exists(fixture.rows.importFolder(IMPORT_DIR, fixture.importInside).resolve("orders.jsonl")));
            assertEquals(List.of(fixture.importFilesGone), ids(connection, "SELECT id FROM store_import WHERE files_deleted_at IS NOT NULL"));
            // security events 730 days; the scheduler's triggers with the job history
            assertEquals(List.of(fixture.eventInside, fixture.eventNoWorkspaceInside), ids(connection, "SELECT id FROM security_event"));
            assertEquals(List.of(fixture.triggerInside), ids(connection, "SELECT id FROM scheduled_job_run"));
            // audit records: 365 days, the expired prefix of the workspace's chain through the retention account
            assertEquals(2, count(connection, "SELECT COUNT(*) FROM audit_record WHERE workspace_id = " + fixture.workspace
                    + " AND action = 'store.move'"));
            assertEquals(0, count(connection, "SELECT COUNT(*) FROM retention_sweep_tally"), "the report forgets the tally");
        }
        JsonObject report = report(fixture.workspace);
        assertFalse(report.getBoolean("dryRun"));
        assertEquals(AS_OF.toString(), report.getString("asOf"));
        JsonObject tables = report.getJsonObject("tables");
        assertEquals(WORKSPACE_DELETIONS, counts(tables, "deleted"));
        assertEquals(RetentionRows.utc(AS_OF.minus(Duration.ofDays(400)).plus(SECOND)).toString(),
                tables.getJsonObject("commerce_order").getString("oldestKept"));
        assertEquals(RetentionRows.utc(AS_OF.minus(Duration.ofDays(365)).plus(SECOND)).toString(),
                tables.getJsonObject("audit_record").getString("oldestKept"));
        JsonObject noWorkspace = report(null).getJsonObject("tables");
        assertEquals(Map.of("webhook_inbox", 1L, "security_event", 1L, "scheduled_job_run", 1L, "audit_record", 0L),
                counts(noWorkspace, "deleted"));
        assertEquals(1L, counts(report(fixture.other).getJsonObject("tables"), "deleted").get("commerce_order"));
    }

    @Test
    void aDryRunDeletesNothingAndCountsWhatTheRealRunThenDeletes() throws Exception {
        Fixture fixture = fixture();
        long rowsBefore;
        try (Connection connection = connect()) {
            rowsBefore = allRows(connection);
        }

        JobExecution dryRun = await(operator().start("retention-sweep", parameters(true, "2")));

        assertEquals(BatchStatus.COMPLETED, dryRun.getBatchStatus());
        try (Connection connection = connect()) {
            assertEquals(rowsBefore, allRows(connection), "a dry run deletes nothing");
            assertEquals(5, count(connection, "SELECT COUNT(*) FROM audit_record WHERE workspace_id = " + fixture.workspace
                    + " AND action = 'store.move'"));
        }
        assertTrue(Files.exists(fixture.rows.importFolder(IMPORT_DIR, fixture.importFilesGone)), "nor any file");
        JsonObject dryReport = report(fixture.workspace);
        assertTrue(dryReport.getBoolean("dryRun"));
        Map<String, Long> wouldDelete = counts(dryReport.getJsonObject("tables"), "wouldDelete");
        Map<String, Long> wouldDeleteWithoutWorkspace = counts(report(null).getJsonObject("tables"), "wouldDelete");

        JobExecution real = await(operator().start("retention-sweep", parameters(false, "2")));

        assertEquals(BatchStatus.COMPLETED, real.getBatchStatus());
        assertEquals(wouldDelete, counts(report(fixture.workspace).getJsonObject("tables"), "deleted"));
        assertEquals(wouldDeleteWithoutWorkspace, counts(report(null).getJsonObject("tables"), "deleted"));
        assertEquals(WORKSPACE_DELETIONS, wouldDelete);
        try (Connection connection = connect()) {
            long deleted = wouldDelete.entrySet().stream().filter(e -> !e.getKey().equals("import_files")).mapToLong(Map.Entry::getValue).sum()
                    + wouldDeleteWithoutWorkspace.values().stream().mapToLong(Long::longValue).sum()
                    + counts(report(fixture.other).getJsonObject("tables"), "deleted").get("commerce_order") + 1 /* its line item */
                    + 1 /* the skipped line of the deleted import */;
            assertEquals(rowsBefore - deleted, allRows(connection), "the real run deleted what the dry run counted");
        }
    }

    @Test
    void restartsAfterAFailureFromItsCheckpointWithNothingLostAndNothingLeft() throws Exception {
        long workspace;
        try (Connection connection = connect()) {
            workspace = CommerceRows.newWorkspace(connection, "restart");
            CommerceRows store = CommerceRows.newStore(connection, workspace);
            for (long id = 1; id <= 300; id++) {
                store.order(id, AS_OF.minus(Duration.ofDays(401))).line(id, null, 1, "5.00", "5.00").insert();
            }
            for (long id = 301; id <= 350; id++) {
                store.order(id, AS_OF.minus(Duration.ofDays(400)).plus(SECOND)).insert();
            }
        }
        // deleting order 150 fails until the fault is cleared: the chunk of orders 141 to 160 fails
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE retention_test_fault (order_id BIGINT NOT NULL)");
            statement.execute("INSERT INTO retention_test_fault VALUES (150)");
            statement.execute("CREATE TRIGGER retention_test_fault BEFORE DELETE ON commerce_order FOR EACH ROW BEGIN "
                    + "IF EXISTS (SELECT 1 FROM retention_test_fault f WHERE f.order_id = OLD.order_id) THEN "
                    + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'test fault'; END IF; END");
        }
        JobExecution failed = await(operator().start("retention-sweep", parameters(false, "20")));
        assertEquals(BatchStatus.FAILED, failed.getBatchStatus());
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertEquals(List.of(141L, 300L), List.of(count(connection, "SELECT MIN(order_id) FROM commerce_order"),
                    count(connection, "SELECT MAX(order_id) FROM commerce_order WHERE order_id <= 300")), "the chunks before the failing one are gone");
            statement.execute("DROP TRIGGER retention_test_fault");
            statement.execute("DROP TABLE retention_test_fault");
        }

        JobExecution restarted = await(operator().restart(failed.getExecutionId(), parameters(false, "20")));

        assertEquals(BatchStatus.COMPLETED, restarted.getBatchStatus());
        try (Connection connection = connect()) {
            assertEquals(0, count(connection, "SELECT COUNT(*) FROM commerce_order WHERE order_id <= 300"), "nothing left that should go");
            assertEquals(50, count(connection, "SELECT COUNT(*) FROM commerce_order WHERE order_id > 300"), "nothing lost that should stay");
            assertEquals(0, count(connection, "SELECT COUNT(*) FROM commerce_line_item"));
        }
        Map<String, Long> deleted = counts(report(workspace).getJsonObject("tables"), "deleted");
        assertEquals(300L, deleted.get("commerce_order"), "the counts of both executions, each row once");
        assertEquals(300L, deleted.get("commerce_line_item"));
        try (Connection connection = connect()) {
            assertEquals(1, count(connection, "SELECT COUNT(*) FROM audit_record WHERE workspace_id = " + workspace
                    + " AND action = 'retention.sweep'"), "one summary per run and workspace");
        }
    }

    @Test
    void refusesToRunWithoutAValidChunkSize() throws Exception {
        assertEquals(BatchStatus.FAILED, await(operator().start("retention-sweep", parameters(false, "none"))).getBatchStatus());
    }

    /**
     * Two workspaces, the second keeping orders 100 days; in the first, per table a row one second past its period
     * (goes) and one second inside (stays), and rows that stay whatever their age.
     */
    private Fixture fixture() throws Exception {
        Fixture f = new Fixture();
        try (Connection connection = connect()) {
            f.workspace = CommerceRows.newWorkspace(connection, "retention");
            CommerceRows store = CommerceRows.newStore(connection, f.workspace);
            store.order(1, past(400)).line(1, null, 1, "5.00", "5.00").insert();
            store.order(2, inside(400)).line(2, null, 1, "5.00", "5.00").insert();
            store.order(3, past(900)).line(3, null, 1, "5.00", "5.00").insert();
            f.rows = new RetentionRows(connection, f.workspace, store.storeId());
            f.rows.finding("RESOLVED", past(730));
            f.findingInside = f.rows.finding("DISMISSED", inside(730));
            f.findingOpen = f.rows.finding("OPEN", past(1000));
            // a day's totals go once the whole day lies past the period (their age is the day's first instant)
            f.rows.dailyTotal(day(731));
            f.dailyTotalInside = f.rows.dailyTotal(day(729));
            f.rows.analysisProgress(past(90));
            f.progressInside = f.rows.analysisProgress(inside(90));
            f.rows.nightlyRun(day(91), past(90));
            f.nightlyRunInside = f.rows.nightlyRun(day(89), inside(90));
            f.rows.webhook("PROCESSED", past(30));
            f.webhookInside = f.rows.webhook("PROCESSED", inside(30));
            f.webhookUnprocessed = f.rows.webhook("RECEIVED", past(60));
            f.importOld = f.rows.finishedImport(past(90), IMPORT_DIR);
            f.importFilesGone = f.rows.finishedImport(past(7), IMPORT_DIR);
            f.importInside = f.rows.finishedImport(inside(7), IMPORT_DIR);
            f.rows.securityEvent(past(730));
            f.eventInside = f.rows.securityEvent(inside(730));
            AuditChainWriter.append(connection, f.workspace, utc(past(365)).minusMinutes(2), utc(past(365)).minusMinutes(1), utc(past(365)),
                    utc(inside(365)), utc(inside(365)).plusMinutes(1));

            f.other = CommerceRows.newWorkspace(connection, "short orders");
            CommerceRows otherStore = CommerceRows.newStore(connection, f.other);
            new RetentionRows(connection, f.other, otherStore.storeId()).setting("orders_days", 100);
            otherStore.order(20, past(100)).line(20, null, 1, "5.00", "5.00").insert();
            otherStore.order(21, inside(100)).line(21, null, 1, "5.00", "5.00").insert();

            RetentionRows noWorkspace = new RetentionRows(connection, null, null);
            noWorkspace.webhook("IGNORED", past(30));
            f.webhookUnknownShopInside = noWorkspace.webhook("IGNORED", inside(30));
            noWorkspace.securityEvent(past(730));
            f.eventNoWorkspaceInside = noWorkspace.securityEvent(inside(730));
            noWorkspace.scheduledRun(past(90));
            f.triggerInside = noWorkspace.scheduledRun(inside(90));
        }
        return f;
    }

    /** The rows of one test. */
    private static final class Fixture {
        long workspace;
        long other;
        RetentionRows rows;
        long findingInside;
        long findingOpen;
        long dailyTotalInside;
        long progressInside;
        long nightlyRunInside;
        long webhookInside;
        long webhookUnprocessed;
        long webhookUnknownShopInside;
        long importOld;
        long importFilesGone;
        long importInside;
        long eventInside;
        long eventNoWorkspaceInside;
        long triggerInside;
    }

    private static Instant past(int days) {
        return AS_OF.minus(Duration.ofDays(days)).minus(SECOND);
    }

    /** The UTC date {@code days} days before the sweep's asOf. */
    private static java.time.LocalDate day(int days) {
        return java.time.LocalDate.ofInstant(AS_OF.minus(Duration.ofDays(days)), ZoneOffset.UTC);
    }

    private static Instant inside(int days) {
        return AS_OF.minus(Duration.ofDays(days)).plus(SECOND);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Properties parameters(boolean dryRun, String chunkSize) {
        Properties parameters = new Properties();
        parameters.setProperty("asOf", AS_OF.toString());
        parameters.setProperty("dryRun", Boolean.toString(dryRun));
        parameters.setProperty("chunkSize", chunkSize);
        return parameters;
    }

    /** The after snapshot of the latest retention.sweep record of {@code workspace} (null: of no workspace). */
    private static JsonObject report(Long workspace) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT after_json FROM audit_record WHERE action = 'retention.sweep' AND workspace_id "
                        + (workspace == null ? "IS NULL" : "= " + workspace) + " ORDER BY id DESC LIMIT 1")) {
            assertTrue(row.next(), "a retention.sweep record of workspace " + workspace);
            return Json.createReader(new StringReader(row.getString(1))).readObject();
        }
    }

    /** What the sweep deletes of the fixture's first workspace, per table. */
    private static final Map<String, Long> WORKSPACE_DELETIONS = Map.ofEntries(Map.entry("commerce_order", 2L),
            Map.entry("commerce_line_item", 2L), Map.entry("leak_finding", 1L), Map.entry("leak_daily_total", 1L),
            Map.entry("leak_analysis_progress", 1L), Map.entry("leak_nightly_run", 1L), Map.entry("webhook_inbox", 1L),
            Map.entry("import_files", 2L), Map.entry("store_import", 1L), Map.entry("security_event", 1L), Map.entry("audit_record", 3L));

    private static Map<String, Long> counts(JsonObject tables, String figure) {
        Map<String, Long> counts = new LinkedHashMap<>();
        tables.forEach((table, figures) -> counts.put(table, figures.asJsonObject().getJsonNumber(figure).longValue()));
        return counts;
    }

    private static List<Long> ids(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql + " ORDER BY 1")) {
            List<Long> ids = new java.util.ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Rows of every table the sweep deletes from, audit records of the fixture's kind included. */
    private static long allRows(Connection connection) throws SQLException {
        long total = 0;
        for (String table : new String[] {"commerce_order", "commerce_line_item", "leak_finding", "leak_daily_total",
                "leak_analysis_progress", "leak_nightly_run", "webhook_inbox", "store_import", "store_import_skip", "security_event",
                "scheduled_job_run"}) {
            total += count(connection, "SELECT COUNT(*) FROM " + table);
        }
        return total + count(connection, "SELECT COUNT(*) FROM audit_record WHERE action = 'store.move'");
    }

    private static Connection connect() throws SQLException {
        return mariaDb.rootConnection(DATABASE);
    }
}
