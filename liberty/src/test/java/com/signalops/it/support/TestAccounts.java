package com.signalops.it.support;

import com.signalops.identity.domain.PasswordHasher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Accounts for the tests, written straight into the database of the demo workspace. */
public final class TestAccounts {

    private TestAccounts() {
    }

    /**
     * Creates an active account {@code email} with {@code password} and one membership of the demo
     * workspace for each role code given (scoped to the workspace).
     */
    public static long create(String email, String displayName, String password, String... roleCodes) throws SQLException {
        try (Connection connection = SignalOpsSystem.database().connect()) {
            long userId;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO app_user (email, display_name, password_hash, "
                    + "status, created_at, password_changed_at) VALUES (?, ?, ?, 'ACTIVE', NOW(3), NOW(3))",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, email);
                insert.setString(2, displayName);
                insert.setString(3, new PasswordHasher().hash(password.toCharArray()));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    userId = keys.getLong(1);
                }
            }
            for (String roleCode : roleCodes) {
                try (PreparedStatement member = connection.prepareStatement("INSERT INTO membership (workspace_id, user_id, role_id, "
                        + "scope_type, created_at) SELECT r.workspace_id, ?, r.id, 'WORKSPACE', NOW(3) FROM role r "
                        + "JOIN workspace w ON w.id = r.workspace_id WHERE w.name = 'Demo workspace' AND r.code = ?")) {
                    member.setLong(1, userId);
                    member.setString(2, roleCode);
                    if (member.executeUpdate() != 1) {
                        throw new IllegalStateException("no role " + roleCode + " in the demo workspace");
                    }
                }
            }
            return userId;
        }
    }
}
