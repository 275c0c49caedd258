package com.signalops.jobs.retention;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditAppend;
import com.signalops.retention.domain.RetentionPolicy;
import com.signalops.retention.service.AuditRetentionFloor;
import com.signalops.shared.RequestIds;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the run's summary of each workspace key it is given as one {@code retention.sweep} audit record (of the
 * workspace, or of no workspace for key 0): per table the rows deleted, or in a dry run that would be, and the
 * time stamp of the oldest row kept; then forgets that workspace's tally, in the same transaction, so a restart
 * reports each workspace once.
 */
@Named
@Dependent
public class SweepReportWriter extends SweepWriter {

    @Inject
    private AuditRetentionFloor auditFloor;

    @Override
    public void writeItems(List<Object> items) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            for (Object item : items) {
                long workspace = (Long) item;
                Map<String, SweepTally.Entry> tally = SweepTally.of(connection, run.jobInstanceId(), workspace);
                RetentionPolicy policy = SweepScopes.policy(connection, workspace, auditFloor.days());
                String counted = run.dryRun() ? "wouldDelete" : "deleted";
                Map<String, Object> tables = new LinkedHashMap<>();
                for (SweepTable table : SweepTable.values()) {
                    if (table.sweeps(workspace)) {
                        tables.put(table.label(), figures(counted, tally.get(table.label()),
                                oldestKept(connection, table, workspace, table.cutoff(policy, run.asOf()))));
                    }
                    if (table == SweepTable.ORDERS && table.sweeps(workspace)) {
                        tables.put(SweepTally.LINE_ITEMS, figures(counted, tally.get(SweepTally.LINE_ITEMS), null));
                    }
                }
                SweepTally.Entry audit = tally.get(SweepTally.AUDIT_RECORDS);
                tables.put(SweepTally.AUDIT_RECORDS, figures(counted, audit, audit == null ? null : audit.oldestKept()));
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("dryRun", run.dryRun());
                after.put("asOf", run.asOf().toString());
                after.put("periods", policy.asMap());
                after.put("tables", tables);
                AuditEntry entry = AuditEntry.of(AuditAction.RETENTION_SWEEP, AuditOutcome.SUCCESS)
                        .in(workspace == SweepTable.NO_WORKSPACE ? null : workspace).by(ActorType.SYSTEM, jobContext.getJobName())
                        .via(AuditSource.BATCH).on(workspace == SweepTable.NO_WORKSPACE ? null : workspace).after(after).build();
                AuditAppend.of(entry, Instant.now(), RequestIds.ofBatch(jobContext.getExecutionId())).appendTo(connection);
                SweepTally.forget(connection, run.jobInstanceId(), workspace);
            }
        }
    }

    private static Map<String, Object> figures(String counted, SweepTally.Entry entry, LocalDateTime oldestKept) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(counted, entry == null ? 0L : entry.rows());
        figures.put("oldestKept", oldestKept == null ? null : oldestKept.toString());
        return figures;
    }

    private static LocalDateTime oldestKept(Connection connection, SweepTable table, long workspace, LocalDateTime cutoff)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(table.oldestKept(workspace))) {
            int i = 1;
            if (table.bindsWorkspace(workspace)) {
                select.setLong(i++, workspace);
            }
            select.setObject(i, cutoff);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getObject(1, LocalDateTime.class);
            }
        }
    }
}
