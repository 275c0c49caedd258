package com.signalops.bench;

import com.signalops.jobs.history.TestApplicationDatabase;
import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.BulkStoreGenerator;
import com.signalops.testing.EmbeddedMariaDb;
import com.signalops.testing.HeapPeak;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * bench/import: a generated store of {@code bench.orders} orders (about 2.5 line items each) in the
 * import format, imported by the real {@code store-import} job (jberet-se, as the batch tests run
 * it) into an embedded MariaDB; then the very rows it wrote, dumped to tab-separated files, loaded
 * into the same tables for a second store with {@code LOAD DATA LOCAL INFILE}: the raw baseline of
 * the same run. Prints orders/s, rows/s, the heap's peak during the import and the ratio. Asserts
 * nothing; see bench/import/README.md.
 */
public final class ImportBench {

    private static final String DATABASE = "signalops_bench_import";
    private static final String PASSWORD = "bench-only";
    /** The tables an import writes, with the columns the baseline loads (all of each table's). */
    private static final List<String> TABLES = List.of("commerce_product", "commerce_variant", "commerce_customer", "commerce_order",
            "commerce_order_discount_code", "commerce_refund", "commerce_refund_line", "commerce_line_item");

    private ImportBench() {
    }

    public static void main(String[] args) throws Exception {
        int orders = Integer.getInteger("bench.orders", 20_000);
        int chunk = Integer.getInteger("bench.chunk", 1_000);
        int port = Integer.getInteger("bench.db.port", 3396);
        Path home = EmbeddedMariaDb.homeFolder().resolve("bench-import");
        Path importDir = home.resolve("imports");
        System.setProperty("SIGNALOPS_IMPORT_DIR", importDir.toString());
        EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start("bench-import", port);
        try {
            mariaDb.recreateDatabase(DATABASE, DATABASE, PASSWORD);
            String url = mariaDb.jdbcUrl(DATABASE) + (mariaDb.jdbcUrl(DATABASE).contains("?") ? "&" : "?") + "allowLocalInfile=true";
            Flyway.configure().dataSource(url, DATABASE, PASSWORD).locations("classpath:db/migration")
                    .placeholders(SchemaMigrator.placeholders(EmbeddedMariaDb.retentionUser(DATABASE))).load().migrate();
            TestApplicationDatabase.use(url, DATABASE, PASSWORD);
            try (Connection connection = DriverManager.getConnection(url, DATABASE, PASSWORD)) {
                long workspace = insert(connection, "INSERT INTO workspace (name, status, created_at) VALUES ('Bench', 'ACTIVE', NOW(3))");
                long imported = insert(connection, "INSERT INTO store (workspace_id, store_code, shop_domain, currency, timezone, created_at) "
                        + "VALUES (" + workspace + ", 'B1', 'bench-one.myshopify.com', 'USD', 'UTC', NOW(3))");
                long loaded = insert(connection, "INSERT INTO store (workspace_id, store_code, shop_domain, currency, timezone, created_at) "
                        + "VALUES (" + workspace + ", 'B2', 'bench-two.myshopify.com', 'USD', 'UTC', NOW(3))");
                long importId = insert(connection, "INSERT INTO store_import (workspace_id, store_id, source, resources, status, "
                        + "requested_by, requested_at) VALUES (" + workspace + ", " + imported + ", 'UPLOAD', 'products,customers,orders', "
                        + "'RUNNING', 'bench', NOW(3))");

                Path files = importDir.resolve(workspace + "/" + importId);
                deleteFolder(importDir);
                long generatedAt = System.nanoTime();
                long lineItems = new BulkStoreGenerator(orders, 1).writeTo(files);
                long bytes = 0;
                for (String file : List.of("products.jsonl", "customers.jsonl", "orders.jsonl")) {
                    bytes += Files.size(files.resolve(file));
                }
                System.out.printf("generated %,d orders, %,d line items, %,d MB of JSONL in %.1f s%n", orders, lineItems, bytes >> 20,
                        (System.nanoTime() - generatedAt) / 1e9);

                warmUp(connection, workspace, importDir);
                Properties parameters = new Properties();
                parameters.setProperty("workspaceId", Long.toString(workspace));
                parameters.setProperty("storeId", Long.toString(imported));
                parameters.setProperty("importId", Long.toString(importId));
                parameters.setProperty("chunkSize", Integer.toString(chunk));
                HeapPeak heap = new HeapPeak();
                long started = System.nanoTime();
                long execution = BatchRuntime.getJobOperator().start("store-import", parameters);
                JobExecution done = await(execution);
                double importSeconds = (System.nanoTime() - started) / 1e9;
                long peak = heap.peakBytes();
                if (done.getBatchStatus() != BatchStatus.COMPLETED) {
                    throw new IllegalStateException("the import ended " + done.getBatchStatus());
                }
                Map<String, Long> rows = counts(connection, imported);
                long totalRows = rows.values().stream().mapToLong(Long::longValue).sum();

                Path dumps = home.resolve("load-data");
                deleteFolder(dumps);
                Files.createDirectories(dumps);
                Map<String, String> columns = new LinkedHashMap<>();
                for (String table : TABLES) {
                    columns.put(table, dump(connection, table, imported, loaded, dumps.resolve(table + ".tsv")));
                }
                long loadStarted = System.nanoTime();
                try (Statement statement = connection.createStatement()) {
                    for (String table : TABLES) {
                        statement.execute("LOAD DATA LOCAL INFILE '" + dumps.resolve(table + ".tsv") + "' INTO TABLE " + table
                                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' "
                                + columns.get(table));
                    }
                }
                double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
                Map<String, Long> loadedRows = counts(connection, loaded);
                if (!loadedRows.equals(rows)) {
                    throw new IllegalStateException("the baseline loaded other rows: " + loadedRows + " vs " + rows);
                }

                System.out.println();
                System.out.printf("rows written per table: %s%n", rows);
                System.out.printf("store-import job (chunk %d):  %8.2f s  %,10.0f orders/s  %,10.0f rows/s  heap peak %,d MB (max heap %,d MB)%n",
                        chunk, importSeconds, orders / importSeconds, totalRows / importSeconds, peak >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
                System.out.printf("LOAD DATA LOCAL INFILE:       %8.2f s  %,10.0f orders/s  %,10.0f rows/s  (same %,d rows)%n", loadSeconds,
                        orders / loadSeconds, totalRows / loadSeconds, totalRows);
                System.out.printf("ratio import / LOAD DATA:     %8.2fx   (targets: >= 10,000 orders/s, heap < 512 MB)%n",
                        importSeconds / loadSeconds);
            }
        } finally {
            mariaDb.stop();
        }
        System.exit(0);
    }

    /** A small import first, so that the measured one finds the batch runtime, CDI and the JIT started. */
    private static void warmUp(Connection connection, long workspace, Path importDir) throws Exception {
        long store = insert(connection, "INSERT INTO store (workspace_id, store_code, shop_domain, currency, timezone, created_at) "
                + "VALUES (" + workspace + ", 'W1', 'bench-warm-up.myshopify.com', 'USD', 'UTC', NOW(3))");
        long importId = insert(connection, "INSERT INTO store_import (workspace_id, store_id, source, resources, status, requested_by, "
                + "requested_at) VALUES (" + workspace + ", " + store + ", 'UPLOAD', 'products,customers,orders', 'RUNNING', 'bench', NOW(3))");
        new BulkStoreGenerator(2_000, 2).writeTo(importDir.resolve(workspace + "/" + importId));
        Properties parameters = new Properties();
        parameters.setProperty("workspaceId", Long.toString(workspace));
        parameters.setProperty("storeId", Long.toString(store));
        parameters.setProperty("importId", Long.toString(importId));
        await(BatchRuntime.getJobOperator().start("store-import", parameters));
    }

    private static JobExecution await(long execution) throws InterruptedException {
        while (true) {
            JobExecution current = BatchRuntime.getJobOperator().getJobExecution(execution);
            BatchStatus status = current.getBatchStatus();
            if (status != BatchStatus.STARTING && status != BatchStatus.STARTED && status != BatchStatus.STOPPING) {
                return current;
            }
            Thread.sleep(20);
        }
    }

    private static Map<String, Long> counts(Connection connection, long store) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE store_id = " + store)) {
                    row.next();
                    counts.put(table, row.getLong(1));
                }
            }
        }
        return counts;
    }

    /**
     * The rows of {@code store} in {@code table} as LOAD DATA reads them, moved to store
     * {@code target}, binary columns in hex; answers the column list and SET clause that load them.
     */
    private static String dump(Connection connection, String table, long store, long target, Path file) throws Exception {
        List<String> list = new java.util.ArrayList<>();
        List<String> sets = new java.util.ArrayList<>();
        try (Statement statement = connection.createStatement(); BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            statement.setFetchSize(10_000);
            try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " WHERE store_id = " + store)) {
                ResultSetMetaData meta = rows.getMetaData();
                boolean[] binary = new boolean[meta.getColumnCount() + 1];
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String name = meta.getColumnName(i);
                    binary[i] = meta.getColumnType(i) == java.sql.Types.BINARY || meta.getColumnType(i) == java.sql.Types.VARBINARY;
                    list.add(binary[i] ? "@" + name : name);
                    if (binary[i]) {
                        sets.add(name + " = UNHEX(@" + name + ")");
                    }
                }
                java.util.HexFormat hex = java.util.HexFormat.of();
                while (rows.next()) {
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        if (i > 1) {
                            out.write('\t');
                        }
                        if (meta.getColumnName(i).equalsIgnoreCase("store_id")) {
                            out.write(Long.toString(target));
                            continue;
                        }
                        Object value = binary[i] ? rows.getBytes(i) : rows.getString(i);
                        if (value == null) {
                            out.write("\\N");
                        } else if (value instanceof byte[] bytes) {
                            out.write(hex.formatHex(bytes));
                        } else {
                            out.write(value.toString().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"));
                        }
                    }
                    out.write('\n');
                }
            }
        }
        return "(" + String.join(", ", list) + ")" + (sets.isEmpty() ? "" : " SET " + String.join(", ", sets));
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

    private static void deleteFolder(Path folder) throws Exception {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
    }
}
