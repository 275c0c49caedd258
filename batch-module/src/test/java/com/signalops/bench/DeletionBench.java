package com.signalops.bench;

import com.signalops.commerce.domain.CommerceWebhookChanges;
import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.commerce.domain.WebhookPayloads;
import com.signalops.commerce.domain.WebhookSamples;
import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.domain.VaultTestKeys;
import com.signalops.jobs.history.TestApplicationDatabase;
import com.signalops.privacy.domain.DeletionPlan;
import com.signalops.testing.EmbeddedMariaDb;
import com.signalops.testing.LeakStoreGenerator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/deletion: two generated stores of {@code bench.orders} orders each in an embedded MariaDB; one deleted by the
 * real {@code data-deletion} job (jberet-se, as the batch tests run it), the other by a plain chunked {@code DELETE}
 * script over the same tables in the same order, in the same run: the raw baseline. While each runs, a third store
 * takes order webhooks as the server applies them (CommerceWebhookChanges, a transaction per delivery, on a
 * connection of its own); their latency is measured. Prints both times, the ratio, and the webhooks' p50/p99/max
 * during each. Asserts nothing; see bench/deletion/README.md.
 */
public final class DeletionBench {

    private static final String DATABASE = "signalops_bench_deletion";
    private static final String PASSWORD = "bench-only";
    private static final String AS_OF = "2026-11-25 03:30:00";
    private static final int CHUNK = 5_000;

    private DeletionBench() {
    }

    public static void main(String[] args) throws Exception {
        int orders = Integer.getInteger("bench.orders", 50_000);
        int port = Integer.getInteger("bench.db.port", 3398);
        EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start("bench-deletion", port);
        try {
            String url = mariaDb.recreateMigrated(DATABASE, PASSWORD);
            TestApplicationDatabase.use(url, DATABASE, PASSWORD);
            try (Connection connection = DriverManager.getConnection(url, DATABASE, PASSWORD)) {
                long workspace = insert(connection, "INSERT INTO workspace (name, status, created_at) VALUES ('Bench', 'ACTIVE', NOW(3))");
                long busy = store(connection, workspace, "BUSY");
                LeakStoreGenerator.write(connection, workspace, busy, 5_000, AS_OF);
                // warm-up: CDI, the batch runtime and the JIT, on a small store
                long warmUp = store(connection, workspace, "W1");
                LeakStoreGenerator.write(connection, workspace, warmUp, 2_000, AS_OF);
                runJob(connection, workspace, warmUp);

                long byJob = store(connection, workspace, "JOB");
                long byScript = store(connection, workspace, "PLAIN");
                long generatedAt = System.nanoTime();
                long lines = LeakStoreGenerator.write(connection, workspace, byJob, orders, AS_OF);
                LeakStoreGenerator.write(connection, workspace, byScript, orders, AS_OF);
                long rows = rowsOf(connection, byJob);
                System.out.printf("generated 2 stores of %,d orders, %,d line items, %,d rows each in %.1f s%n", orders, lines, rows,
                        (System.nanoTime() - generatedAt) / 1e9);

                Webhooks traffic = new Webhooks(url, workspace, busy);
                traffic.start();
                Thread.sleep(2_000);
                List<Long> idle = traffic.take();

                long started = System.nanoTime();
                runJob(connection, workspace, byJob);
                double jobSeconds = (System.nanoTime() - started) / 1e9;
                List<Long> duringJob = traffic.take();

                started = System.nanoTime();
                long deleted = plainScript(connection, workspace, byScript);
                double plainSeconds = (System.nanoTime() - started) / 1e9;
                List<Long> duringScript = traffic.take();
                traffic.stop();

                System.out.printf("data-deletion job: %.1f s (%,d rows, %.0f rows/s)%n", jobSeconds, rows, rows / jobSeconds);
                System.out.printf("plain chunked DELETE script: %.1f s (%,d rows)%n", plainSeconds, deleted);
                System.out.printf("ratio job / plain: %.2f (target 1.5)%n", jobSeconds / plainSeconds);
                System.out.println("other store's webhooks (ms): " + Webhooks.describe("idle", idle));
                System.out.println("other store's webhooks (ms): " + Webhooks.describe("during the job", duringJob));
                System.out.println("other store's webhooks (ms): " + Webhooks.describe("during the script", duringScript));
                System.out.printf("left of the job's store: %,d rows; of the script's: %,d rows%n", rowsOf(connection, byJob),
                        rowsOf(connection, byScript));
            }
        } finally {
            mariaDb.stop();
        }
        System.exit(0);
    }

    private static void runJob(Connection connection, long workspace, long store) throws Exception {
        insert(connection, "INSERT INTO deletion_request (workspace_id, kind, store_id, origin, requested_by, received_at, act_after, due_at, "
                + "status) VALUES (" + workspace + ", 'SHOP', " + store + ", 'SHOP_REDACT', UUID(), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), "
                + "UTC_TIMESTAMP(3) + INTERVAL 30 DAY, 'PENDING')");
        Properties parameters = new Properties();
        parameters.setProperty("chunkSize", Integer.toString(CHUNK));
        long execution = BatchRuntime.getJobOperator().start("data-deletion", parameters);
        JobExecution done;
        do {
            Thread.sleep(50);
            done = BatchRuntime.getJobOperator().getJobExecution(execution);
        } while (done.getEndTime() == null);
        if (done.getBatchStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException("the deletion ended " + done.getBatchStatus());
        }
    }

    /** The baseline: each table of the plan's order, {@code DELETE ... LIMIT} chunks in auto-commit until none is left. */
    private static long plainScript(Connection connection, long workspace, long store) throws SQLException {
        long deleted = 0;
        try (Statement statement = connection.createStatement()) {
            for (String table : List.of("webhook_inbox", "store_connection", "commerce_order_discount_code", "commerce_refund_line",
                    "commerce_refund", "commerce_line_item", "commerce_order", "commerce_customer", "commerce_variant", "commerce_product",
                    "leak_finding", "leak_rule_setting", "leak_nightly_run", "store_import", "api_key", "invitation", "membership")) {
                int removed;
                do {
                    removed = statement.executeUpdate("DELETE FROM " + table + " WHERE workspace_id = " + workspace + " AND store_id = "
                            + store + " LIMIT " + CHUNK);
                    deleted += removed;
                } while (removed == CHUNK);
            }
            deleted += statement.executeUpdate("DELETE FROM store WHERE workspace_id = " + workspace + " AND id = " + store);
        }
        return deleted;
    }

    /** Rows of the store in the tables the plan empties that have a store_id, and the store's row. */
    private static long rowsOf(Connection connection, long store) throws SQLException {
        long rows = 0;
        for (String table : DeletionPlan.ofStore(0, store).tables()) {
            if (List.of("store_import_skip", "api_key_permission", "privacy_request", "deletion_request").contains(table)) {
                continue;
            }
            String where = table.equals("store") ? "id = " + store : "store_id = " + store;
            try (Statement statement = connection.createStatement(); ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM "
                    + table + " WHERE " + where)) {
                count.next();
                rows += count.getLong(1);
            }
        }
        return rows;
    }

    private static long store(Connection connection, long workspace, String code) throws SQLException {
        return insert(connection, "INSERT INTO store (workspace_id, store_code, shop_domain, currency, timezone, created_at) VALUES ("
                + workspace + ", '" + code + "', 'bench-" + code.toLowerCase() + ".myshopify.com', 'USD', 'UTC', NOW(3))");
    }

    private static long insert(Connection connection, String sql) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Order webhooks of one store applied back to back as the server's processor applies them (one transaction per
     * delivery: the order upserted with its lines and codes), each a new order, its latency recorded.
     */
    private static final class Webhooks implements Runnable {

        private final String url;
        private final CommerceWebhookChanges changes;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong nextOrder = new AtomicLong(10_000_000);
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private Thread thread;

        Webhooks(String url, long workspace, long store) {
            this.url = url;
            byte[] hashKey = new byte[CustomerEmails.HASH_KEY_BYTES];
            new SecureRandom().nextBytes(hashKey);
            this.changes = new CommerceWebhookChanges(workspace, store, new CustomerEmails(CredentialVault.of(VaultTestKeys.entry(1)), hashKey));
        }

        void start() {
            thread = new Thread(this, "bench-webhooks");
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        /** The latencies (nanoseconds) recorded since the last take. */
        List<Long> take() {
            synchronized (latencies) {
                List<Long> taken = new ArrayList<>(latencies);
                latencies.clear();
                return taken;
            }
        }

        @Override
        public void run() {
            try (Connection connection = DriverManager.getConnection(url, DATABASE, PASSWORD)) {
                connection.setAutoCommit(false);
                while (running.get()) {
                    long order = nextOrder.incrementAndGet();
                    byte[] body = WebhookSamples.ORDERS_CREATE.with(o -> o.add("id", order).add("updated_at", "2026-11-25T03:30:00Z"));
                    long started = System.nanoTime();
                    changes.applyOrder(connection, WebhookPayloads.order(body));
                    connection.commit();
                    latencies.add(System.nanoTime() - started);
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                throw new IllegalStateException("the webhook traffic stopped", e);
            }
        }

        static String describe(String label, List<Long> nanos) {
            if (nanos.isEmpty()) {
                return label + ": none";
            }
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            return String.format("%s: %,d deliveries, p50 %.1f, p99 %.1f, max %.1f", label, sorted.size(), sorted.get(sorted.size() / 2) / 1e6,
                    sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1e6, sorted.get(sorted.size() - 1) / 1e6);
        }
    }
}
