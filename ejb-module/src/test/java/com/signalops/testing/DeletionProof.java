package com.signalops.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The information_schema proof of a deletion: every table of the schema with a column named {@code workspace_id},
 * {@code store_id}, {@code shop*} or {@code *customer*} is asked for rows of the deleted subject. A table is found by
 * its columns, not listed here, so a table added later is asked too.
 */
public final class DeletionProof {

    /**
     * Tables that keep ids of a deleted store by design, with why: the record of the requests and of their deletion.
     * Their customer and order ids must be gone (see {@link #rowsOfStore}).
     */
    public static final Map<String, String> LEDGER = Map.of(
            "deletion_request", "the deletion request itself: ids and dates, its customer ids cleared on completion",
            "deletion_receipt", "the receipt of the deletion: ids, dates and counts",
            "privacy_request", "what Shopify asked and when: ids and dates, customer and order ids cleared");

    /**
     * What stays of a deleted workspace, with why: its ledger, and its audit trail and security events, which are
     * kept for their retention period and deleted by the audit retention (docs/security.md).
     */
    public static final Map<String, String> WORKSPACE_LEDGER = Map.of(
            "deletion_request", LEDGER.get("deletion_request"),
            "deletion_receipt", LEDGER.get("deletion_receipt"),
            "privacy_request", LEDGER.get("privacy_request"),
            "audit_record", "the audit trail, kept for its retention period; actor names of erased users pseudonymised",
            "security_event", "security events, kept for the audit retention period; ids and types only");

    private DeletionProof() {
    }

    /** Every table with a subject column, with its subject columns (lower case), by table name. */
    public static Map<String, List<String>> subjectTables(Connection connection) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT LOWER(c.table_name), LOWER(c.column_name) "
                + "FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema "
                + "AND t.table_name = c.table_name WHERE c.table_schema = DATABASE() AND t.table_type = 'BASE TABLE' "
                + "AND (c.column_name IN ('workspace_id', 'store_id') OR c.column_name LIKE 'shop%' OR c.column_name LIKE '%customer%') "
                + "ORDER BY 1, 2"); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                tables.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return tables;
    }

    /** The tables that hold a store's rows: those with a store_id, shop or customer column (the store table itself too). */
    public static List<String> storeTables(Connection connection) throws SQLException {
        return subjectTables(connection).entrySet().stream().filter(t -> t.getValue().stream().anyMatch(c -> !c.equals("workspace_id")))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * The rows of store {@code storeId} (shop {@code shopDomain}) of workspace {@code workspaceId} left in each table,
     * for the tables where some are left (a ledger table's rows count when they still name a customer or orders).
     *
     * @throws AssertionError for a table with a customer column but no store column: whose customer it holds cannot be told
     */
    public static Map<String, Long> rowsOfStore(Connection connection, long workspaceId, long storeId, String shopDomain)
            throws SQLException {
        Map<String, Long> left = new TreeMap<>();
        for (Map.Entry<String, List<String>> table : subjectTables(connection).entrySet()) {
            List<String> columns = table.getValue();
            String name = table.getKey();
            String where;
            List<Object> parameters = new ArrayList<>();
            String shopColumn = columns.stream().filter(c -> c.startsWith("shop") && !c.contains("customer")).findFirst().orElse(null);
            if (name.equals("store")) {
                where = "workspace_id = ? AND id = ?";
                parameters.add(workspaceId);
                parameters.add(storeId);
            } else if (columns.contains("store_id")) {
                where = "store_id = ?";
                parameters.add(storeId);
                if (LEDGER.containsKey(name)) {
                    List<String> personal = columns.stream().filter(c -> c.contains("customer")).toList();
                    where += personal.isEmpty() ? " AND FALSE" : " AND (" + String.join(" IS NOT NULL OR ", personal) + " IS NOT NULL"
                            + (name.equals("privacy_request") || name.equals("deletion_request") ? " OR shopify_order_ids IS NOT NULL" : "") + ")";
                }
            } else if (shopColumn != null) {
                where = shopColumn + " = ?";
                parameters.add(shopDomain);
            } else if (columns.stream().anyMatch(c -> c.contains("customer"))) {
                throw new AssertionError("Table " + name + " holds customers without a store column: a store's deletion cannot find them");
            } else {
                continue;
            }
            long count = count(connection, "SELECT COUNT(*) FROM " + name + " WHERE " + where, parameters);
            if (count > 0) {
                left.put(name, count);
            }
        }
        return left;
    }

    /**
     * The rows naming customer {@code customerId} of store {@code storeId} left in each table with a store column and a
     * customer id column, for the tables where some are left.
     */
    public static Map<String, Long> rowsOfCustomer(Connection connection, long storeId, long customerId) throws SQLException {
        Map<String, Long> left = new TreeMap<>();
        for (Map.Entry<String, List<String>> table : subjectTables(connection).entrySet()) {
            List<String> columns = table.getValue();
            if (!columns.contains("store_id")) {
                continue;
            }
            for (String column : columns.stream().filter(c -> c.endsWith("customer_id")).toList()) {
                long count = count(connection, "SELECT COUNT(*) FROM " + table.getKey() + " WHERE store_id = ? AND " + column + " = ?",
                        List.of(storeId, customerId));
                if (count > 0) {
                    left.merge(table.getKey(), count, Long::sum);
                }
            }
        }
        return left;
    }

    /** The rows of workspace {@code workspaceId} left in each table with a workspace_id column, for the tables where some are. */
    public static Map<String, Long> rowsOfWorkspace(Connection connection, long workspaceId) throws SQLException {
        Map<String, Long> left = new TreeMap<>();
        for (Map.Entry<String, List<String>> table : subjectTables(connection).entrySet()) {
            if (!table.getValue().contains("workspace_id")) {
                continue;
            }
            long count = count(connection, "SELECT COUNT(*) FROM " + table.getKey() + " WHERE workspace_id = ?", List.of(workspaceId));
            if (count > 0) {
                left.put(table.getKey(), count);
            }
        }
        return left;
    }

    private static long count(Connection connection, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
