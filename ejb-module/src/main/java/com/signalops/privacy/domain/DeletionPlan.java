package com.signalops.privacy.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * What one deletion request removes, table by table, children before parents, and how: each step
 * is one statement that removes (or unlinks) at most a chunk of the subject's rows, repeated until
 * it finds none. Every chunk commits on its own with its count in {@code deletion_progress}, so a
 * run stopped or killed at any point continues where it was, with exact counts, and never holds a
 * lock on more than one chunk of rows. Every statement names the workspace and the store (or the
 * workspace alone for a workspace's own tables), so no other store's row is ever touched.
 */
public final class DeletionPlan {

    /**
     * One statement of the plan: {@code sql} ends in {@code LIMIT ?}, its other placeholders take
     * {@code parameters}; {@code label} is the table (with {@code :unlinked} or {@code :scrubbed}
     * when rows are changed rather than deleted).
     */
    public record Step(String label, String sql, List<Object> parameters) {

        Step(String label, String sql, Object... parameters) {
            this(label, sql, List.of(parameters));
        }
    }

    /** The tables of a store's shop data, in the order they are emptied: children before parents. */
    static final List<String> STORE_TABLES = List.of("commerce_order_discount_code", "commerce_refund_line", "commerce_refund",
            "commerce_line_item", "commerce_order", "commerce_customer", "commerce_variant", "commerce_product", "leak_finding",
            "leak_rule_setting", "leak_nightly_run", "leak_daily_total", "leak_analysis_progress", "data_export");

    private static final String PROGRESS = "INSERT INTO deletion_progress (request_id, table_name, rows_removed) VALUES (?, ?, ?) "
            + "ON DUPLICATE KEY UPDATE rows_removed = rows_removed + VALUES(rows_removed)";

    private final List<Step> steps;

    private DeletionPlan(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** Every row of store {@code storeId} of workspace {@code workspaceId}, the store's own row last. */
    public static DeletionPlan ofStore(long workspaceId, long storeId) {
        return new DeletionPlan(storeSteps(workspaceId, storeId));
    }

    /**
     * Every record of customer {@code customerId} of the store: the webhook deliveries that name
     * them or the orders {@code orderIds}, the findings derived from their email's keyed hash, their
     * orders' links to them (the orders themselves are the shop's), and their row (encrypted email,
     * hash, consent) last, so that a restart still finds the hash the earlier steps match on.
     */
    public static DeletionPlan ofCustomer(long workspaceId, long storeId, long customerId, List<Long> orderIds) {
        String hash = "(SELECT c.email_hash FROM commerce_customer c WHERE c.workspace_id = ? AND c.store_id = ? AND c.customer_id = ?)";
        String orders = orderIds.isEmpty() ? "" : " OR o.order_id IN (" + ids(orderIds) + ")";
        String ordersInBody = orderIds.isEmpty() ? ""
                : " OR (topic LIKE 'orders/%' AND JSON_VALUE(CONVERT(body USING utf8mb4), '$.id') IN (" + ids(orderIds) + "))";
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("webhook_inbox", "DELETE FROM webhook_inbox WHERE workspace_id = ? AND store_id = ? AND ("
                + "JSON_VALUE(CONVERT(body USING utf8mb4), '$.customer.id') = ?" + ordersInBody + ") LIMIT ?",
                workspaceId, storeId, Long.toString(customerId)));
        steps.add(new Step("leak_finding", "DELETE FROM leak_finding WHERE workspace_id = ? AND store_id = ? AND rule_code = "
                + "'DISCOUNT_CODE_REUSE' AND subject LIKE CONCAT('code:', LOWER(HEX(" + hash + ")), ':%') LIMIT ?",
                workspaceId, storeId, workspaceId, storeId, customerId));
        steps.add(new Step("commerce_order:unlinked", "UPDATE commerce_order o SET o.customer_id = NULL, o.email_hash = NULL "
                + "WHERE o.workspace_id = ? AND o.store_id = ? AND (o.customer_id IS NOT NULL OR o.email_hash IS NOT NULL) "
                + "AND (o.customer_id = ? OR o.email_hash = " + hash + orders + ") LIMIT ?",
                workspaceId, storeId, customerId, workspaceId, storeId, customerId));
        steps.add(new Step("campaign_delivery", "DELETE FROM campaign_delivery WHERE workspace_id = ? AND store_id = ? AND customer_id = ? "
                + "LIMIT ?", workspaceId, storeId, customerId));
        steps.add(new Step("email_suppression", "DELETE FROM email_suppression WHERE workspace_id = ? AND store_id = ? AND (customer_id = ? "
                + "OR email_hash = " + hash + ") LIMIT ?", workspaceId, storeId, customerId, workspaceId, storeId, customerId));
        steps.add(new Step("commerce_customer", "DELETE FROM commerce_customer WHERE workspace_id = ? AND store_id = ? "
                + "AND customer_id = ? LIMIT ?", workspaceId, storeId, customerId));
        return new DeletionPlan(steps);
    }

    /**
     * Every row of workspace {@code workspaceId}: the stores {@code storeIds} as {@link #ofStore},
     * then the workspace's own tables. Its audit records stay (they are kept for their retention
     * period and deleted by the audit retention; docs/security.md).
     */
    public static DeletionPlan ofWorkspace(long workspaceId, List<Long> storeIds) {
        List<Step> steps = new ArrayList<>();
        for (long storeId : storeIds) {
            steps.addAll(storeSteps(workspaceId, storeId));
        }
        Object w = workspaceId;
        steps.add(new Step("webhook_inbox", "DELETE FROM webhook_inbox WHERE workspace_id = ? LIMIT ?", w));
        steps.add(new Step("data_export", "DELETE FROM data_export WHERE workspace_id = ? LIMIT ?", w));
        steps.add(new Step("privacy_request:scrubbed", scrubPrivacyRequests("workspace_id = ?"), w));
        steps.add(new Step("api_key_permission", "DELETE FROM api_key_permission WHERE api_key_id IN "
                + "(SELECT k.id FROM api_key k WHERE k.workspace_id = ?) LIMIT ?", w));
        steps.add(new Step("api_key", "DELETE FROM api_key WHERE workspace_id = ? LIMIT ?", w));
        steps.add(new Step("invitation", "DELETE FROM invitation WHERE workspace_id = ? LIMIT ?", w));
        steps.add(new Step("membership", "DELETE FROM membership WHERE workspace_id = ? LIMIT ?", w));
        steps.add(new Step("staff_access", "DELETE FROM staff_access WHERE workspace_id = ? LIMIT ?", w));
        steps.add(new Step("role_permission", "DELETE FROM role_permission WHERE role_id IN "
                + "(SELECT r.id FROM role r WHERE r.workspace_id = ?) LIMIT ?", w));
        steps.add(new Step("role", "DELETE FROM role WHERE workspace_id = ? LIMIT ?", w));
        steps.add(new Step("outreach_setting", "DELETE FROM outreach_setting WHERE workspace_id = ? LIMIT ?", w));
        steps.add(new Step("export_destination_filter", "DELETE FROM export_destination_filter WHERE workspace_id = ? LIMIT ?", w));
        steps.add(new Step("district", "DELETE FROM district WHERE workspace_id = ? LIMIT ?", w));
        return new DeletionPlan(steps);
    }

    /**
     * The account of SignalOps user {@code userId}: their audit records keep the user's id under the pseudonym
     * {@code erased user <id>} (the one change V36 allows, outside every record's digest, so the chains still
     * verify); the invitations addressed to them and their memberships go; the account row stays, as the
     * anchor of what they did (keys they created, invitations they sent), without email, name or password.
     */
    public static DeletionPlan ofUser(long userId) {
        String user = Long.toString(userId);
        return new DeletionPlan(List.of(
                new Step("audit_record:pseudonymised", "UPDATE audit_record SET actor_name = CONCAT('erased user ', actor_id) "
                        + "WHERE actor_type = 'USER' AND actor_id = ? AND NOT (actor_name <=> CONCAT('erased user ', actor_id)) LIMIT ?", user),
                new Step("invitation", "DELETE FROM invitation WHERE email = (SELECT u.email FROM app_user u WHERE u.id = ?) LIMIT ?", userId),
                new Step("membership", "DELETE FROM membership WHERE user_id = ? LIMIT ?", userId),
                new Step("app_user:anonymised", "UPDATE app_user SET email = CONCAT('erased-', id, '@erased.invalid'), "
                        + "display_name = CONCAT('Erased user ', id), password_hash = NULL, status = 'ERASED' WHERE id = ? "
                        + "AND status <> 'ERASED' LIMIT ?", userId)));
    }

    private static List<Step> storeSteps(long workspaceId, long storeId) {
        Object w = workspaceId;
        Object s = storeId;
        List<Step> steps = new ArrayList<>();
        // the store's webhook deliveries first: none still waiting can write a row back after its table is emptied
        steps.add(new Step("webhook_inbox", "DELETE FROM webhook_inbox WHERE workspace_id = ? AND store_id = ? LIMIT ?", w, s));
        steps.add(new Step("store_connection", "DELETE FROM store_connection WHERE workspace_id = ? AND store_id = ? LIMIT ?", w, s));
        // outward actions: what was sent or proposed and the approvals, children before parents
        for (String table : List.of("campaign_delivery", "email_suppression", "ai_exchange")) {
            steps.add(new Step(table, "DELETE FROM " + table + " WHERE workspace_id = ? AND store_id = ? LIMIT ?", w, s));
        }
        steps.add(new Step("approval_decision", "DELETE FROM approval_decision WHERE workspace_id = ? AND approval_request_id IN "
                + "(SELECT r.id FROM approval_request r WHERE r.workspace_id = ? AND r.store_id = ?) LIMIT ?", w, w, s));
        for (String table : List.of("approval_request", "segment_export", "campaign", "segment", "store_send_limit")) {
            steps.add(new Step(table, "DELETE FROM " + table + " WHERE workspace_id = ? AND store_id = ? LIMIT ?", w, s));
        }
        for (String table : STORE_TABLES) {
            steps.add(new Step(table, "DELETE FROM " + table + " WHERE workspace_id = ? AND store_id = ? LIMIT ?", w, s));
        }
        steps.add(new Step("store_import_skip", "DELETE FROM store_import_skip WHERE workspace_id = ? AND import_id IN "
                + "(SELECT i.id FROM store_import i WHERE i.workspace_id = ? AND i.store_id = ?) LIMIT ?", w, w, s));
        steps.add(new Step("store_import", "DELETE FROM store_import WHERE workspace_id = ? AND store_id = ? LIMIT ?", w, s));
        steps.add(new Step("api_key_permission", "DELETE FROM api_key_permission WHERE api_key_id IN "
                + "(SELECT k.id FROM api_key k WHERE k.workspace_id = ? AND k.store_id = ?) LIMIT ?", w, s));
        steps.add(new Step("api_key", "DELETE FROM api_key WHERE workspace_id = ? AND store_id = ? LIMIT ?", w, s));
        steps.add(new Step("invitation", "DELETE FROM invitation WHERE workspace_id = ? AND store_id = ? LIMIT ?", w, s));
        steps.add(new Step("membership", "DELETE FROM membership WHERE workspace_id = ? AND store_id = ? LIMIT ?", w, s));
        steps.add(new Step("privacy_request:scrubbed", scrubPrivacyRequests("workspace_id = ? AND store_id = ?"), w, s));
        steps.add(new Step("deletion_request:scrubbed", "UPDATE deletion_request SET shopify_customer_id = NULL, "
                + "shopify_order_ids = NULL WHERE workspace_id = ? AND store_id = ? AND kind = 'CUSTOMER' "
                + "AND status IN ('COMPLETED', 'CANCELLED') AND shopify_customer_id IS NOT NULL LIMIT ?", w, s));
        steps.add(new Step("store", "DELETE FROM store WHERE workspace_id = ? AND id = ? LIMIT ?", w, s));
        return steps;
    }

    /** A store's privacy requests stay as the record of what was asked, without the customer and order ids. */
    private static String scrubPrivacyRequests(String where) {
        return "UPDATE privacy_request SET shopify_customer_id = NULL, shopify_order_ids = NULL WHERE " + where
                + " AND (shopify_customer_id IS NOT NULL OR shopify_order_ids IS NOT NULL) LIMIT ?";
    }

    private static String ids(List<Long> ids) {
        // numbers only: nothing a request carries reaches the statement as text
        return ids.stream().map(id -> Long.toString(id)).collect(Collectors.joining(","));
    }

    public List<Step> steps() {
        return steps;
    }

    /** The tables the plan deletes rows of or changes (without the {@code :unlinked}/{@code :scrubbed} suffix). */
    public List<String> tables() {
        return steps.stream().map(step -> step.label().replaceAll(":.*", "")).distinct().toList();
    }

    /**
     * Runs the plan for request {@code requestId} on {@code connection} (its auto-commit is turned
     * off): chunks of at most {@code chunkSize} rows, each committed with its count, until every
     * step finds nothing more. Answers false when {@code stopped} said so between two chunks.
     */
    public boolean run(Connection connection, long requestId, int chunkSize, BooleanSupplier stopped) throws SQLException {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, was " + chunkSize);
        }
        connection.setAutoCommit(false);
        for (Step step : steps) {
            int removed;
            do {
                if (stopped.getAsBoolean()) {
                    return false;
                }
                removed = chunk(connection, requestId, step, chunkSize);
            } while (removed == chunkSize);
        }
        return true;
    }

    /** Adds {@code removed} rows (or files) of {@code label} to request {@code requestId}'s progress and commits. */
    public static void counted(Connection connection, long requestId, String label, long removed) throws SQLException {
        if (removed > 0) {
            try (PreparedStatement progress = connection.prepareStatement(PROGRESS)) {
                progress.setLong(1, requestId);
                progress.setString(2, label);
                progress.setLong(3, removed);
                progress.executeUpdate();
            }
        }
        connection.commit();
    }

    private static int chunk(Connection connection, long requestId, Step step, int chunkSize) throws SQLException {
        try {
            int removed;
            try (PreparedStatement statement = connection.prepareStatement(step.sql())) {
                int i = 1;
                for (Object parameter : step.parameters()) {
                    statement.setObject(i++, parameter);
                }
                statement.setInt(i, chunkSize);
                removed = statement.executeUpdate();
            }
            counted(connection, requestId, step.label(), removed);
            return removed;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** The rows request {@code requestId} has removed so far, per step label, in the plan's order of tables. */
    public static Map<String, Long> progress(Connection connection, long requestId) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT table_name, rows_removed FROM deletion_progress WHERE request_id = ? ORDER BY table_name")) {
            query.setLong(1, requestId);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return Collections.unmodifiableMap(counts);
    }

    static List<Long> parseIds(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::trim).map(Long::valueOf).toList();
    }
}
