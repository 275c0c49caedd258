package com.signalops.leaks.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.CommerceRows;
import com.signalops.testing.EmbeddedMariaDb;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The findings list at 100,000 findings of one store (and 10,000 of a neighbour): for every filter and order the
 * list offers, the page query reads its ids from an index alone, and with a status chosen (the console's default)
 * along the order of an index, never sorting; and the pages it gives are the findings in exactly the order asked,
 * deep pages included, as sorting all of them in Java says.
 */
class FindingSearchPlanTest {

    private static final String DATABASE = "signalops_finding_plans";
    private static final String PASSWORD = "finding-plans-test-only";
    private static final int FINDINGS = 100_000;
    private static EmbeddedMariaDb mariaDb;
    private static Connection connection;
    private static long workspaceId;
    private static long storeId;

    @BeforeAll
    static void hundredThousandFindings() throws SQLException {
        mariaDb = EmbeddedMariaDb.start("test", Integer.getInteger("signalops.test.db.port", 3316));
        mariaDb.recreateDatabase(DATABASE, DATABASE, PASSWORD);
        Flyway.configure().dataSource(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD).locations("classpath:db/migration")
                .placeholders(SchemaMigrator.placeholders(EmbeddedMariaDb.retentionUser(DATABASE))).load().migrate();
        connection = DriverManager.getConnection(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
        workspaceId = CommerceRows.newWorkspace(connection, "Finding plans");
        storeId = CommerceRows.newStore(connection, workspaceId).storeId();
        long neighbour = CommerceRows.newStore(connection, workspaceId).storeId();
        plant(storeId, FINDINGS);
        plant(neighbour, FINDINGS / 10);
        try (PreparedStatement analyze = connection.prepareStatement("ANALYZE TABLE leak_finding")) {
            analyze.execute();
        }
    }

    /** {@code count} findings: statuses 7 in 10 open, the rest spread; rules in turn; amounts with many ties; days apart. */
    private static void plant(long store, int count) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO leak_finding (workspace_id, store_id, rule_code, subject, "
                + "amount, currency, evidence, first_seen_at, last_seen_at, status, run_token) SELECT ?, ?, "
                + "ELT(1 + seq % 8, 'UNFULFILLED_PAID', 'STALE_PAYMENT', 'BELOW_COST', 'DISCOUNT_CODE_REUSE', 'REFUND_HEAVY_VARIANT', "
                + "'STOCKOUT', 'SHIPPING_UNDERCHARGED', 'OVER_REFUND'), CONCAT('order:', seq), (seq * 7919) % 5000 / 100, 'USD', "
                + "JSON_OBJECT('orders', JSON_ARRAY(seq)), TIMESTAMP('2026-01-01') + INTERVAL (seq * 31) % 300 DAY, "
                + "TIMESTAMP('2026-11-01'), IF(seq % 10 < 7, 'OPEN', ELT(1 + seq % 3, 'ACKNOWLEDGED', 'RESOLVED', 'DISMISSED')), "
                + "UNHEX(MD5(seq)) FROM seq_1_to_" + count)) {
            insert.setLong(1, workspaceId);
            insert.setLong(2, store);
            insert.executeUpdate();
        }
    }

    @AfterAll
    static void stopDatabase() throws SQLException {
        connection.close();
        mariaDb.stop();
    }

    @Test
    void everyPageQueryReadsAnIndexAloneAndWithAStatusNeverSorts() throws SQLException {
        List<String> plans = new ArrayList<>();
        for (Optional<FindingStatus> status : List.of(Optional.of(FindingStatus.OPEN), Optional.of(FindingStatus.DISMISSED),
                Optional.<FindingStatus>empty())) {
            for (Optional<LeakRule> rule : List.of(Optional.<LeakRule>empty(), Optional.of(LeakRule.STOCKOUT))) {
                for (FindingSort sort : FindingSort.values()) {
                    FindingSearch search = new FindingSearch(workspaceId, storeId, rule, status, sort);
                    for (FindingSearch.Statement statement : List.of(search.ids(0, 25), search.ids(FINDINGS / 2, 25), search.count())) {
                        String[] plan = explain(statement);
                        String described = status + " " + rule + " " + sort + " " + statement.sql() + ": key " + plan[0] + ", " + plan[1];
                        plans.add(described);
                        assertNotNull(plan[0], "an index is used: " + described);
                        assertTrue(plan[1].contains("Using index"), "the ids come from the index alone: " + described);
                        if (status.isPresent()) {
                            assertFalse(plan[1].contains("filesort"), "read in the index's order, not sorted: " + described);
                        }
                    }
                }
            }
        }
        assertEquals(3 * 2 * FindingSort.values().length * 3, plans.size());
    }

    @Test
    void pagesHoldTheFindingsInExactlyTheOrderAskedDeepPagesIncluded() throws SQLException {
        for (FindingSort sort : FindingSort.values()) {
            for (Optional<FindingStatus> status : List.of(Optional.of(FindingStatus.OPEN), Optional.<FindingStatus>empty())) {
                FindingSearch search = new FindingSearch(workspaceId, storeId, Optional.of(LeakRule.BELOW_COST), status, sort);
                List<Row> all = rows(status);
                all.sort(comparator(sort));
                assertEquals(all.size(), count(search.count()));
                for (int offset : List.of(0, 25, all.size() / 2, all.size() - 10)) {
                    List<Long> expected = all.subList(offset, Math.min(all.size(), offset + 25)).stream().map(Row::id).toList();
                    assertEquals(expected, ids(search.ids(offset, 25)), sort + " " + status + " from " + offset);
                }
            }
        }
    }

    private record Row(long id, BigDecimal amount, Timestamp firstSeen) {
    }

    private static Comparator<Row> comparator(FindingSort sort) {
        Comparator<Row> ascending = switch (sort) {
            case AMOUNT_DESC, AMOUNT_ASC -> Comparator.comparing(Row::amount).thenComparing(Row::id);
            case FIRST_SEEN_DESC, FIRST_SEEN_ASC -> Comparator.comparing(Row::firstSeen).thenComparing(Row::id);
        };
        return sort == FindingSort.AMOUNT_DESC || sort == FindingSort.FIRST_SEEN_DESC ? ascending.reversed() : ascending;
    }

    private static List<Row> rows(Optional<FindingStatus> status) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, amount, first_seen_at FROM leak_finding WHERE store_id = ? "
                + "AND rule_code = 'BELOW_COST'" + (status.isPresent() ? " AND status = '" + status.get().name() + "'" : ""))) {
            select.setLong(1, storeId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new Row(row.getLong(1), row.getBigDecimal(2), row.getTimestamp(3)));
                }
            }
        }
        return rows;
    }

    /** The key the plan's one table access uses and its Extra column. */
    private static String[] explain(FindingSearch.Statement statement) throws SQLException {
        try (PreparedStatement explain = prepare("EXPLAIN " + statement.sql(), statement.values()); ResultSet plan = explain.executeQuery()) {
            assertTrue(plan.next());
            String[] described = {plan.getString("key"), String.valueOf(plan.getString("Extra"))};
            assertFalse(plan.next(), "one table access");
            return described;
        }
    }

    private static List<Long> ids(FindingSearch.Statement statement) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select = prepare(statement.sql(), statement.values()); ResultSet row = select.executeQuery()) {
            while (row.next()) {
                ids.add(row.getLong(1));
            }
        }
        return ids;
    }

    private static long count(FindingSearch.Statement statement) throws SQLException {
        try (PreparedStatement select = prepare(statement.sql(), statement.values()); ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static PreparedStatement prepare(String sql, List<Object> values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }
}
