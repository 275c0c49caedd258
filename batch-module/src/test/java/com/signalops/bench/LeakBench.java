package com.signalops.bench;

import com.signalops.jobs.history.TestApplicationDatabase;
import com.signalops.leaks.domain.FindingSearch;
import com.signalops.leaks.domain.FindingSort;
import com.signalops.leaks.domain.FindingStatus;
import com.signalops.leaks.domain.LeakRule;
import com.signalops.testing.EmbeddedMariaDb;
import com.signalops.testing.HeapPeak;
import com.signalops.testing.LeakStoreGenerator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;

/**
 * bench/leaks: a generated store of {@code bench.orders} orders (about 2.5 line items each, 2,000 variants, leaks of
 * every rule planted by the generator's arithmetic) written straight into the commerce tables of an embedded MariaDB;
 * then the real {@code revenue-leak-analysis} job (jberet-se, as the batch tests run it) against the same eight rules
 * written as plain SELECTs (subject and amount, no evidence, no upsert) run directly in the same run: the raw
 * baseline. Prints both times, the ratio, the heap's peak during the job and the findings per rule of both. Asserts
 * nothing; see bench/leaks/README.md.
 */
public final class LeakBench {

    private static final String DATABASE = "signalops_bench_leaks";
    private static final String PASSWORD = "bench-only";
    private static final String AS_OF = "2026-11-25 03:30:00";
    private static final String SCOPE = "o.workspace_id = %1$d AND o.store_id = %2$d AND o.created_at >= TIMESTAMP'" + AS_OF
            + "' - INTERVAL 90 DAY AND o.created_at <= TIMESTAMP'" + AS_OF + "' AND o.test = 0 AND o.cancelled_at IS NULL";
    private static final String LINES = " JOIN commerce_line_item li ON li.workspace_id = o.workspace_id AND li.store_id = o.store_id "
            + "AND li.order_id = o.order_id";

    private LeakBench() {
    }

    public static void main(String[] args) throws Exception {
        int orders = Integer.getInteger("bench.orders", 50_000);
        int port = Integer.getInteger("bench.db.port", 3397);
        EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start("bench-leaks", port);
        try {
            String url = mariaDb.recreateMigrated(DATABASE, PASSWORD);
            TestApplicationDatabase.use(url, DATABASE, PASSWORD);
            try (Connection connection = DriverManager.getConnection(url, DATABASE, PASSWORD)) {
                long workspace = insert(connection, "INSERT INTO workspace (name, status, created_at) VALUES ('Bench', 'ACTIVE', NOW(3))");
                long warmUp = store(connection, workspace, "W1");
                LeakStoreGenerator.write(connection, workspace, warmUp, 2_000, AS_OF);
                run(workspace, warmUp);
                baseline(connection, workspace, warmUp);

                long store = store(connection, workspace, "B1");
                long generatedAt = System.nanoTime();
                long lineItems = LeakStoreGenerator.write(connection, workspace, store, orders, AS_OF);
                System.out.printf("generated %,d orders, %,d line items in %.1f s%n", orders, lineItems,
                        (System.nanoTime() - generatedAt) / 1e9);

                HeapPeak heap = new HeapPeak();
                long started = System.nanoTime();
                JobExecution done = run(workspace, store);
                double jobSeconds = (System.nanoTime() - started) / 1e9;
                long peak = heap.peakBytes();
                if (done.getBatchStatus() != BatchStatus.COMPLETED) {
                    throw new IllegalStateException("the analysis ended " + done.getBatchStatus());
                }
                Map<String, Long> found = findings(connection, store);

                started = System.nanoTime();
                Map<String, Long> plain = baseline(connection, workspace, store);
                double plainSeconds = (System.nanoTime() - started) / 1e9;

                System.out.printf("%-22s %10s %10s%n", "rule", "job", "plain SQL");
                for (LeakRule rule : LeakRule.values()) {
                    System.out.printf("%-22s %,10d %,10d%s%n", rule, found.getOrDefault(rule.name(), 0L), plain.get(rule.name()),
                            found.getOrDefault(rule.name(), 0L).equals(plain.get(rule.name())) ? "" : "   DIFFERENT");
                }
                System.out.printf("revenue-leak-analysis job: %8.2f s  heap peak %,d MB (max heap %,d MB)%n", jobSeconds, peak >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
                System.out.printf("eight plain SELECTs:       %8.2f s%n", plainSeconds);
                System.out.printf("ratio job / plain SQL:     %8.2fx   (targets: job < 60 s at 1,000,000 orders, heap < 1 GB, ratio <= 1.5x)%n",
                        jobSeconds / plainSeconds);
                listPages(connection, workspace, store);
            }
        } finally {
            mariaDb.stop();
        }
        System.exit(0);
    }

    /**
     * The findings list over the store's findings: pages of 25 at offsets through the list, read as the service reads
     * them (the ids from an index, then those rows) against one plain {@code SELECT *} with the same order and limit.
     */
    private static void listPages(Connection connection, long workspace, long store) throws SQLException {
        long total;
        try (Statement count = connection.createStatement();
                ResultSet row = count.executeQuery("SELECT COUNT(*) FROM leak_finding WHERE store_id = " + store)) {
            row.next();
            total = row.getLong(1);
        }
        System.out.printf("findings list over %,d findings, pages of 25 at 20 offsets each (ms per page):%n", total);
        System.out.printf("%-10s %-12s %10s %10s %8s%n", "status", "order", "list", "plain", "ratio");
        for (Optional<FindingStatus> status : List.of(Optional.of(FindingStatus.OPEN), Optional.<FindingStatus>empty())) {
            for (FindingSort sort : FindingSort.values()) {
                FindingSearch search = new FindingSearch(workspace, store, Optional.empty(), status, sort);
                long matching = ids(connection, search.count()).get(0);
                double list = 0;
                double plain = 0;
                for (int i = 0; i < 20; i++) {
                    long offset = Math.max(0, matching - 25) * i / 19;
                    long started = System.nanoTime();
                    List<Long> page = ids(connection, search.ids(offset, 25));
                    if (!page.isEmpty()) {
                        rows(connection, "SELECT * FROM leak_finding WHERE id IN (" + page.stream().map(String::valueOf)
                                .collect(Collectors.joining(",")) + ")");
                    }
                    list += System.nanoTime() - started;
                    started = System.nanoTime();
                    String sql = search.ids(offset, 25).sql().replace("SELECT id FROM", "SELECT * FROM");
                    rows(connection, bind(sql, search.ids(offset, 25).values()));
                    plain += System.nanoTime() - started;
                }
                System.out.printf("%-10s %-12s %10.2f %10.2f %7.2fx%n", status.map(Enum::name).orElse("any"), sort.key(), list / 20 / 1e6,
                        plain / 20 / 1e6, list / plain);
            }
        }
    }

    private static List<Long> ids(Connection connection, FindingSearch.Statement statement) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(statement.sql())) {
            for (int i = 0; i < statement.values().size(); i++) {
                select.setObject(i + 1, statement.values().get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getLong(1));
                }
            }
        }
        return ids;
    }

    /** {@code sql} with its {@code ?}s replaced by the values (numbers and plain codes only): the plain query as typed. */
    private static String bind(String sql, List<Object> values) {
        String bound = sql;
        for (Object value : values) {
            bound = bound.replaceFirst("\\?", value instanceof String ? "'" + value + "'" : String.valueOf(value));
        }
        return bound;
    }

    private static void rows(Connection connection, String sql) throws SQLException {
        try (Statement select = connection.createStatement(); ResultSet row = select.executeQuery(sql)) {
            while (row.next()) {
                row.getString(1);
            }
        }
    }

    private static JobExecution run(long workspace, long store) throws InterruptedException {
        Properties parameters = new Properties();
        parameters.setProperty("workspaceId", Long.toString(workspace));
        parameters.setProperty("storeId", Long.toString(store));
        parameters.setProperty("asOf", AS_OF.replace(' ', 'T') + "Z");
        long execution = BatchRuntime.getJobOperator().start("revenue-leak-analysis", parameters);
        while (true) {
            JobExecution current = BatchRuntime.getJobOperator().getJobExecution(execution);
            BatchStatus status = current.getBatchStatus();
            if (status != BatchStatus.STARTING && status != BatchStatus.STARTED && status != BatchStatus.STOPPING) {
                return current;
            }
            Thread.sleep(20);
        }
    }

    /** The eight rules as plain SELECTs over the store, run one after the other; answers the rows each returned. */
    private static Map<String, Long> baseline(Connection connection, long workspace, long store) throws Exception {
        String scope = String.format(SCOPE, workspace, store);
        String asOf = "TIMESTAMP'" + AS_OF + "'";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("UNFULFILLED_PAID", "SELECT o.order_id, o.total_price - o.total_refunded FROM commerce_order o WHERE " + scope
                + " AND o.financial_status = 'PAID' AND o.fulfillment_status IN ('UNFULFILLED', 'PARTIALLY_FULFILLED') "
                + "AND o.created_at <= " + asOf + " - INTERVAL 48 HOUR");
        queries.put("STALE_PAYMENT", "SELECT o.order_id, o.total_price FROM commerce_order o WHERE " + scope
                + " AND o.financial_status IN ('PENDING', 'AUTHORIZED') AND o.created_at <= " + asOf + " - INTERVAL 5 DAY");
        queries.put("BELOW_COST", "SELECT li.variant_id, SUM((v.unit_cost - li.discounted_unit_price) * li.quantity) FROM commerce_order o"
                + LINES + " JOIN commerce_variant v ON v.workspace_id = li.workspace_id AND v.store_id = li.store_id "
                + "AND v.variant_id = li.variant_id WHERE " + scope + " AND li.discounted_unit_price < v.unit_cost GROUP BY li.variant_id");
        queries.put("DISCOUNT_CODE_REUSE", "SELECT code, email_hash, SUM(total_discounts) - SUBSTRING_INDEX(GROUP_CONCAT(total_discounts "
                + "ORDER BY created_at, order_id), ',', 1) FROM (SELECT DISTINCT UPPER(dc.code) AS code, o.email_hash, o.order_id, "
                + "o.created_at, o.total_discounts FROM commerce_order o JOIN commerce_order_discount_code dc ON dc.workspace_id = "
                + "o.workspace_id AND dc.store_id = o.store_id AND dc.order_id = o.order_id WHERE " + scope
                + " AND o.email_hash IS NOT NULL) d GROUP BY code, email_hash HAVING COUNT(*) >= 2");
        queries.put("REFUND_HEAVY_VARIANT", "SELECT li.variant_id, SUM(IFNULL(r.q, 0) * li.discounted_unit_price) FROM commerce_order o"
                + LINES + " LEFT JOIN (SELECT line_item_id, SUM(quantity) AS q FROM commerce_refund_line WHERE workspace_id = " + workspace
                + " AND store_id = " + store + " GROUP BY line_item_id) r ON r.line_item_id = li.line_item_id WHERE " + scope
                + " AND li.variant_id IS NOT NULL GROUP BY li.variant_id HAVING SUM(li.quantity) >= 10 "
                + "AND SUM(IFNULL(r.q, 0)) >= 0.20 * SUM(li.quantity)");
        queries.put("STOCKOUT", "SELECT v.variant_id, ROUND(SUM(li.quantity) * v.price * 7 / 30, 2) FROM commerce_order o" + LINES
                + " JOIN commerce_variant v ON v.workspace_id = li.workspace_id AND v.store_id = li.store_id AND v.variant_id = li.variant_id "
                + "WHERE " + scope + " AND o.created_at >= " + asOf + " - INTERVAL 30 DAY AND v.inventory_quantity <= 0 "
                + "GROUP BY v.variant_id, v.price HAVING SUM(li.quantity) >= 0.5 * 30");
        queries.put("SHIPPING_UNDERCHARGED", "SELECT o.order_id, 5.99 FROM commerce_order o" + LINES + " WHERE " + scope
                + " AND o.total_shipping = 0 GROUP BY o.order_id, o.total_discounts HAVING MAX(li.requires_shipping) = 1 "
                + "AND SUM(li.original_unit_price * li.quantity) - o.total_discounts < 50");
        queries.put("OVER_REFUND", "SELECT o.order_id, o.total_refunded - o.total_price FROM commerce_order o WHERE " + scope
                + " AND o.total_refunded > o.total_price");
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> query : queries.entrySet()) {
                long count = 0;
                try (ResultSet result = statement.executeQuery(query.getValue())) {
                    while (result.next()) {
                        result.getString(2);
                        count++;
                    }
                }
                rows.put(query.getKey(), count);
            }
        }
        return rows;
    }

    private static Map<String, Long> findings(Connection connection, long store) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT rule_code, COUNT(*) "
                + "FROM leak_finding WHERE store_id = " + store + " AND status = 'OPEN' GROUP BY rule_code")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    private static long store(Connection connection, long workspace, String code) throws Exception {
        return insert(connection, "INSERT INTO store (workspace_id, store_code, shop_domain, currency, timezone, created_at) VALUES ("
                + workspace + ", '" + code + "', 'bench-" + code.toLowerCase() + ".myshopify.com', 'USD', 'UTC', NOW(3))");
    }

    private static long insert(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
            try (ResultSet key = statement.getGeneratedKeys()) {
                key.next();
                return key.getLong(1);
            }
        }
    }
}
