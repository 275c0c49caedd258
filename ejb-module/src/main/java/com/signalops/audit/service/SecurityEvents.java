package com.signalops.audit.service;

import com.signalops.audit.domain.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * How a security event is stored, for {@link AuditTrail} and for batch jobs that raise events
 * through plain JDBC outside a persistence context.
 */
public final class SecurityEvents {

    static final String INSERT = "INSERT INTO security_event (workspace_id, occurred_at, type, severity, details) VALUES (?, ?, ?, ?, ?)";

    private static final int DETAILS_LENGTH = 500;

    private SecurityEvents() {
    }

    /** Raises the event on {@code connection} (in its transaction, if it has one). */
    public static void raise(Connection connection, Long workspaceId, String type, Severity severity, String details,
            Instant occurredAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, workspaceId);
            insert.setObject(2, LocalDateTime.ofInstant(occurredAt.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
            insert.setString(3, type);
            insert.setString(4, severity.name());
            insert.setString(5, fitted(details));
            insert.executeUpdate();
        }
    }

    static String fitted(String details) {
        return details == null ? null : details.substring(0, Math.min(details.length(), DETAILS_LENGTH));
    }
}
