package com.signalops.jobs.deletion;

import static com.signalops.jobs.deletion.OpenDeletion.utc;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.AuditAppend;
import com.signalops.audit.service.SecurityEvents;
import com.signalops.privacy.domain.DeletionKind;
import com.signalops.privacy.domain.DeletionPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The last transaction of a deletion: the receipt with the counts per table, the request
 * completed (its customer and order ids cleared), the privacy requests it answered completed
 * and scrubbed, a pending request it made moot cancelled, a CRITICAL event when the deadline
 * passed unreported, and the {@code deletion-request.complete} audit record. All or nothing: a
 * crash before the commit leaves the request running, and its restart completes it once.
 */
final class DeletionCompletion {

    static final String JOB_ACTOR = "data-deletion";

    private DeletionCompletion() {
    }

    /** Completes {@code request} at {@code now} on {@code connection} (auto-commit off) and commits. */
    static Map<String, Long> complete(Connection connection, OpenDeletion request, Instant now, String requestId) throws SQLException {
        try {
            Map<String, Long> removed = DeletionPlan.progress(connection, request.id());
            long total = removed.values().stream().mapToLong(Long::longValue).sum();
            String json = removed.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                    .collect(Collectors.joining(", ", "{", "}"));
            update(connection, "INSERT INTO deletion_receipt (request_id, workspace_id, kind, store_id, origin, requested_by, "
                    + "received_at, due_at, started_at, completed_at, rows_removed, total_rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    request.id(), request.workspaceId(), request.kind().name(), request.storeId(), request.origin(), request.requestedBy(),
                    utc(request.receivedAt()), utc(request.dueAt()), utc(request.startedAt()), utc(now), json, total);
            update(connection, "UPDATE deletion_request SET status = 'COMPLETED', completed_at = ?, shopify_customer_id = NULL, "
                    + "shopify_order_ids = NULL WHERE id = ? AND status = 'RUNNING'", utc(now), request.id());
            answerPrivacyRequests(connection, request);
            if (request.kind() == DeletionKind.SHOP) {
                // a later request about the same store (or one of its customers) has nothing left to delete
                update(connection, "UPDATE deletion_request SET status = 'CANCELLED', cancelled_at = ?, cancelled_by = ?, "
                        + "shopify_customer_id = NULL, shopify_order_ids = NULL WHERE workspace_id = ? AND store_id = ? AND status = 'PENDING'",
                        utc(now), "superseded by " + request.id(), request.workspaceId(), request.storeId());
            }
            if (request.kind() == DeletionKind.WORKSPACE) {
                update(connection, "UPDATE workspace SET name = CONCAT('Deleted workspace ', id), status = 'DELETED' WHERE id = ?",
                        request.workspaceId());
            }
            if (now.isAfter(request.dueAt()) && !request.missedReported()) {
                SecurityEvents.raise(connection, request.workspaceId(), DeadlineWatch.MISSED, Severity.CRITICAL,
                        DeadlineWatch.describe(request.id(), request.kind().name(), request.storeId(), request.dueAt())
                                + "; completed late at " + now, now);
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("kind", request.kind().name());
            after.put("store_id", request.storeId());
            after.put("origin", request.origin());
            after.put("received_at", request.receivedAt().toString());
            after.put("due_at", request.dueAt().toString());
            after.put("completed_at", now.toString());
            after.put("rows_removed", new LinkedHashMap<>(removed));
            after.put("total_rows", total);
            AuditAppend.of(AuditEntry.of(AuditAction.DELETION_REQUEST_COMPLETE, AuditOutcome.SUCCESS).in(request.workspaceId())
                    .by(ActorType.SYSTEM, JOB_ACTOR).via(AuditSource.BATCH).on(request.id()).after(after).build(), now, requestId)
                    .appendTo(connection);
            connection.commit();
            return removed;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Marks the Shopify privacy requests this deletion answered completed, without the ids of customers and orders. */
    private static void answerPrivacyRequests(Connection connection, OpenDeletion request) throws SQLException {
        switch (request.kind()) {
            case SHOP -> update(connection, "UPDATE privacy_request SET status = 'COMPLETED', shopify_customer_id = NULL, "
                    + "shopify_order_ids = NULL WHERE workspace_id = ? AND store_id = ? AND kind IN ('SHOP_REDACT', 'CUSTOMER_REDACT') "
                    + "AND status = 'OPEN'", request.workspaceId(), request.storeId());
            case CUSTOMER -> update(connection, "UPDATE privacy_request SET status = 'COMPLETED', shopify_customer_id = NULL, "
                    + "shopify_order_ids = NULL WHERE workspace_id = ? AND store_id = ? AND kind = 'CUSTOMER_REDACT' "
                    + "AND shopify_customer_id = ? AND status = 'OPEN'", request.workspaceId(), request.storeId(), request.customerId());
            case WORKSPACE -> update(connection, "UPDATE privacy_request SET status = 'COMPLETED' WHERE workspace_id = ? "
                    + "AND kind IN ('SHOP_REDACT', 'CUSTOMER_REDACT') AND status = 'OPEN'", request.workspaceId());
            case USER -> {
            }
        }
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
