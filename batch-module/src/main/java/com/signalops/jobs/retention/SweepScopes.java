package com.signalops.jobs.retention;

import com.signalops.retention.domain.RetentionPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The workspaces a run sweeps, and the periods that apply to each. */
final class SweepScopes {

    private SweepScopes() {
    }

    /** The workspace keys from {@code first} on, ascending: 0 (rows of no workspace) first, then every workspace id. */
    static List<Long> workspaceKeys(Connection connection, long first) throws SQLException {
        List<Long> keys = new ArrayList<>();
        if (first <= SweepTable.NO_WORKSPACE) {
            keys.add(SweepTable.NO_WORKSPACE);
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM workspace WHERE id >= ? ORDER BY id")) {
            select.setLong(1, Math.max(first, 1));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getLong(1));
                }
            }
        }
        return keys;
    }

    /** The periods of workspace key {@code workspaceKey}: its settings, or for rows of no workspace the defaults. */
    static RetentionPolicy policy(Connection connection, long workspaceKey, int auditFloorDays) throws SQLException {
        return workspaceKey == SweepTable.NO_WORKSPACE ? RetentionPolicy.defaults(auditFloorDays)
                : RetentionPolicy.ofWorkspace(connection, workspaceKey, auditFloorDays);
    }
}
