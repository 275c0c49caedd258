package com.signalops.it.support;

import com.signalops.identity.domain.BuiltInRole;
import com.signalops.identity.domain.Permission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Workspaces, districts, stores and memberships written straight into the database, for tests that
 * need more than the demo workspace (another tenant to probe isolation against, a scoped member).
 */
public final class TestTenants {

    private TestTenants() {
    }

    /** Creates an active workspace {@code name} with the four built-in roles, as the application would; returns its id. */
    public static long workspace(String name) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect()) {
            long workspaceId = insert(connection, "INSERT INTO workspace (name, status, created_at) VALUES (?, 'ACTIVE', NOW(3))", name);
            for (BuiltInRole builtIn : BuiltInRole.values()) {
                String label = builtIn.code().replace('_', ' ');
                long roleId = insert(connection, "INSERT INTO role (workspace_id, code, name, built_in) VALUES (?, ?, ?, TRUE)",
                        workspaceId, builtIn.code(), label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1));
                for (Permission permission : builtIn.permissions()) {
                    insert(connection, "INSERT INTO role_permission (role_id, permission) VALUES (?, ?)", roleId, permission.key());
                }
            }
            return workspaceId;
        }
    }

    /** Creates district {@code name} in workspace {@code workspaceId}; returns its id. */
    public static long district(long workspaceId, String name) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect()) {
            return insert(connection, "INSERT INTO district (workspace_id, name, created_at) VALUES (?, ?, NOW(3))", workspaceId, name);
        }
    }

    /** Creates a EUR store in Europe/Berlin, in district {@code districtId} or (null) in none; returns its id. */
    public static long store(long workspaceId, Long districtId, String code, String shopDomain) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect()) {
            return insert(connection, "INSERT INTO store (workspace_id, district_id, store_code, shop_domain, currency, timezone, "
                    + "created_at) VALUES (?, ?, ?, ?, 'EUR', 'Europe/Berlin', NOW(3))", workspaceId, districtId, code, shopDomain);
        }
    }

    /**
     * Gives account {@code userId} the built-in or custom role {@code roleCode} of workspace
     * {@code workspaceId} over {@code scopeType} ({@code WORKSPACE}, or {@code DISTRICT}/{@code STORE}
     * with {@code scopeId}); returns the membership's id.
     */
    public static long membership(long workspaceId, long userId, String roleCode, String scopeType, Long scopeId) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect()) {
            return insert(connection, "INSERT INTO membership (workspace_id, user_id, role_id, scope_type, district_id, store_id, "
                    + "created_at) SELECT workspace_id, ?, id, ?, ?, ?, NOW(3) FROM role WHERE workspace_id = ? AND code = ?",
                    userId, scopeType, "DISTRICT".equals(scopeType) ? scopeId : null, "STORE".equals(scopeType) ? scopeId : null,
                    workspaceId, roleCode);
        }
    }

    private static long insert(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < parameters.length; i++) {
                insert.setObject(i + 1, parameters[i]);
            }
            if (insert.executeUpdate() != 1) {
                throw new IllegalStateException("not inserted: " + sql);
            }
            try (ResultSet keys = insert.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }
}
