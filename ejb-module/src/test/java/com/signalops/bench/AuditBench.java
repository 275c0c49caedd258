package com.signalops.bench;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditFilter;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditRecordCanonicalForm;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.domain.PageCursor;
import com.signalops.audit.service.AuditQueries;
import com.signalops.audit.service.AuditTrail;
import com.signalops.shared.Digests;
import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.EmbeddedMariaDb;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceContext;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;

/**
 * bench/audit: (a) what the audit record adds to a simple state change, and (b) how long a page of
 * the audit viewer takes on a chain of {@code bench.rows} records, each against a raw baseline
 * measured in the same run. Prints figures; asserts nothing. See bench/audit/README.md.
 */
public final class AuditBench {

    private static final String DATABASE = "signalops_bench";
    private static final String PASSWORD = "bench-only";
    private static final int RUNS = 7;
    private static final String[] ACTIONS = {"store.update", "role.grant", "member.suspend", "api-key.create", "session.sign-in",
        "invitation.create", "audit.view", "district.create", "store.move", "api-key.revoke"};

    private AuditBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 20_000);
        int changes = Integer.getInteger("bench.changes", 1_000);
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
                viewerPages(connection, workspace + 1, rows);
            }
        } finally {
            mariaDb.stop();
        }
    }

    /** (a) N updates of a store row, each its own transaction, without and with the audit trail's chain append. */
    private static void writeOverhead(EmbeddedMariaDb mariaDb, long workspace, long store, int changes) throws Exception {
        EntityManagerFactory factory = Persistence.createEntityManagerFactory("signalops-test", Map.of(
                "jakarta.persistence.jdbc.driver", "org.mariadb.jdbc.Driver", "jakarta.persistence.jdbc.url", mariaDb.jdbcUrl(DATABASE),
                "jakarta.persistence.jdbc.user", DATABASE, "jakarta.persistence.jdbc.password", PASSWORD));
        try {
            Consumer<Integer> plain = n -> inTransaction(factory, em -> update(em, store, n));
            Consumer<Integer> audited = n -> inTransaction(factory, em -> {
                update(em, store, n);
                trail(em).record(AuditEntry.of(AuditAction.STORE_MOVE, AuditOutcome.SUCCESS).in(workspace).by(ActorType.USER, "1")
                        .via(AuditSource.UI).on("store", store).from("203.0.113.9").build());
            });
            // where the overhead lies: the same record's row written alone, without its chain, into a copy of the table
            try (Connection root = mariaDb.rootConnection(DATABASE); java.sql.Statement statement = root.createStatement()) {
                statement.execute("CREATE TABLE bench_record_row LIKE audit_record");
            }
            int[] rowSeq = {0};
            Consumer<Integer> rowOnly = n -> inTransaction(factory, em -> {
                update(em, store, n);
                em.createNativeQuery("INSERT INTO bench_record_row (workspace_id, seq, prev_hash, record_hash, occurred_at, actor_type, "
                        + "actor_id, source, action, entity_type, entity_id, outcome, client_address_digest, request_id, form_version) "
                        + "VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3), 'USER', '1', 'UI', 'store.move', 'store', ?, 'SUCCESS', ?, NULL, 3)")
                        .setParameter(1, workspace).setParameter(2, ++rowSeq[0]).setParameter(3, Digests.sha256("p" + n))
                        .setParameter(4, Digests.sha256("r" + n)).setParameter(5, Long.toString(store))
                        .setParameter(6, Digests.sha256("address:203.0.113.9")).executeUpdate();
            });
            run(plain, changes / 5);
            run(audited, changes / 5);
            run(rowOnly, changes / 5);
            long[] without = new long[RUNS];
            long[] with = new long[RUNS];
            long[] row = new long[RUNS];
            for (int round = 0; round < RUNS; round++) {
                // alternating rounds, so that drift of the machine falls on all sides alike
                without[round] = run(plain, changes / RUNS);
                with[round] = run(audited, changes / RUNS);
                row[round] = run(rowOnly, changes / RUNS);
            }
            double plainMs = median(without) / 1e6 / (changes / RUNS);
            double auditedMs = median(with) / 1e6 / (changes / RUNS);
            double rowMs = median(row) / 1e6 / (changes / RUNS);
            System.out.printf(Locale.ROOT, "  (the record's row alone, no chain: %.3f ms per change, %.2fx)%n", rowMs, rowMs / plainMs);
            System.out.printf(Locale.ROOT, "audit write overhead: %d state changes in %d rounds%n", changes / RUNS * RUNS, RUNS);
            System.out.printf(Locale.ROOT, "  without audit record  %.3f ms per change (baseline)%n", plainMs);
            System.out.printf(Locale.ROOT, "  with audit record     %.3f ms per change%n", auditedMs);
            System.out.printf(Locale.ROOT, "  ratio                 %.2fx (target < 1.30x)%n", auditedMs / plainMs);
        } finally {
            factory.close();
        }
    }

    /** (b) a chain of {@code rows} records, then the viewer's pages at three depths and filtered, each against a plain id page. */
    private static void viewerPages(Connection connection, long workspace, int rows) throws SQLException {
        long loadStart = System.nanoTime();
        load(connection, workspace, rows);
        try (Statement analyze = connection.createStatement()) {
            analyze.execute("ANALYZE TABLE audit_record");
        }
        System.out.printf(Locale.ROOT, "viewer pages: %d audit records in one workspace's chain (loaded in %.1f s)%n", rows,
                (System.nanoTime() - loadStart) / 1e9);
        long maxId = single(connection, "SELECT MAX(id) FROM audit_record");
        long minId = single(connection, "SELECT MIN(id) FROM audit_record WHERE chain_key = " + workspace);
        AuditFilter none = AuditFilter.none();
        page(connection, "first page", AuditQueries.auditPage(workspace, none, null, false), maxId + 1);
        page(connection, "middle page", AuditQueries.auditPage(workspace, none, PageCursor.before(rows / 2), false), minId + rows / 2);
        page(connection, "deep page", AuditQueries.auditPage(workspace, none, PageCursor.before(100), false), minId + 100);
        page(connection, "action filter, middle", AuditQueries.auditPage(workspace, AuditFilter.builder().action("role.grant").build(),
                PageCursor.before(rows / 2), false), minId + rows / 2);
        page(connection, "actor filter, first", AuditQueries.auditPage(workspace, AuditFilter.builder().actor("USER", "7").build(),
                null, false), maxId + 1);
    }

    private static void page(Connection connection, String name, AuditQueries.Sql sql, long baselineBefore) throws SQLException {
        String raw = "SELECT id, seq, occurred_at, actor_type, actor_id, actor_name, source, action, entity_type, entity_id, outcome, "
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

    /** Appends {@code rows} records to the chain of {@code workspace}, hashed in Java, in multi-row batches. */
    private static void load(Connection connection, long workspace, int rows) throws SQLException {
        connection.setAutoCommit(false);
        LocalDateTime start = LocalDateTime.of(2026, 1, 1, 0, 0);
        String prev = AuditRecordCanonicalForm.GENESIS;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_record (workspace_id, seq, prev_hash, record_hash, "
                + "occurred_at, actor_type, actor_id, source, action, entity_type, entity_id, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int seq = 1; seq <= rows; seq++) {
                LocalDateTime at = start.plusNanos(seq * 1_000_000_000L);
                String actor = Integer.toString(seq % 50);
                String action = ACTIONS[seq % ACTIONS.length];
                String entity = Integer.toString(seq % 1000);
                String outcome = seq % 17 == 0 ? "DENIED" : "SUCCESS";
                String hash = Digests.sha256(AuditRecordCanonicalForm.of(seq, prev, at, workspace, "USER", actor, "UI", action, "store",
                        entity, outcome, null));
                insert.setLong(1, workspace);
                insert.setLong(2, seq);
                insert.setString(3, prev);
                insert.setString(4, hash);
                insert.setObject(5, at);
                insert.setString(6, "USER");
                insert.setString(7, actor);
                insert.setString(8, "UI");
                insert.setString(9, action);
                insert.setString(10, "store");
                insert.setString(11, entity);
                insert.setString(12, outcome);
                insert.addBatch();
                prev = hash;
                if (seq % 2_000 == 0 || seq == rows) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
        try (PreparedStatement head = connection.prepareStatement(
                "INSERT INTO audit_chain_head (chain_key, seq, record_hash, updated_at) VALUES (?, ?, ?, UTC_TIMESTAMP(3))")) {
            head.setLong(1, workspace);
            head.setLong(2, rows);
            head.setString(3, prev);
            head.executeUpdate();
        }
        connection.commit();
        connection.setAutoCommit(true);
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

    private static void update(EntityManager em, long store, int n) {
        em.createNativeQuery("UPDATE store SET timezone = ? WHERE id = ?").setParameter(1, n % 2 == 0 ? "UTC" : "Europe/Berlin")
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
