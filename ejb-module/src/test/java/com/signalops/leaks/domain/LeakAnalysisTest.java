package com.signalops.leaks.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.shared.BusinessException;
import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.CommerceRows;
import com.signalops.testing.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The eight rules of the revenue-leak contract run in a real MariaDB on rows written straight into a store's
 * commerce tables: for each a match, the near misses on both sides of its boundaries, the exclusions and the
 * amount to the cent; then the life of findings over several runs.
 */
class LeakAnalysisTest {

    private static final String DATABASE = "signalops_leak_rules";
    private static final String PASSWORD = "leak-rules-test-only";
    private static final Instant AS_OF = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration MS = Duration.ofMillis(1);
    private static EmbeddedMariaDb mariaDb;
    private static long workspaceId;

    private Connection connection;
    private CommerceRows store;

    @BeforeAll
    static void startDatabase() throws SQLException {
        mariaDb = EmbeddedMariaDb.start("test", Integer.getInteger("signalops.test.db.port", 3316));
        mariaDb.recreateDatabase(DATABASE, DATABASE, PASSWORD);
        Flyway.configure().dataSource(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD).locations("classpath:db/migration")
                .placeholders(SchemaMigrator.placeholders(EmbeddedMariaDb.retentionUser(DATABASE))).load().migrate();
        try (Connection connection = DriverManager.getConnection(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD)) {
            workspaceId = CommerceRows.newWorkspace(connection, "Leaks");
        }
    }

    @AfterAll
    static void stopDatabase() {
        mariaDb.stop();
    }

    @BeforeEach
    void newStore() throws SQLException {
        connection = DriverManager.getConnection(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
        store = CommerceRows.newStore(connection, workspaceId);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static Instant ago(Duration duration) {
        return AS_OF.minus(duration);
    }

    private static Instant daysAgo(int days) {
        return AS_OF.minus(Duration.ofDays(days));
    }

    // UNFULFILLED_PAID

    @Test
    void unfulfilledPaidMatchesFromExactly48HoursOldNetOfRefunds() throws SQLException {
        store.order(1, ago(Duration.ofHours(48))).status("PAID", "UNFULFILLED").total("30.00").refunded("5.00").insert();
        store.order(2, daysAgo(10)).status("PAID", "PARTIALLY_FULFILLED").total("10.005").insert();
        store.order(3, daysAgo(10)).status("PAID", "UNFULFILLED").total("10.015").insert();
        store.order(4, ago(Duration.ofHours(48)).plus(MS)).status("PAID", "UNFULFILLED").insert();
        store.order(5, daysAgo(10)).status("PAID", "ON_HOLD").insert();
        store.order(6, daysAgo(10)).status("PAID", "IN_PROGRESS").insert();
        store.order(7, daysAgo(10)).status("PARTIALLY_REFUNDED", "UNFULFILLED").insert();
        store.order(8, daysAgo(10)).status("PAID", "FULFILLED").insert();
        store.order(9, daysAgo(90)).status("PAID", "UNFULFILLED").total("1.00").insert();
        exclusions((id, at) -> store.order(id, at).status("PAID", "UNFULFILLED"));

        assertEquals(List.of("order:1=25.00", "order:2=10.00", "order:3=10.02", "order:9=1.00"), open(LeakRule.UNFULFILLED_PAID),
                "48 h old inclusive, net of refunds, half-even (10.005 -> 10.00, 10.015 -> 10.02), the window's first instant inclusive");
    }

    // STALE_PAYMENT

    @Test
    void stalePaymentMatchesPendingOrAuthorizedFromExactlyFiveDaysOld() throws SQLException {
        store.order(1, daysAgo(5)).status("PENDING", "UNFULFILLED").total("12.345").insert();
        store.order(2, daysAgo(6)).status("AUTHORIZED", "UNFULFILLED").total("12.355").insert();
        store.order(3, daysAgo(5).plus(MS)).status("PENDING", "UNFULFILLED").insert();
        store.order(4, daysAgo(6)).status("PARTIALLY_PAID", "UNFULFILLED").insert();
        store.order(5, daysAgo(6)).status("EXPIRED", "UNFULFILLED").insert();
        exclusions((id, at) -> store.order(id, at).status("PENDING", "UNFULFILLED"));

        assertEquals(List.of("order:1=12.34", "order:2=12.36"), open(LeakRule.STALE_PAYMENT));
    }

    // BELOW_COST

    @Test
    void belowCostSumsTheShortfallOfInScopeLinesSoldUnderTheVariantsCost() throws SQLException {
        store.variant(100).cost("10.00").insert();
        store.variant(101).cost(null).insert();
        store.variant(102).cost("5.00").insert();
        store.order(1, daysAgo(3)).line(11, 100L, 3, "12.00", "9.50").line(12, 100L, 1, "12.00", "10.00")
                .line(13, 100L, 1, "12.00", "9.995").line(14, 100L, 2, "12.00", "10.01").line(15, null, 1, "12.00", "1.00")
                .line(16, 101L, 1, "12.00", "1.00").line(17, 102L, 1, "6.00", "5.00").insert();
        store.order(2, daysAgo(3)).cancelledAt(daysAgo(2)).line(21, 100L, 5, "12.00", "1.00").insert();
        store.order(3, daysAgo(3)).test().line(31, 100L, 5, "12.00", "1.00").insert();
        store.order(4, daysAgo(90).minus(MS)).line(41, 100L, 5, "12.00", "1.00").insert();
        store.order(5, AS_OF.plus(MS)).line(51, 100L, 5, "12.00", "1.00").insert();

        assertEquals(List.of("variant:100=1.50"), open(LeakRule.BELOW_COST),
                "3 x 0.50 + 1 x 0.005 = 1.505, half-even 1.50; at cost, above cost, no cost, no variant, excluded orders add nothing");
        String evidence = evidence(LeakRule.BELOW_COST, "variant:100");
        assertTrue(evidence.contains("\"lineItemCount\": 2") && evidence.contains("\"lineItem\": 11") && evidence.contains("\"unitCost\": "
                + "\"10.0000\""), evidence);
    }

    // DISCOUNT_CODE_REUSE

    @Test
    void discountCodeReuseCountsEveryOrderOfACodeAndEmailButTheEarliest() throws SQLException {
        store.order(1, daysAgo(10)).email("ann@example.com").code("SAVE").discounts("5.00").insert();
        store.order(2, daysAgo(5)).email("ann@example.com").code("save").code("Save").discounts("7.25").insert();
        store.order(3, daysAgo(4)).email("ann@example.com").code("SAVE").discounts("0.005").insert();
        // ties on createdAt: the smaller id, as a number, is the earliest
        store.order(10, daysAgo(8)).email("bob@example.com").code("TIE").discounts("4.00").insert();
        store.order(9, daysAgo(8)).email("bob@example.com").code("TIE").discounts("3.00").insert();
        // near misses: one order per code and email
        store.order(20, daysAgo(8)).email("cy@example.com").code("ONCE").discounts("4.00").insert();
        store.order(21, daysAgo(7)).email("dee@example.com").code("ONCE").discounts("4.00").insert();
        store.order(22, daysAgo(7)).email("cy@example.com").code(" ONCE").discounts("4.00").insert();
        // no email, cancelled, test, out of the window
        store.order(30, daysAgo(8)).code("NOMAIL").discounts("4.00").insert();
        store.order(31, daysAgo(7)).code("NOMAIL").discounts("4.00").insert();
        store.order(32, daysAgo(7)).email("ann@example.com").code("SAVE").discounts("50.00").cancelledAt(daysAgo(6)).insert();
        store.order(33, daysAgo(7)).email("ann@example.com").code("SAVE").discounts("50.00").test().insert();
        store.order(34, daysAgo(91)).email("ann@example.com").code("SAVE").discounts("50.00").insert();
        store.order(35, daysAgo(91)).email("eve@example.com").code("OLD").discounts("50.00").insert();
        store.order(36, daysAgo(1)).email("eve@example.com").code("OLD").discounts("50.00").insert();

        List<String> found = open(LeakRule.DISCOUNT_CODE_REUSE);
        assertEquals(List.of("SAVE=7.26", "TIE=4.00"), found.stream().map(f -> f.substring(f.lastIndexOf(':') + 1)).sorted().toList(),
                "7.25 + 0.005 = 7.255 half-even 7.26 (order 1 is the earliest; order 2's two spellings count once); order 9 is earliest");
        String save = found.stream().filter(f -> f.endsWith(":SAVE=7.26")).findFirst().orElseThrow();
        String evidence = evidence(LeakRule.DISCOUNT_CODE_REUSE, save.substring(0, save.indexOf('=')));
        assertTrue(evidence.contains("\"earliestOrder\": 1") && evidence.contains("\"orderCount\": 3"), evidence);
        assertTrue(!evidence.contains("example.com"), "no email in the evidence");
    }

    // REFUND_HEAVY_VARIANT

    @Test
    void refundHeavyVariantMatchesFromTenUnitsAndATwentyPercentRefundRate() throws SQLException {
        // 300: 10 units, 2 refunded (exactly the thresholds); variant known only from line items
        store.order(1, daysAgo(3)).line(11, 300L, 6, "20.00", "18.335").line(12, 300L, 4, "20.00", "15.00")
                .refundLine(901, 11, 1).refundLine(902, 11, 1).insert();
        // 301: 9 units, 3 refunded; 302: 10 units, 1 refunded
        store.order(2, daysAgo(3)).line(21, 301L, 9, "20.00", "10.00").line(22, 302L, 10, "20.00", "10.00")
                .refundLine(903, 21, 3).refundLine(903, 22, 1).insert();
        // 303: 10 in-scope units, 2 refunded, but the refunds of excluded orders' lines and their units add nothing
        store.order(3, daysAgo(3)).line(31, 303L, 10, "20.00", "10.00").refundLine(904, 31, 1).insert();
        store.order(4, daysAgo(3)).cancelledAt(daysAgo(2)).line(41, 303L, 1, "20.00", "10.00").refundLine(905, 41, 1).insert();
        store.order(5, daysAgo(3)).test().line(51, 303L, 1, "20.00", "10.00").refundLine(906, 51, 1).insert();
        store.order(6, daysAgo(91)).line(61, 303L, 1, "20.00", "10.00").refundLine(907, 61, 1).insert();
        // no variant
        store.order(7, daysAgo(3)).line(71, null, 10, "20.00", "10.00").refundLine(908, 71, 5).insert();

        assertEquals(List.of("variant:300=36.67"), open(LeakRule.REFUND_HEAVY_VARIANT), "2 x 18.335 = 36.67");
    }

    // STOCKOUT

    @Test
    void stockoutRoundsUnitsTimesPriceTimesLostDaysOverVelocityDaysOnceHalfEven() throws SQLException {
        store.variant(400).price("1.05").inventory(0).insert();
        store.variant(401).price("1.05").inventory(-2).insert();
        store.variant(402).price("1.05").inventory(1).insert();
        store.variant(403).price("1.05").inventory(null).insert();
        store.variant(404).price("1.05").inventory(0).insert();
        // 400: 17 units in the window (the window's first instant included) -> 17/30 x 1.05 x 7 = 4.165 -> 4.16
        store.order(1, daysAgo(30)).line(11, 400L, 10, "1.05", "1.05").line(21, 401L, 15, "1.05", "1.05")
                .line(31, 402L, 30, "1.05", "1.05").line(41, 403L, 30, "1.05", "1.05").line(51, 404L, 14, "1.05", "1.05").insert();
        // a voided order that is not cancelled still sold its units
        store.order(2, daysAgo(1)).status("VOIDED", "UNFULFILLED").line(12, 400L, 7, "1.05", "1.05").insert();
        // before the velocity window, cancelled, test: add nothing
        store.order(3, daysAgo(30).minus(MS)).line(13, 400L, 50, "1.05", "1.05").line(53, 404L, 1, "1.05", "1.05").insert();
        store.order(4, daysAgo(2)).cancelledAt(daysAgo(1)).line(54, 404L, 1, "1.05", "1.05").insert();
        store.order(5, daysAgo(2)).test().line(55, 404L, 1, "1.05", "1.05").insert();

        assertEquals(List.of("variant:400=4.16", "variant:401=3.68"), open(LeakRule.STOCKOUT),
                "17 -> 4.165 -> 4.16; 401 at exactly 0.5 a day: 15 x 1.05 x 7 / 30 = 3.675 -> 3.68; in stock, unknown stock and 14 units "
                        + "do not match");
    }

    // SHIPPING_UNDERCHARGED

    @Test
    void shippingUnderchargedMatchesShippedOrdersUnderTheFreeShippingThresholdWithoutShipping() throws SQLException {
        store.order(1, daysAgo(3)).shipping("0").line(11, 1L, 3, "15.00", "15.00", true).insert();
        store.order(2, daysAgo(3)).shipping("0").discounts("5.01").line(21, 1L, 1, "55.00", "49.99", true).insert();
        store.order(3, daysAgo(3)).shipping("0").discounts("5.00").line(31, 1L, 1, "55.00", "50.00", true).insert();
        store.order(4, daysAgo(3)).shipping("0").line(41, 1L, 1, "40.00", "40.00", true).line(42, null, 1, "10.00", "10.00").insert();
        store.order(5, daysAgo(3)).shipping("0.01").line(51, 1L, 1, "10.00", "10.00", true).insert();
        store.order(6, daysAgo(3)).shipping("0").line(61, 1L, 1, "10.00", "10.00", false).insert();
        store.order(7, daysAgo(3)).shipping("0").line(71, null, 1, "10.00", "10.00", true).insert();
        exclusions((id, at) -> store.order(id, at).shipping("0").line(id * 10, 1L, 1, "10.00", "10.00", true));

        assertEquals(List.of("order:1=5.99", "order:2=5.99", "order:7=5.99"), open(LeakRule.SHIPPING_UNDERCHARGED),
                "gross - discounts of 45.00 and 49.99 match, 50.00 does not; a line without a variant counts in gross and shipping");
    }

    // OVER_REFUND

    @Test
    void overRefundMatchesWhenMoreWasRefundedThanPaid() throws SQLException {
        store.order(1, daysAgo(3)).total("100.00").refunded("100.01").insert();
        store.order(2, daysAgo(3)).total("100.00").refunded("100.00").insert();
        store.order(3, daysAgo(3)).total("10.0000").refunded("12.3450").insert();
        exclusions((id, at) -> store.order(id, at).total("1.00").refunded("2.00"));

        assertEquals(List.of("order:1=0.01", "order:3=2.34"), open(LeakRule.OVER_REFUND));
    }

    // the life of findings

    @Test
    void runningTwiceGivesTheSameFindings() throws SQLException {
        plantOneOfEach();
        runAll(analysis());
        List<String> first = all();
        List<LeakAnalysis.RuleOutcome> second = runAll(analysis());

        assertEquals(first, all());
        assertEquals(8, first.size(), "one finding per rule: " + first);
        assertTrue(second.stream().allMatch(o -> o.matched() == 1 && o.resolved() == 0), second.toString());
    }

    @Test
    void aRunAfterTheDataChangedResolvesWhatNoLongerMatches() throws SQLException {
        plantOneOfEach();
        runAll(analysis());
        store.update("UPDATE commerce_order SET fulfillment_status = 'FULFILLED' WHERE workspace_id = ? AND store_id = ? AND order_id = 1");
        store.update("UPDATE commerce_order SET total_refunded = 0 WHERE workspace_id = ? AND store_id = ? AND order_id = 8");

        runAll(analysis());

        assertEquals(List.of("OVER_REFUND|order:8|RESOLVED|analysis|no longer matches",
                "UNFULFILLED_PAID|order:1|RESOLVED|analysis|no longer matches"), rows("SELECT CONCAT_WS('|', rule_code, subject, status, "
                + "status_changed_by, status_reason) FROM leak_finding WHERE store_id = " + store.storeId()
                + " AND status <> 'OPEN' ORDER BY rule_code"));
        assertEquals(6, rows("SELECT id FROM leak_finding WHERE status = 'OPEN' AND store_id = " + store.storeId()).size());

        store.update("UPDATE commerce_order SET fulfillment_status = 'UNFULFILLED' WHERE workspace_id = ? AND store_id = ? AND order_id = 1");
        analysis().run(connection, LeakRule.UNFULFILLED_PAID);
        assertEquals(List.of("OPEN|matches again"), rows("SELECT CONCAT_WS('|', status, status_reason) FROM leak_finding WHERE "
                + "rule_code = 'UNFULFILLED_PAID' AND store_id = " + store.storeId()), "a resolved finding that matches again reopens");
    }

    @Test
    void aDismissedFindingStaysDismissedUnlessItsAmountChanges() throws SQLException {
        store.order(1, daysAgo(3)).total("100.00").refunded("110.00").insert();
        analysis().run(connection, LeakRule.OVER_REFUND);
        store.update("UPDATE leak_finding SET status = 'DISMISSED', status_changed_by = '42', status_reason = 'goodwill refund' "
                + "WHERE workspace_id = ? AND store_id = ?");

        analysis().run(connection, LeakRule.OVER_REFUND);
        assertEquals(List.of("DISMISSED|42|goodwill refund|10.00"), triage(), "same amount: stays dismissed");

        store.update("UPDATE commerce_order SET total_refunded = 120 WHERE workspace_id = ? AND store_id = ?");
        analysis().run(connection, LeakRule.OVER_REFUND);
        assertEquals(List.of("OPEN|analysis|amount changed from 10.00 to 20.00|20.00"), triage(), "a new amount reopens it");

        store.update("UPDATE leak_finding SET status = 'DISMISSED' WHERE workspace_id = ? AND store_id = ?");
        store.update("UPDATE commerce_order SET total_refunded = 0 WHERE workspace_id = ? AND store_id = ?");
        analysis().run(connection, LeakRule.OVER_REFUND);
        assertEquals("DISMISSED", triage().get(0).split("\\|")[0], "a dismissed finding that no longer matches stays dismissed");
    }

    @Test
    void storeSettingsAndOverridesMoveTheThresholds() throws SQLException {
        store.order(1, daysAgo(3)).status("PAID", "UNFULFILLED").insert();
        store.update("INSERT INTO leak_rule_setting (workspace_id, store_id, unfulfilled_hours, updated_by, updated_at) "
                + "VALUES (?, ?, 100, 'test', UTC_TIMESTAMP(3))");
        LeakSettings stored = LeakSettings.ofStore(connection, store.workspaceId(), store.storeId());
        assertEquals(100, stored.unfulfilledHours());
        assertEquals(0, new LeakAnalysis(store.workspaceId(), store.storeId(), AS_OF, stored).run(connection, LeakRule.UNFULFILLED_PAID)
                .matched());

        LeakSettings overridden = stored.with(Map.of("unfulfilledHours", "72", "jobName", "ignored"));
        assertEquals(1, new LeakAnalysis(store.workspaceId(), store.storeId(), AS_OF, overridden).run(connection,
                LeakRule.UNFULFILLED_PAID).matched());
        assertThrows(BusinessException.class, () -> LeakSettings.DEFAULTS.with(Map.of("refundRate", "1.5")));
        assertThrows(BusinessException.class, () -> LeakSettings.DEFAULTS.with(Map.of("lookbackDays", "ninety")));
    }

    @Test
    void anotherStoresRowsAndFindingsAreNotTouched() throws SQLException {
        plantOneOfEach();
        CommerceRows other = CommerceRows.newStore(connection, workspaceId);
        other.order(1, daysAgo(3)).total("1.00").refunded("2.00").insert();
        runAll(new LeakAnalysis(workspaceId, other.storeId(), AS_OF, LeakSettings.DEFAULTS));
        runAll(analysis());

        assertEquals(List.of("OVER_REFUND|order:1|1.00"), rows("SELECT CONCAT_WS('|', rule_code, subject, amount) FROM leak_finding "
                + "WHERE store_id = " + other.storeId()));
        assertEquals(8, all().size());
    }

    @Test
    void eachDaysOpenTotalsAreRecordedPerRuleAndALaterRunOfTheSameDayReplacesThem() throws SQLException {
        plantOneOfEach();
        LeakAnalysis analysis = analysis();
        runAll(analysis);
        analysis.recordDailyTotals(connection);
        assertEquals(List.of("BELOW_COST|1|1.00", "DISCOUNT_CODE_REUSE|1|6.00", "OVER_REFUND|1|1.00", "REFUND_HEAVY_VARIANT|1|25.00",
                "SHIPPING_UNDERCHARGED|1|5.99", "STALE_PAYMENT|1|" + amountOf(LeakRule.STALE_PAYMENT), "STOCKOUT|1|"
                + amountOf(LeakRule.STOCKOUT), "UNFULFILLED_PAID|1|" + amountOf(LeakRule.UNFULFILLED_PAID)), dailyTotals("2026-11-25"));

        store.update("UPDATE commerce_order SET total_refunded = 0 WHERE workspace_id = ? AND store_id = ? AND order_id = 8");
        store.update("UPDATE leak_finding SET status = 'DISMISSED' WHERE workspace_id = ? AND store_id = ? AND rule_code = 'STOCKOUT'");
        runAll(analysis);
        analysis.recordDailyTotals(connection);
        List<String> replaced = dailyTotals("2026-11-25");
        assertEquals(8, replaced.size(), "every rule has its row, zeros included: " + replaced);
        assertTrue(replaced.contains("OVER_REFUND|0|0.00") && replaced.contains("STOCKOUT|0|0.00"),
                "resolved and dismissed findings are not open: " + replaced);

        new LeakAnalysis(workspaceId, store.storeId(), AS_OF.plus(Duration.ofDays(1)), LeakSettings.DEFAULTS).recordDailyTotals(connection);
        assertEquals(replaced, dailyTotals("2026-11-25"), "another day leaves this one alone");
        assertEquals(8, dailyTotals("2026-11-26").size());
    }

    @Test
    void progressCountsTheRulesDoneAndARestartCountsAgain() throws SQLException {
        Instant now = Instant.parse("2026-11-25T13:00:00Z");
        AnalysisProgress progress = new AnalysisProgress(77, workspaceId, store.storeId(), java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        progress.started(connection, AS_OF);
        progress.ruleDone(connection);
        progress.ruleDone(connection);
        assertEquals(List.of("2|8|"), progressRow());
        progress.started(connection, AS_OF);
        for (int i = 0; i < LeakRule.values().length; i++) {
            progress.ruleDone(connection);
        }
        progress.finished(connection);
        assertEquals(List.of("8|8|2026-11-25 13:00:00.000"), progressRow());
    }

    private List<String> progressRow() throws SQLException {
        return rows("SELECT CONCAT_WS('|', rules_done, rules_total, COALESCE(finished_at, '')) FROM leak_analysis_progress "
                + "WHERE job_instance_id = 77 AND store_id = " + store.storeId());
    }

    private String amountOf(LeakRule rule) throws SQLException {
        return rows("SELECT amount FROM leak_finding WHERE store_id = " + store.storeId() + " AND rule_code = '" + rule.name() + "'").get(0);
    }

    private List<String> dailyTotals(String day) throws SQLException {
        return rows("SELECT CONCAT_WS('|', rule_code, open_count, open_amount) FROM leak_daily_total WHERE store_id = " + store.storeId()
                + " AND day = '" + day + "' ORDER BY rule_code");
    }

    /** One match of each rule (order 1 unfulfilled, 2 stale, 3 and 4 a reused code, variant 500 below cost, ...). */
    private void plantOneOfEach() throws SQLException {
        store.variant(500).cost("10.00").insert();
        store.variant(501).price("2.00").inventory(0).insert();
        store.order(1, daysAgo(3)).status("PAID", "UNFULFILLED").insert();
        store.order(2, daysAgo(6)).status("PENDING", "UNFULFILLED").insert();
        store.order(3, daysAgo(8)).email("ann@example.com").code("SAVE").discounts("5.00").insert();
        store.order(4, daysAgo(7)).email("ann@example.com").code("SAVE").discounts("6.00").insert();
        store.order(5, daysAgo(3)).line(51, 500L, 1, "12.00", "9.00").insert();
        store.order(6, daysAgo(3)).line(61, 502L, 10, "5.00", "5.00").refundLine(601, 61, 5).line(62, 501L, 20, "2.00", "2.00").insert();
        store.order(7, daysAgo(3)).shipping("0").line(71, null, 1, "10.00", "10.00", true).insert();
        store.order(8, daysAgo(3)).total("10.00").refunded("11.00").insert();
    }

    /** Orders 1001-1004 made by {@code order}: cancelled, test, before the window, after asOf; none may match. */
    private void exclusions(OrderMaker order) throws SQLException {
        order.make(1001, daysAgo(10)).cancelledAt(daysAgo(9)).insert();
        order.make(1002, daysAgo(10)).test().insert();
        order.make(1003, daysAgo(90).minus(MS)).insert();
        order.make(1004, AS_OF.plus(MS)).insert();
    }

    @FunctionalInterface
    private interface OrderMaker {
        CommerceRows.Order make(long id, Instant createdAt);
    }

    /** The eight rules in order, each in its transaction, as the job's batchlet runs them. */
    private List<LeakAnalysis.RuleOutcome> runAll(LeakAnalysis analysis) throws SQLException {
        List<LeakAnalysis.RuleOutcome> outcomes = new ArrayList<>();
        for (LeakRule rule : LeakRule.values()) {
            outcomes.add(analysis.run(connection, rule));
        }
        return outcomes;
    }

    private LeakAnalysis analysis() {
        return new LeakAnalysis(workspaceId, store.storeId(), AS_OF, LeakSettings.DEFAULTS);
    }

    /** The open findings of {@code rule} after running it, as subject=amount. */
    private List<String> open(LeakRule rule) throws SQLException {
        analysis().run(connection, rule);
        return rows("SELECT CONCAT(subject, '=', amount) FROM leak_finding WHERE status = 'OPEN' AND store_id = " + store.storeId()
                + " AND rule_code = '" + rule.name() + "' ORDER BY subject");
    }

    private String evidence(LeakRule rule, String subject) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT evidence FROM leak_finding WHERE store_id = ? AND rule_code = ? "
                + "AND subject = ?")) {
            select.setLong(1, store.storeId());
            select.setString(2, rule.name());
            select.setString(3, subject);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private List<String> all() throws SQLException {
        return rows("SELECT CONCAT_WS('|', id, rule_code, subject, amount, currency, status, first_seen_at, last_seen_at, evidence) "
                + "FROM leak_finding WHERE store_id = " + store.storeId() + " ORDER BY id");
    }

    private List<String> triage() throws SQLException {
        return rows("SELECT CONCAT_WS('|', status, status_changed_by, status_reason, amount) FROM leak_finding WHERE store_id = "
                + store.storeId());
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet row = select.executeQuery()) {
            while (row.next()) {
                values.add(row.getString(1));
            }
        }
        return values;
    }
}
