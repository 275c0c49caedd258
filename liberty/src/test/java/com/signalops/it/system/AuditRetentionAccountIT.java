package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.audit.domain.ChainRetention;
import com.signalops.audit.domain.ChainVerification;
import com.signalops.audit.service.AuditChainVerifier;
import com.signalops.audit.service.AuditRetention;
import com.signalops.it.support.SignalOpsSystem;
import com.signalops.testing.AuditChainWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server's own migration fixes the retention account it was configured with
 * ({@code SIGNALOPS_DB_RETENTION_USER}) into the audit triggers: that account deletes an expired
 * prefix, the application's account deletes nothing.
 */
@ExtendWith(SignalOpsSystem.class)
class AuditRetentionAccountIT {

    private static final long WORKSPACE = 990_001;

    @Test
    void onlyTheConfiguredRetentionAccountDeletesAnExpiredPrefix() throws SQLException {
        try (Connection app = SignalOpsSystem.database().connect()) {
            AuditChainWriter.append(app, WORKSPACE, LocalDateTime.parse("2025-01-10T08:00:00"), 3);
            SQLException refused = assertThrows(SQLException.class, () -> {
                try (Statement statement = app.createStatement()) {
                    statement.executeUpdate("DELETE FROM audit_record WHERE chain_key = " + WORKSPACE);
                }
            });
            assertTrue(refused.getMessage().contains("DELETE from audit_record is refused"), refused.getMessage());
        }

        try (Connection retention = SignalOpsSystem.database().retentionConnection()) {
            assertEquals(new ChainRetention(WORKSPACE, 2, 2, 3),
                    new AuditRetention(retention, 100).expire(WORKSPACE, LocalDateTime.parse("2026-01-01T00:00:00")));
        }
        try (Connection app = SignalOpsSystem.database().connect()) {
            ChainVerification rest = new AuditChainVerifier(app, 100).verify(WORKSPACE);
            assertTrue(rest.intact(), rest.toString());
        }
    }
}
