package com.signalops.bench;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditFilter;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.domain.PageCursor;
import com.signalops.audit.service.AuditAppend;
import com.signalops.audit.service.AuditQueries;
import com.signalops.audit.service.AuditSealer;
import com.signalops.audit.service.AuditTrail;
import com.signalops.shared.Digests;
import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.EmbeddedMariaDb;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;

/**
 * bench/audit: (a) what the audit record adds to a simple state change, (b) how fast the sealer
 * links {@code bench.rows} committed records into their chain, the work moved out of the writer's
 * transaction, and (c) how long a page of the audit viewer takes on that chain, each against a raw
 * baseline measured in the same run. Prints figures; asserts nothing. See bench/audit/README.md.
 */
public final class AuditBench {

    private static final String DATABASE = "signalops_bench";
    private static final String PASSWORD = "bench-only";
    private static final int RUNS = 7;
    private static final AuditAction[] ACTIONS = {AuditAction.STORE_CREATE, AuditAction.ROLE_CREATE, AuditAction.MEMBER_SUSPEND,
        AuditAction.API_KEY_CREATE, AuditAction.SESSION_SIGN_IN, AuditAction.INVITATION_CREATE, AuditAction.AUDIT_VIEW,
        AuditAction.DISTRICT_CREATE, AuditAction.STORE_MOVE, AuditAction.API_KEY_REVOKE};
    private static final AtomicLong UPDATES = new AtomicLong();
    private static final LocalDateTime LOAD_START = LocalDateTime.of(2026, 1, 1, 0, 0);

    private AuditBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 20_000);
        int changes = Integer.getInteger("bench.changes", 7_000);
        int port = Integer.getInteger("bench.db.port", 3386);
        EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start("bench", port);
        try {
            mariaDb.recreateDatabase(DATABASE, DATABASE, PASSWORD);
            Flyway.configure().dataSource(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD).locations("classpath:db/migration")
                    .placeholders(SchemaMigrator.placeholders(EmbeddedMariaDb.retentionUser(DATABASE))).load().migrate();
            try (Connection connection = mariaDb.rootConnection(DATABASE)) {
                long workspace = insert(connection, "INSERT INTO workspace (name, status, created_at) VALUES ('Bench', 'ACTIVE', NOW(3))");
                long store = insert(connection, "INSERT INTO store (workspace_id, store_code, shop_domain, currency, timezone, created_at) "
                        + "VALUES (" + workspace + ", 'B1', 'bench.myshopify.com', 'USD', 'UTC', NOW(3))");
                writeOverhead(mariaDb, workspace, store, changes);
                long chain = workspace + 1;
                load(connection, chain, rows);
                sealerThroughput(mariaDb, connection, rows);
                viewerPages(connection, chain, rows);
            }
        } finally {
            mariaDb.stop();
        }
    }

    /** (a) N updates of a store row, each its own transaction, without and with the audit trail's record. */
    private static void writeOverhead(EmbeddedMariaDb mariaDb, long workspace, long store, int changes) throws Exception {
        EntityManagerFactory factory = Persistence.createEntityManagerFactory("signalops-test", Map.of(
                "jakarta.persistence.jdbc.driver", "org.mariadb.jdbc.Driver", "jakarta.persistence.jdbc.url", mariaDb.jdbcUrl(DATABASE),
                "jakarta.persistence.jdbc.user", DATABASE, "jakarta.persistence.jdbc.password", PASSWORD));
        try {
            Consumer<Integer> plain = n -> inTransaction(factory, em -> update(em, store));
            Consumer<Integer> audited = n -> inTransaction(factory, em -> {
                update(em, store);
                trail(em).record(AuditEntry.of(AuditAction.STORE_MOVE, AuditOutcome.SUCCESS).in(workspace).by(ActorType.USER, "1")
                        .via(AuditSource.UI).on("store", store).from("203.0.113.9").build());
            });
            // where the overhead lies: the same record's row into a copy of the table without the viewers' five indexes
            try (Connection root = mariaDb.rootConnection(DATABASE); Statement statement = root.createStatement()) {
                statement.execute("CREATE TABLE bench_record_bare LIKE audit_record");
                statement.execute("ALTER TABLE bench_record_bare DROP INDEX ix_audit_record_chain, DROP INDEX ix_audit_record_action, "
                        + "DROP INDEX ix_audit_record_actor, DROP INDEX ix_audit_record_entity, DROP INDEX ix_audit_record_time");
            }
            String bareInsert = AuditAppend.INSERT.replace("INSERT INTO audit_record ", "INSERT INTO bench_record_bare ");
            Consumer<Integer> rowOnly = n -> inTransaction(factory, em -> {
                update(em, store);
                List<Object> parameters = AuditAppend.of(AuditEntry.of(AuditAction.STORE_MOVE, AuditOutcome.SUCCESS).in(workspace)
                        .by(ActorType.USER, "1").via(AuditSource.UI).on("store", store).from("203.0.113.9").build(), Instant.now(), null)
                        .parameters();
                Query insert = em.createNativeQuery(bareInsert);
                for (int i = 0; i < parameters.size(); i++) {
                    insert.setParameter(i + 1, parameters.get(i));
                }
                insert.executeUpdate();
            });
            run(plain, changes / 5);
            run(audited, changes / 5);
            run(rowOnly, changes / 5);
            // change by change, the three paths in turn (order rotating), so that a burst of other load on the
            // machine falls on all three alike; the median per change leaves such bursts out
            List<Consumer<Integer>> paths = List.of(plain, audited, rowOnly);
            long[][] nanos = new long[3][changes];
            for (int n = 0; n < changes; n++) {
                for (int k = 0; k < 3; k++) {
                    int path = (n + k) % 3;
                    long start = System.nanoTime();
                    paths.get(path).accept(n);
                    nanos[path][n] = System.nanoTime() - start;
                }
            }
            double plainMs = median(nanos[0]) / 1e6;
            double auditedMs = median(nanos[1]) / 1e6;
            double rowMs = median(nanos[2]) / 1e6;
            System.out.printf(Locale.ROOT, "audit write overhead: %d state changes per path, interleaved%n", changes);
            System.out.printf(Locale.ROOT, "  without audit record  %.3f ms per change (median; mean %.3f ms) (baseline)%n", plainMs,
                    mean(nanos[0]) / 1e6);
            System.out.printf(Locale.ROOT, "  with audit record     %.3f ms per change (median; mean %.3f ms)%n", auditedMs,
                    mean(nanos[1]) / 1e6);
            System.out.printf(Locale.ROOT, "  ratio                 %.2fx (of the medians; of the means %.2fx; target < 1.30x)%n",
                    auditedMs / plainMs, mean(nanos[1]) / mean(nanos[0]));
            System.out.printf(Locale.ROOT, "  (the same row without the five viewer indexes: %.3f ms per change, %.2fx)%n", rowMs,
                    rowMs / plainMs);
        } finally {
            factory.close();
        }
    }

    /**
     * (b) the sealer linking the {@code rows} records just loaded (batches of 500, as on the server),
     * against the raw baseline of inserting as many rows of audit_seal's shape, batches of 500 a
     * transaction, into a copy of the table: what storing the links costs at least.
     */
    private static void sealerThroughput(EmbeddedMariaDb mariaDb, Connection connection, int rows) throws SQLException {
        long sealStart = System.nanoTime();
        int sealed;
        try (Connection app = DriverManager.getConnection(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD)) {
            sealed = new AuditSealer(app, 500, AuditSealer.LATE_COMMIT_WINDOW).sealAll().recordsSealed();
        }
        long sealNanos = System.nanoTime() - sealStart;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE bench_seal_raw LIKE audit_seal");
        }
        long rawStart = System.nanoTime();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_seal_raw (record_id, chain_key, seq, prev_hash, "
                + "record_hash, sealed_at) VALUES (?, 1, ?, ?, ?, UTC_TIMESTAMP(3))")) {
            String hash = Digests.sha256("raw");
            for (int n = 1; n <= sealed; n++) {
                insert.setLong(1, n);
                insert.setLong(2, n);
                insert.setString(3, hash);
                insert.setString(4, hash);
                insert.addBatch();
                if (n % 500 == 0 || n == sealed) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        } finally {
            connection.setAutoCommit(true);
        }
        long rawNanos = System.nanoTime() - rawStart;
        System.out.printf(Locale.ROOT, "sealer: %d records sealed in %.1f s, %.0f records/s (raw insert of as many seal rows %.1f s, "
                + "%.0f rows/s, ratio %.2fx)%n", sealed, sealNanos / 1e9, sealed / (sealNanos / 1e9), rawNanos / 1e9,
                sealed / (rawNanos / 1e9), (double) sealNanos / rawNanos);
    }

    /** (c) the viewer's pages at three depths and filtered, each against a plain id page at the same depth. */
    private static void viewerPages(Connection connection, long workspace, int rows) throws SQLException {
        try (Statement analyze = connection.createStatement()) {
            analyze.execute("ANALYZE TABLE audit_record, audit_seal");
        }
        System.out.printf(Locale.ROOT, "viewer pages: %d audit records in one workspace's chain%n", rows);
        long maxId = single(connection, "SELECT MAX(id) FROM audit_record");
        long minId = single(connection, "SELECT MIN(id) FROM audit_record WHERE chain_key = " + workspace);
        long middle = minId + rows / 2;
        AuditFilter none = AuditFilter.none();
        page(connection, "first page", AuditQueries.auditPage(workspace, none, null, false), maxId + 1);
        page(connection, "middle page", AuditQueries.auditPage(workspace, none, PageCursor.before(middle), false), middle);
        page(connection, "deep page", AuditQueries.auditPage(workspace, none, PageCursor.before(minId + 100), false), minId + 100);
        page(connection, "action filter, middle", AuditQueries.auditPage(workspace, AuditFilter.builder().action("role.create").build(),
                PageCursor.before(middle), false), middle);
        page(connection, "actor filter, first", AuditQueries.auditPage(workspace, AuditFilter.builder().actor("USER", "7").build(),
                null, false), maxId + 1);
        page(connection, "entity filter, first", AuditQueries.auditPage(workspace, AuditFilter.builder().entity("store", "7").build(),
                null, false), maxId + 1);
        Instant midday = LOAD_START.plusSeconds(rows / 2).toInstant(ZoneOffset.UTC);
        page(connection, "time range, middle", AuditQueries.auditPage(workspace, AuditFilter.builder()
                .between(midday.minusSeconds(3600), midday).build(), null, false), middle);
    }

    private static void page(Connection connection, String name, AuditQueries.Sql sql, long baselineBefore) throws SQLException {
        String raw = "SELECT id, occurred_at, actor_type, actor_id, actor_name, source, action, entity_type, entity_id, outcome, "
                + "request_id FROM audit_record WHERE id < " + baselineBefore + " ORDER BY id DESC LIMIT " + (AuditFilter.DEFAULT_PAGE_SIZE + 1);
        long[] viewer = new long[RUNS];
        long[] baseline = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            viewer[i] = time(connection, sql.text(), sql.parameters());
            baseline[i] = time(connection, raw, List.of());
        }
        System.out.printf(Locale.ROOT, "  %-22s %7.2f ms (raw id page %6.2f ms, ratio %5.2fx) via %s%n", name, median(viewer) / 1e6,
                median(baseline) / 1e6, (double) median(viewer) / median(baseline), key(connection, sql));
    }

    /**
     * Writes {@code rows} records of {@code workspace} as writers do (content digest computed in Java,
     * no link), in multi-row batches of 2,000; the sealer links them afterwards.
     */
    private static void load(Connection connection, long workspace, int rows) throws SQLException {
        long loadStart = System.nanoTime();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(AuditAppend.INSERT)) {
            for (int n = 1; n <= rows; n++) {
                AuditEntry entry = AuditEntry.of(ACTIONS[n % ACTIONS.length], n % 17 == 0 ? AuditOutcome.DENIED : AuditOutcome.SUCCESS)
                        .in(workspace).by(ActorType.USER, Integer.toString(n % 50)).via(AuditSource.UI)
                        .on("store", Integer.toString(n % 1000)).build();
                List<Object> parameters = AuditAppend.of(entry, LOAD_START.plusSeconds(n).toInstant(ZoneOffset.UTC), null).parameters();
                for (int i = 0; i < parameters.size(); i++) {
                    insert.setObject(i + 1, parameters.get(i));
                }
                insert.addBatch();
                if (n % 2_000 == 0 || n == rows) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        } finally {
            connection.setAutoCommit(true);
        }
        System.out.printf(Locale.ROOT, "loaded %d audit records into one workspace in %.1f s%n", rows, (System.nanoTime() - loadStart) / 1e9);
    }

    private static long time(Connection connection, String sql, List<Object> parameters) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    rows.getString(8);
                }
            }
        }
        return System.nanoTime() - start;
    }

    private static String key(Connection connection, AuditQueries.Sql sql) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql.text())) {
            for (int i = 0; i < sql.parameters().size(); i++) {
                explain.setObject(i + 1, sql.parameters().get(i));
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return plan.getString("key") + " (" + plan.getString("Extra") + ")";
            }
        }
    }

    private static long run(Consumer<Integer> change, int times) {
        long start = System.nanoTime();
        for (int n = 0; n < times; n++) {
            change.accept(n);
        }
        return System.nanoTime() - start;
    }

    /** A real change every time: the store's time zone flips at each call, whichever path makes it. */
    private static void update(EntityManager em, long store) {
        boolean even = UPDATES.getAndIncrement() % 2 == 0;
        em.createNativeQuery("UPDATE store SET timezone = ? WHERE id = ?").setParameter(1, even ? "UTC" : "Europe/Berlin")
                .setParameter(2, store).executeUpdate();
    }

    private static void inTransaction(EntityManagerFactory factory, Consumer<EntityManager> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /** The application's AuditTrail on {@code em}, as the container would inject it. */
    private static AuditTrail trail(EntityManager em) {
        AuditTrail trail = new AuditTrail();
        for (Field field : AuditTrail.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(PersistenceContext.class)) {
                try {
                    field.setAccessible(true);
                    field.set(trail, em);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return trail;
    }

    private static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long insert(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
