package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.it.support.ApiClient;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.it.support.TestTenants;
import com.signalops.testing.DeletionProof;
import com.signalops.testing.LeakStoreGenerator;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A store's deletion whose server is killed in the middle: when the server is back the deletion continues from the
 * chunks it committed and ends in its receipt with the exact count of every table; information_schema finds no row of
 * the store left, and the other store of the workspace lost none.
 */
@ExtendWith(SignalOpsSystem.class)
class DataDeletionRestartIT {

    /** Enough orders that the deletion takes some seconds, so that the kill lands while it runs. */
    private static final int ORDERS = 150_000;
    private static final List<String> TABLES = List.of("commerce_order", "commerce_line_item", "commerce_order_discount_code",
            "commerce_refund", "commerce_refund_line", "commerce_variant");

    @Test
    void aDeletionKilledWithItsServerCompletesAfterTheRestartWithNothingHalfDeletedAndNoOtherStoreTouched() throws Exception {
        long demo = ApiClient.demoWorkspaceId();
        long doomed = TestTenants.store(demo, null, "DEL-KILLED", "deletion-killed.myshopify.com");
        long kept = TestTenants.store(demo, null, "DEL-KEPT", "deletion-kept.myshopify.com");
        try (Connection connection = SignalOpsSystem.database().connect()) {
            LeakStoreGenerator.write(connection, demo, doomed, ORDERS, "2026-11-25 03:30:00");
            LeakStoreGenerator.write(connection, demo, kept, 5_000, "2026-11-25 03:30:00");
        }
        Map<String, Long> before = counts(doomed);
        Map<String, Long> keptBefore = counts(kept);
        long request = Long.parseLong(insertRequest(demo, doomed));

        awaitProgress(request);
        SignalOpsSystem.server().kill();
        assertEquals(List.of("RUNNING"), rows("SELECT status FROM deletion_request WHERE id = " + request), "killed while it ran");
        assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM store WHERE id = " + doomed), "the store's own row goes last");
        SignalOpsSystem.server().start();
        SignalOpsSystem.awaitReady();

        awaitReceipt(request);
        try (Connection connection = SignalOpsSystem.database().connect()) {
            assertEquals(Map.of(), DeletionProof.rowsOfStore(connection, demo, doomed, "deletion-killed.myshopify.com"));
        }
        for (String table : TABLES) {
            assertEquals(List.of(Long.toString(before.get(table))), rows("SELECT JSON_VALUE(rows_removed, '$." + table + "') "
                    + "FROM deletion_receipt WHERE request_id = " + request), "receipt count of " + table);
        }
        assertEquals(keptBefore, counts(kept), "the other store lost no row");
        assertTrue(before.get("commerce_line_item") > ORDERS, "the store had its lines: " + before);
    }

    private static String insertRequest(long workspace, long store) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect(); var statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO deletion_request (workspace_id, kind, store_id, origin, requested_by, received_at, act_after, "
                    + "due_at, status) VALUES (" + workspace + ", 'SHOP', " + store + ", 'SHOP_REDACT', UUID(), UTC_TIMESTAMP(3), "
                    + "UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 30 DAY, 'PENDING')", java.sql.Statement.RETURN_GENERATED_KEYS);
            try (var keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getString(1);
            }
        }
    }

    private static Map<String, Long> counts(long store) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : TABLES) {
            counts.put(table, Long.parseLong(rows("SELECT COUNT(*) FROM " + table + " WHERE store_id = " + store).get(0)));
        }
        return counts;
    }

    /** Waits until the job has committed its first chunks of the request (the scheduler starts it within a minute). */
    private static void awaitProgress(long request) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (System.nanoTime() < deadline) {
            if (!rows("SELECT rows_removed FROM deletion_progress WHERE request_id = " + request + " AND table_name = 'commerce_line_item' "
                    + "AND rows_removed > 0").isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the deletion did not start in 150 s");
    }

    private static void awaitReceipt(long request) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            if (!rows("SELECT id FROM deletion_receipt WHERE request_id = " + request).isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no receipt of deletion request " + request + " in 4 minutes");
    }

    private static List<String> rows(String sql) throws SQLException {
        return SignalOpsSystem.database().rows(sql);
    }
}
