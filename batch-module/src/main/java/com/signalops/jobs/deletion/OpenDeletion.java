package com.signalops.jobs.deletion;

import com.signalops.privacy.domain.DeletionKind;
import com.signalops.privacy.domain.DeletionPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** An open deletion request as the job reads it, and the plan that carries it out. */
record OpenDeletion(long id, Long workspaceId, DeletionKind kind, Long storeId, Long customerId, List<Long> orderIds, Long userId,
        String origin, String requestedBy, Instant receivedAt, Instant dueAt, Instant startedAt, boolean running,
        boolean missedReported) {

    private static final String COLUMNS = "id, workspace_id, kind, store_id, shopify_customer_id, shopify_order_ids, user_id, origin, "
            + "requested_by, received_at, due_at, started_at, status, deadline_missed_at";

    /**
     * The open request to act on next at {@code asOf}: one already running (a restart continues it)
     * before pending ones, most urgent deadline first.
     */
    static Optional<OpenDeletion> next(Connection connection, Instant asOf) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM deletion_request "
                + "WHERE status IN ('RUNNING', 'PENDING') AND act_after <= ? "
                + "ORDER BY status = 'RUNNING' DESC, due_at, id LIMIT 1")) {
            query.setObject(1, utc(asOf));
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(of(row)) : Optional.empty();
            }
        }
    }

    private static OpenDeletion of(ResultSet row) throws SQLException {
        String orders = row.getString("shopify_order_ids");
        return new OpenDeletion(row.getLong("id"), (Long) row.getObject("workspace_id", Long.class),
                DeletionKind.valueOf(row.getString("kind")), row.getObject("store_id", Long.class),
                row.getObject("shopify_customer_id", Long.class),
                orders == null ? List.of() : Arrays.stream(orders.split(",")).map(String::trim).map(Long::valueOf).toList(),
                row.getObject("user_id", Long.class),
                row.getString("origin"), row.getString("requested_by"), instant(row.getTimestamp("received_at")),
                instant(row.getTimestamp("due_at")), instant(row.getTimestamp("started_at")), "RUNNING".equals(row.getString("status")),
                row.getTimestamp("deadline_missed_at") != null);
    }

    /** The plan for this request; a workspace's lists its stores as they are now (a restart lists those left). */
    DeletionPlan plan(Connection connection) throws SQLException {
        return switch (kind) {
            case SHOP -> DeletionPlan.ofStore(workspaceId, storeId);
            case CUSTOMER -> DeletionPlan.ofCustomer(workspaceId, storeId, customerId, orderIds);
            case WORKSPACE -> DeletionPlan.ofWorkspace(workspaceId, stores(connection, workspaceId));
            case USER -> DeletionPlan.ofUser(userId);
        };
    }

    private static List<Long> stores(Connection connection, long workspaceId) throws SQLException {
        List<Long> stores = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM store WHERE workspace_id = ? ORDER BY id")) {
            query.setLong(1, workspaceId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stores.add(rows.getLong(1));
                }
            }
        }
        return stores;
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(Timestamp stored) {
        return stored == null ? null : stored.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
