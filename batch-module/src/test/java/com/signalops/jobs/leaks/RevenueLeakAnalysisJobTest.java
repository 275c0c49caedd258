package com.signalops.jobs.leaks;

import static com.signalops.jobs.JobRuns.await;
import static com.signalops.jobs.JobRuns.operator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.jobs.history.TestApplicationDatabase;
import com.signalops.testing.CommerceRows;
import com.signalops.testing.EmbeddedMariaDb;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The revenue-leak-analysis job run by jberet-se against the application's schema in a real MariaDB: a workspace's
 * stores analysed in partitions; the same stores analysed once with the database going away part-way and a restart,
 * which must end with exactly the findings of the clean run; one store with a setting overridden.
 */
class RevenueLeakAnalysisJobTest {

    private static final String DATABASE = "signalops_batch_leaks";
    private static final String PASSWORD = "batch-leaks-test-only";
    private static final Instant AS_OF = Instant.parse("2026-11-25T03:30:00Z");
    private static final int STORES = 3;
    private static EmbeddedMariaDb mariaDb;

    @BeforeAll
    static void startDatabase() throws SQLException {
        mariaDb = EmbeddedMariaDb.start("test", Integer.getInteger("signalops.test.db.port", 3316));
        mariaDb.recreateMigrated(DATABASE, PASSWORD);
    }

    @AfterAll
    static void stopDatabase() {
        mariaDb.stop();
    }

    @BeforeEach
    void healthyDatabase() throws SQLException {
        TestApplicationDatabase.use(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
        TestApplicationDatabase.healthy();
    }

    @Test
    void aRestartAfterTheDatabaseWentAwayEndsWithExactlyTheFindingsOfACleanRun() throws Exception {
        List<Long> clean = generatedWorkspace("Clean");
        List<Long> crashed = generatedWorkspace("Crashed");

        JobExecution cleanRun = await(operator().start("revenue-leak-analysis", parameters(workspaceOf(clean.get(0)))));
        assertEquals(BatchStatus.COMPLETED, cleanRun.getBatchStatus());

        // the mapper takes one connection, each store one for its settings and one per rule: fail in the second store
        TestApplicationDatabase.failAfter(14);
        Properties crashedParameters = parameters(workspaceOf(crashed.get(0)));
        JobExecution failed = await(operator().start("revenue-leak-analysis", crashedParameters));
        assertEquals(BatchStatus.FAILED, failed.getBatchStatus());
        int before = 0;
        for (long store : crashed) {
            before += findings(store).size();
        }
        int expected = 0;
        for (long store : clean) {
            expected += findings(store).size();
        }
        assertTrue(before < expected, "failed part-way: " + before + " of " + expected + " findings");

        TestApplicationDatabase.healthy();
        JobExecution restarted = await(operator().restart(failed.getExecutionId(), crashedParameters));

        assertEquals(BatchStatus.COMPLETED, restarted.getBatchStatus());
        for (int i = 0; i < STORES; i++) {
            assertEquals(findings(clean.get(i)), findings(crashed.get(i)), "store " + i + " has the clean run's findings");
        }
        for (int i = 0; i < STORES; i++) {
            assertEquals(dailyTotals(clean.get(i)), dailyTotals(crashed.get(i)), "store " + i + " has the clean run's totals of the day");
            assertEquals(8, dailyTotals(crashed.get(i)).size(), "a row per rule");
        }
        assertEquals(List.of(STORES + "|" + STORES * 8 + "|" + STORES * 8 + "|" + STORES), rows("SELECT CONCAT_WS('|', COUNT(*), "
                + "SUM(rules_done), SUM(rules_total), COUNT(finished_at)) FROM leak_analysis_progress WHERE job_instance_id = "
                + operator().getJobInstance(restarted.getExecutionId()).getInstanceId()), "the restart's progress: every rule of every store done");
        List<String> rules = rows("SELECT DISTINCT rule_code FROM leak_finding WHERE store_id = " + clean.get(0) + " ORDER BY 1");
        assertEquals(8, rules.size(), "the generated store has findings of every rule: " + rules);

        JobExecution again = await(operator().start("revenue-leak-analysis", parameters(workspaceOf(clean.get(0)))));
        assertEquals(BatchStatus.COMPLETED, again.getBatchStatus());
        for (int i = 0; i < STORES; i++) {
            assertEquals(findings(crashed.get(i)), findings(clean.get(i)), "a second run changes nothing");
        }
    }

    @Test
    void oneStoreRunsWithItsOverriddenSettingsAndOthersAreUntouched() throws Exception {
        List<Long> stores = generatedWorkspace("One");
        Properties parameters = parameters(workspaceOf(stores.get(0)));
        parameters.setProperty("storeId", Long.toString(stores.get(1)));
        parameters.setProperty("flatShippingRate", "7.50");

        JobExecution run = await(operator().start("revenue-leak-analysis", parameters));

        assertEquals(BatchStatus.COMPLETED, run.getBatchStatus());
        assertEquals(List.of(), findings(stores.get(0)));
        assertEquals(List.of(), findings(stores.get(2)));
        List<String> shipping = rows("SELECT DISTINCT amount FROM leak_finding WHERE rule_code = 'SHIPPING_UNDERCHARGED' AND store_id = "
                + stores.get(1));
        assertEquals(List.of("7.50"), shipping);
    }

    @Test
    void aRunWithoutAsOfOrWithAStoreOfAnotherWorkspaceFails() throws Exception {
        List<Long> stores = generatedWorkspace("Refused");
        Properties noAsOf = parameters(workspaceOf(stores.get(0)));
        noAsOf.remove("asOf");
        assertEquals(BatchStatus.FAILED, await(operator().start("revenue-leak-analysis", noAsOf)).getBatchStatus());

        List<Long> others = generatedWorkspace("Other");
        Properties foreign = parameters(workspaceOf(stores.get(0)));
        foreign.setProperty("storeId", Long.toString(others.get(0)));
        assertEquals(BatchStatus.FAILED, await(operator().start("revenue-leak-analysis", foreign)).getBatchStatus());
        assertEquals(List.of(), findings(others.get(0)));
        assertEquals(List.of(), findings(stores.get(0)));
    }

    @Test
    void theHourlyNightlyTriggerAnalysesEachStoreOnceInItsOwnNight() throws Exception {
        List<Long> stores = generatedWorkspace("Nightly");
        zone(stores.get(0), "UTC");
        zone(stores.get(1), "Asia/Tokyo");
        zone(stores.get(2), "America/Los_Angeles");
        Instant first = Instant.parse("2026-11-26T02:30:00Z");
        Instant second = Instant.parse("2026-11-26T03:30:00Z");

        // first trigger: every store's latest night is unclaimed (UTC: 25th, 02:30 < 03:30; Tokyo: 26th, 11:30; Los Angeles: 25th, 18:30)
        assertEquals(BatchStatus.COMPLETED, await(operator().start("revenue-leak-analysis", nightly(first))).getBatchStatus());
        // an hour later only UTC's night of the 26th has come
        assertEquals(BatchStatus.COMPLETED, await(operator().start("revenue-leak-analysis", nightly(second))).getBatchStatus());
        // the same hour again, as a second server's trigger would: nothing is due
        JobExecution repeat = await(operator().start("revenue-leak-analysis", nightly(second)));
        assertEquals(BatchStatus.COMPLETED, repeat.getBatchStatus());

        assertEquals(List.of("2026-11-25", "2026-11-26"), nights(stores.get(0)));
        assertEquals(List.of("2026-11-26"), nights(stores.get(1)));
        assertEquals(List.of("2026-11-25"), nights(stores.get(2)));
        assertEquals(List.of("2026-11-26 03:30:00.000"), rows("SELECT MAX(last_seen_at) FROM leak_finding WHERE store_id = " + stores.get(0)));
        assertEquals(List.of("2026-11-26 02:30:00.000"), rows("SELECT MAX(last_seen_at) FROM leak_finding WHERE store_id = " + stores.get(1)),
                "Tokyo's night was analysed once, by the first trigger");
        assertEquals(List.of("2026-11-26 02:30:00.000"), rows("SELECT MAX(last_seen_at) FROM leak_finding WHERE store_id = " + stores.get(2)));
    }

    @Test
    void aStoresNightIsDueFromHalfPastThreeLocalAndBeforeThatTheNightBeforeIs() {
        java.time.ZoneId tokyo = java.time.ZoneId.of("Asia/Tokyo");
        assertEquals(java.time.LocalDate.parse("2026-11-25"), NightlyStores.dueNight(Instant.parse("2026-11-25T18:29:59Z"), tokyo));
        assertEquals(java.time.LocalDate.parse("2026-11-26"), NightlyStores.dueNight(Instant.parse("2026-11-25T18:30:00Z"), tokyo));
    }

    private static List<String> dailyTotals(long store) throws Exception {
        return rows("SELECT CONCAT_WS('|', day, rule_code, currency, open_count, open_amount) FROM leak_daily_total WHERE store_id = " + store
                + " ORDER BY day, rule_code");
    }

    private static Properties nightly(Instant asOf) {
        Properties parameters = new Properties();
        parameters.setProperty("asOf", asOf.toString());
        parameters.setProperty("nightly", "true");
        return parameters;
    }

    private static void zone(long storeId, String zone) throws SQLException {
        try (Connection connection = connect(); PreparedStatement update = connection.prepareStatement("UPDATE store SET timezone = ? WHERE id = ?")) {
            update.setString(1, zone);
            update.setLong(2, storeId);
            update.executeUpdate();
        }
    }

    private static List<String> nights(long storeId) throws SQLException {
        return rows("SELECT local_date FROM leak_nightly_run WHERE store_id = " + storeId + " ORDER BY local_date");
    }

    private static Properties parameters(long workspaceId) {
        Properties parameters = new Properties();
        parameters.setProperty("workspaceId", Long.toString(workspaceId));
        parameters.setProperty("asOf", AS_OF.toString());
        return parameters;
    }

    /** A workspace of {@link #STORES} stores, store i holding the same generated rows in every workspace. */
    private static List<Long> generatedWorkspace(String name) throws SQLException {
        List<Long> stores = new ArrayList<>();
        try (Connection connection = connect()) {
            long workspaceId = CommerceRows.newWorkspace(connection, name);
            for (int i = 0; i < STORES; i++) {
                CommerceRows rows = CommerceRows.newStore(connection, workspaceId);
                plant(rows, new Random(i));
                stores.add(rows.storeId());
            }
        }
        return stores;
    }

    /** 150 orders of 20 variants, statuses, codes, emails, refunds and exclusions drawn from {@code random}. */
    private static void plant(CommerceRows rows, Random random) throws SQLException {
        String[] financial = {"PAID", "PAID", "PENDING", "AUTHORIZED", "PARTIALLY_REFUNDED", "REFUNDED"};
        String[] fulfillment = {"FULFILLED", "UNFULFILLED", "PARTIALLY_FULFILLED", "ON_HOLD"};
        String[] codes = {"SAVE", "save", "WELCOME10", "VIP"};
        for (long variant = 1; variant <= 20; variant++) {
            rows.variant(variant).price(money(random, 5, 40)).inventory(random.nextInt(4) - 1)
                    .cost(random.nextBoolean() ? money(random, 5, 30) : null).insert();
        }
        long lineItem = 1;
        long refund = 1;
        for (long order = 1; order <= 150; order++) {
            CommerceRows.Order row = rows.order(order, AS_OF.minus(Duration.ofMinutes(random.nextInt(100 * 24 * 60))))
                    .status(financial[random.nextInt(financial.length)], fulfillment[random.nextInt(fulfillment.length)])
                    .total(money(random, 10, 120)).discounts(random.nextInt(3) == 0 ? money(random, 1, 10) : "0")
                    .shipping(random.nextBoolean() ? "0" : "10.00").refunded(random.nextInt(8) == 0 ? money(random, 1, 130) : "0");
            if (random.nextInt(12) == 0) {
                row.cancelledAt(AS_OF.minus(Duration.ofDays(1)));
            }
            if (random.nextInt(20) == 0) {
                row.test();
            }
            if (random.nextInt(5) > 0) {
                row.email("buyer" + random.nextInt(6) + "@example.com");
            }
            if (random.nextInt(3) == 0) {
                row.code(codes[random.nextInt(codes.length)]);
            }
            for (int line = random.nextInt(3) + 1; line > 0; line--) {
                long id = lineItem++;
                Long variant = random.nextInt(10) == 0 ? null : (long) random.nextInt(20) + 1;
                row.line(id, variant, random.nextInt(4) + 1, money(random, 5, 40), money(random, 1, 40), random.nextBoolean());
                if (random.nextInt(4) == 0) {
                    row.refundLine(refund++, id, 1);
                }
            }
            row.insert();
        }
    }

    private static String money(Random random, int from, int to) {
        return BigDecimal.valueOf(from * 1000L + random.nextInt((to - from) * 1000), 3).setScale(3, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static long workspaceOf(long storeId) throws SQLException {
        return Long.parseLong(rows("SELECT workspace_id FROM store WHERE id = " + storeId).get(0));
    }

    /** A store's findings, everything but the store and the row id. */
    private static List<String> findings(long storeId) throws SQLException {
        return rows("SELECT CONCAT_WS('|', rule_code, subject, amount, currency, status, first_seen_at, last_seen_at, "
                + "IFNULL(status_reason, '-'), evidence) FROM leak_finding WHERE store_id = " + storeId + " ORDER BY rule_code, subject");
    }

    private static List<String> rows(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(sql);
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                values.add(row.getString(1));
            }
        }
        return values;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
    }
}
