package com.signalops.jobs.deletion;

import static com.signalops.jobs.deletion.OpenDeletion.utc;

import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.SecurityEvents;
import com.signalops.privacy.domain.DeletionRequest;
import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The deadline watch of {@code data-deletion}: an open request within 12 hours of its deadline
 * at {@code asOf} raises one HIGH security event, a request past its deadline one CRITICAL
 * event; each is marked on the request in the event's transaction, so a rerun raises nothing twice.
 */
@Named
@Dependent
public class DeadlineWatch extends AbstractBatchlet {

    static final String NEAR = "deletion.deadline-near";
    static final String MISSED = "deletion.deadline-missed";
    private static final Logger LOG = Logger.getLogger(DeadlineWatch.class.getName());

    @Inject
    private ApplicationDatabase database;

    @Inject
    @BatchProperty
    private String asOf;

    @Override
    public String process() throws SQLException {
        Instant at = DataDeletion.asOf(asOf);
        int missed;
        int near;
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            missed = raise(connection, "deadline_missed_at", at, MISSED, Severity.CRITICAL, at);
            near = raise(connection, "deadline_warned_at", at.plus(DeletionRequest.DEADLINE_WARNING), NEAR, Severity.HIGH, at);
        }
        if (missed + near > 0) {
            LOG.log(Level.WARNING, "Deletion deadlines as of {0}: {1} missed, {2} within 12 hours", new Object[] {at, missed, near});
        }
        return "MISSED " + missed + ", NEAR " + near;
    }

    /** Marks and reports the open requests due by {@code dueBy} not yet marked in {@code column}. */
    private static int raise(Connection connection, String column, Instant dueBy, String type, Severity severity, Instant at)
            throws SQLException {
        List<Object[]> found = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id, workspace_id, kind, store_id, due_at FROM deletion_request "
                + "WHERE status IN ('PENDING', 'RUNNING') AND " + column + " IS NULL AND due_at <= ? ORDER BY id")) {
            query.setObject(1, utc(dueBy));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new Object[] {rows.getLong(1), rows.getObject(2, Long.class), rows.getString(3), rows.getObject(4, Long.class),
                            OpenDeletion.instant(rows.getTimestamp(5))});
                }
            }
        }
        connection.commit();
        int raised = 0;
        for (Object[] request : found) {
            try {
                // a missed deadline was also near: one CRITICAL event says both
                String marks = column.equals("deadline_missed_at")
                        ? "deadline_missed_at = ?, deadline_warned_at = COALESCE(deadline_warned_at, ?)" : column + " = ?";
                Object[] parameters = column.equals("deadline_missed_at") ? new Object[] {utc(at), utc(at), request[0]}
                        : new Object[] {utc(at), request[0]};
                if (DeletionCompletion.update(connection, "UPDATE deletion_request SET " + marks + " WHERE id = ? AND " + column
                        + " IS NULL AND status IN ('PENDING', 'RUNNING')", parameters) == 1) {
                    SecurityEvents.raise(connection, (Long) request[1], type, severity,
                            describe((Long) request[0], (String) request[2], (Long) request[3], (Instant) request[4]), at);
                    raised++;
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        return raised;
    }

    /** The event's details: ids and dates only. */
    static String describe(long requestId, String kind, Long storeId, Instant dueAt) {
        return "deletion request " + requestId + " (" + kind + (storeId == null ? "" : ", store " + storeId) + ") due " + dueAt
                + " is not completed";
    }
}
