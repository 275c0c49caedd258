package com.signalops.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditFilter;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditPage;
import com.signalops.audit.domain.AuditRecordView;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.domain.PageCursor;
import com.signalops.audit.domain.SecurityEventFilter;
import com.signalops.audit.domain.SecurityEventView;
import com.signalops.audit.domain.Severity;
import com.signalops.shared.NotFoundException;
import com.signalops.testing.JpaTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit viewers read one workspace's records, newest first, a keyset page at a time, with
 * every filter on an index; no other workspace's record or event ever shows, not even by id.
 */
class AuditLogTest {

    private static final String DATABASE = "signalops_audit_log";
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final AtomicLong NEXT_WORKSPACE = new AtomicLong(2000);

    private static JpaTestDatabase db;

    @BeforeAll
    static void start() throws SQLException {
        db = JpaTestDatabase.start(DATABASE);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void pagesNewestFirstAndBackAgainByKeyset() {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        records(workspace, 7, n -> "store.update");
        AuditFilter threes = AuditFilter.builder().pageSize(3).build();

        AuditPage<AuditRecordView> first = page(workspace, threes, null);
        AuditPage<AuditRecordView> second = page(workspace, threes, first.next());
        AuditPage<AuditRecordView> last = page(workspace, threes, second.next());
        AuditPage<AuditRecordView> backToSecond = page(workspace, threes, last.previous());
        AuditPage<AuditRecordView> backToFirst = page(workspace, threes, backToSecond.previous());

        assertEquals(List.of(7L, 6L, 5L), seqs(first));
        assertNull(first.previous());
        assertEquals(PageCursor.before(first.items().get(2).id()), first.next(), "pages go by id");
        assertEquals(List.of(4L, 3L, 2L), seqs(second));
        assertEquals(List.of(1L), seqs(last));
        assertNull(last.next());
        assertEquals(List.of(4L, 3L, 2L), seqs(backToSecond));
        assertEquals(PageCursor.before(backToSecond.items().get(2).id()), backToSecond.next());
        assertEquals(List.of(7L, 6L, 5L), seqs(backToFirst));
        assertNull(backToFirst.previous());
        assertNotNull(backToFirst.next());
    }

    @Test
    void showsARecordTheSealerHasNotLinkedYetWithoutItsPosition() {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        records(workspace, 2, n -> "store.update");
        long unsealed = insert(workspace, 0, START.plusSeconds(3600), "USER", "user-9", "store.update", "store", "9", "SUCCESS", "UI", null,
                null);

        AuditPage<AuditRecordView> newest = page(workspace, AuditFilter.none(), null);

        assertEquals(Arrays.asList(null, 2L, 1L), seqs(newest));
        assertEquals(unsealed, newest.items().get(0).id());
        assertNull(db.call(AuditLog::new, log -> log.record(workspace, unsealed)).seq());
    }

    @Test
    void filtersByActorActionEntityOutcomeSourceAndTime() {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        records(workspace, 10, n -> n % 2 == 0 ? "role.grant" : "store.update");

        assertEquals(List.of(10L, 8L, 6L, 4L, 2L), seqs(page(workspace, AuditFilter.builder().action("role.grant").build(), null)));
        assertEquals(List.of(9L, 6L, 3L), seqs(page(workspace, AuditFilter.builder().actor("USER", "user-0").build(), null)));
        assertEquals(List.of(5L), seqs(page(workspace, AuditFilter.builder().entity("store", "5").build(), null)));
        assertEquals(List.of(7L), seqs(page(workspace, AuditFilter.builder().outcome("DENIED").build(), null)));
        assertEquals(List.of(10L, 5L), seqs(page(workspace, AuditFilter.builder().source("API").build(), null)));
        assertEquals(List.of(5L, 4L, 3L), seqs(page(workspace, AuditFilter.builder()
                .between(START.plusSeconds(3 * 60), START.plusSeconds(6 * 60)).build(), null)));
        assertEquals(List.of(8L), seqs(page(workspace, AuditFilter.builder().action("role.grant").actor("USER", "user-2").source("UI")
                .between(START.plusSeconds(6 * 60), null).build(), null)));
    }

    @Test
    void anotherWorkspacesRecordsAndEventsNeverAppear() {
        long mine = NEXT_WORKSPACE.incrementAndGet();
        long theirs = NEXT_WORKSPACE.incrementAndGet();
        records(mine, 3, n -> "store.update");
        records(theirs, 5, n -> "store.update");
        db.call(AuditTrail::new, trail -> {
            trail.record(AuditEntry.of(AuditAction.SESSION_SIGN_IN, AuditOutcome.SUCCESS).by(ActorType.USER, "1").via(AuditSource.UI).on("1")
                    .build());
            trail.securityEvent(mine, "sign-in.throttled", Severity.MEDIUM, "mine");
            trail.securityEvent(theirs, "sign-in.throttled", Severity.MEDIUM, "theirs");
            trail.securityEvent(null, "platform.alert", Severity.HIGH, "platform");
            return null;
        });
        long theirRecord = page(theirs, AuditFilter.none(), null).items().get(0).id();

        List<AuditRecordView> exported = new ArrayList<>();
        db.call(AuditLog::new, log -> log.export(mine, AuditFilter.none(), exported::add));
        AuditPage<SecurityEventView> events = db.call(AuditLog::new, log -> log.securityEvents(mine, SecurityEventFilter.none(), null));

        assertEquals(List.of(3L, 2L, 1L), seqs(page(mine, AuditFilter.none(), null)));
        assertEquals(3, exported.size());
        assertTrue(exported.stream().allMatch(r -> r.actorId().startsWith("user-")));
        assertEquals(List.of("mine"), events.items().stream().map(SecurityEventView::details).toList());
        assertThrows(NotFoundException.class, () -> db.call(AuditLog::new, log -> log.record(mine, theirRecord)));
        assertThrows(NotFoundException.class, () -> db.call(AuditLog::new, log -> log.record(mine, Long.MAX_VALUE)));
        assertEquals(theirRecord, db.call(AuditLog::new, log -> log.record(theirs, theirRecord)).id());
    }

    @Test
    void showsOneRecordInFullWithItsBeforeAndAfter() {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        long id = insert(workspace, 1, START, "USER", "7", "store.update", "store", "42", "SUCCESS", "UI",
                "{\"name\":\"Old\",\"currency\":\"USD\"}", "{\"name\":\"New\",\"currency\":\"USD\"}");

        AuditRecordView record = db.call(AuditLog::new, log -> log.record(workspace, id));
        AuditRecordView listed = page(workspace, AuditFilter.none(), null).items().get(0);

        assertEquals("store.update", record.action());
        assertEquals(START, record.occurredAt());
        assertEquals("Ada", record.actorName());
        assertEquals("{\"name\":\"Old\",\"currency\":\"USD\"}", record.beforeJson());
        assertEquals("{\"name\":\"New\",\"currency\":\"USD\"}", record.afterJson());
        assertNull(listed.beforeJson(), "list pages leave the JSON out");
    }

    @Test
    void exportsEveryMatchingRecordAPageAtATime() {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        records(workspace, 450, n -> n % 3 == 0 ? "role.grant" : "store.update");

        List<Long> all = new ArrayList<>();
        long count = db.call(AuditLog::new, log -> log.export(workspace, AuditFilter.builder().pageSize(5).build(), r -> all.add(r.seq())));
        List<Long> grants = new ArrayList<>();
        db.call(AuditLog::new, log -> log.export(workspace, AuditFilter.builder().action("role.grant").build(), r -> grants.add(r.seq())));

        assertEquals(450, count);
        assertEquals(450L, all.get(0));
        assertEquals(1L, all.get(449));
        assertEquals(150, grants.size());
    }

    @Test
    void listsSecurityEventsBySeverityTypeAndPage() {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        db.call(AuditTrail::new, trail -> {
            trail.securityEvent(workspace, "sign-in.throttled", Severity.MEDIUM, "one");
            trail.securityEvent(workspace, "api-key.misuse", Severity.HIGH, "two");
            trail.securityEvent(workspace, "sign-in.throttled", Severity.LOW, "three");
            return null;
        });

        AuditPage<SecurityEventView> high = events(workspace, new SecurityEventFilter(null, Severity.HIGH, null, null, 50), null);
        AuditPage<SecurityEventView> throttled = events(workspace, new SecurityEventFilter("sign-in.throttled", null, null, null, 1), null);
        AuditPage<SecurityEventView> older = events(workspace, new SecurityEventFilter("sign-in.throttled", null, null, null, 1),
                throttled.next());

        assertEquals(List.of("two"), high.items().stream().map(SecurityEventView::details).toList());
        assertEquals("three", throttled.items().get(0).details());
        assertEquals("one", older.items().get(0).details());
        assertNull(older.next());
        assertNotNull(older.previous());
    }

    @Test
    void everyPageAndFilterReadsAnIndexInOrder() throws SQLException {
        long workspace = NEXT_WORKSPACE.incrementAndGet();
        records(workspace, 200, n -> n % 20 == 0 ? "role.grant" : "store.update");
        long firstId = page(workspace, AuditFilter.builder().pageSize(200).build(), null).items().get(199).id();
        AuditFilter none = AuditFilter.none();
        try (Connection root = db.mariaDb().rootConnection(DATABASE); PreparedStatement events = root.prepareStatement(
                "INSERT INTO security_event (workspace_id, occurred_at, type, severity) VALUES (?, UTC_TIMESTAMP(3), 'probe', 'LOW')")) {
            for (int n = 0; n < 400; n++) {
                events.setLong(1, n % 2 == 0 ? workspace : workspace + 1000);
                events.addBatch();
            }
            events.executeBatch();
            root.createStatement().execute("ANALYZE TABLE security_event, audit_record");
        }

        long twentieth = firstId + 19;
        assertIndexed(AuditQueries.auditPage(workspace, none, null, false), "ix_audit_record_chain");
        assertIndexed(AuditQueries.auditPage(workspace, none, PageCursor.before(twentieth), false), "ix_audit_record_chain");
        assertIndexed(AuditQueries.auditPage(workspace, none, PageCursor.after(twentieth), true), "ix_audit_record_chain");
        assertIndexed(AuditQueries.auditPage(workspace, AuditFilter.builder().action("role.grant").build(), PageCursor.before(firstId + 119), false),
                "ix_audit_record_action", "ix_audit_record_chain");
        assertIndexed(AuditQueries.auditPage(workspace, AuditFilter.builder().actor("USER", "user-1").build(), null, false),
                "ix_audit_record_actor", "ix_audit_record_chain");
        assertIndexed(AuditQueries.auditPage(workspace, AuditFilter.builder().entity("store", "1").build(), null, false),
                "ix_audit_record_entity", "ix_audit_record_chain");
        assertReads(AuditQueries.auditPage(workspace, AuditFilter.builder().between(START.plusSeconds(60 * 60), START.plusSeconds(70 * 60))
                .build(), null, false), "ix_audit_record_time");
        assertIndexed(AuditQueries.securityEventPage(workspace, SecurityEventFilter.none(), null),
                "ix_security_event_workspace");
    }

    /** A time range that ends in the past reads its range on the time index, and sorts that range alone. */
    private static void assertReads(AuditQueries.Sql sql, String key) throws SQLException {
        try (Connection root = db.mariaDb().rootConnection(DATABASE); PreparedStatement explain = root.prepareStatement("EXPLAIN " + sql.text())) {
            for (int i = 0; i < sql.parameters().size(); i++) {
                explain.setObject(i + 1, sql.parameters().get(i));
            }
            try (ResultSet plan = explain.executeQuery()) {
                assertTrue(plan.next());
                assertEquals(key, plan.getString("key"), sql.text());
                assertEquals("range", plan.getString("type"), sql.text());
            }
        }
    }

    /** The statement reads one of {@code keys} in its order: no full scan, no sort of the chain. */
    private static void assertIndexed(AuditQueries.Sql sql, String... keys) throws SQLException {
        try (Connection root = db.mariaDb().rootConnection(DATABASE); PreparedStatement explain = root.prepareStatement("EXPLAIN " + sql.text())) {
            for (int i = 0; i < sql.parameters().size(); i++) {
                explain.setObject(i + 1, sql.parameters().get(i));
            }
            try (ResultSet plan = explain.executeQuery()) {
                assertTrue(plan.next());
                String key = plan.getString("key");
                String extra = String.valueOf(plan.getString("Extra"));
                assertTrue(List.of(keys).contains(key), sql.text() + " reads " + key + ": " + extra);
                assertFalse(extra.contains("filesort"), sql.text() + " sorts: " + extra);
            }
        }
    }

    /** {@code count} records at one-minute steps from {@link #START}, in varied actors, entities, outcomes and sources. */
    private static void records(long workspace, int count, java.util.function.IntFunction<String> action) {
        try (Connection root = db.mariaDb().rootConnection(DATABASE)) {
            root.setAutoCommit(false);
            for (int n = 1; n <= count; n++) {
                insert(root, workspace, n, START.plusSeconds(n * 60L), "USER", "user-" + (n % 3), action.apply(n), "store", Integer.toString(n),
                        n == 7 ? "DENIED" : "SUCCESS", n % 5 == 0 ? "API" : "UI", null, null);
            }
            root.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long insert(long workspace, long seq, Instant at, String actorType, String actorId, String action, String entityType,
            String entityId, String outcome, String source, String before, String after) {
        try (Connection root = db.mariaDb().rootConnection(DATABASE)) {
            return insert(root, workspace, seq, at, actorType, actorId, action, entityType, entityId, outcome, source, before, after);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A record as the viewers see it, sealed at {@code seq} unless that is 0; its hashes are
     * placeholders, for these tests do not verify the chain.
     */
    private static long insert(Connection root, long workspace, long seq, Instant at, String actorType, String actorId, String action,
            String entityType, String entityId, String outcome, String source, String before, String after) throws SQLException {
        long id;
        try (PreparedStatement insert = root.prepareStatement("INSERT INTO audit_record (workspace_id, "
                + "occurred_at, actor_type, actor_id, actor_name, source, action, entity_type, entity_id, outcome, before_json, after_json) "
                + "VALUES (?, ?, ?, ?, 'Ada', ?, ?, ?, ?, ?, ?, ?)", PreparedStatement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, workspace);
            insert.setObject(2, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
            insert.setString(3, actorType);
            insert.setString(4, actorId);
            insert.setString(5, source);
            insert.setString(6, action);
            insert.setString(7, entityType);
            insert.setString(8, entityId);
            insert.setString(9, outcome);
            insert.setString(10, before);
            insert.setString(11, after);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        if (seq > 0) {
            try (PreparedStatement seal = root.prepareStatement("INSERT INTO audit_seal (record_id, chain_key, seq, prev_hash, record_hash, "
                    + "sealed_at) VALUES (?, ?, ?, REPEAT('0', 64), REPEAT('0', 64), UTC_TIMESTAMP(3))")) {
                seal.setLong(1, id);
                seal.setLong(2, workspace);
                seal.setLong(3, seq);
                seal.executeUpdate();
            }
        }
        return id;
    }

    private static AuditPage<AuditRecordView> page(long workspace, AuditFilter filter, PageCursor cursor) {
        return db.call(AuditLog::new, log -> log.page(workspace, filter, cursor));
    }

    private static AuditPage<SecurityEventView> events(long workspace, SecurityEventFilter filter, PageCursor cursor) {
        return db.call(AuditLog::new, log -> log.securityEvents(workspace, filter, cursor));
    }

    private static List<Long> seqs(AuditPage<AuditRecordView> page) {
        return page.items().stream().map(AuditRecordView::seq).toList();
    }
}
