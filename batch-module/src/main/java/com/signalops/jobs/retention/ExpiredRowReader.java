package com.signalops.jobs.retention;

import com.signalops.retention.domain.RetentionPolicy;
import com.signalops.retention.service.AuditRetentionFloor;
import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads the expired rows of every workspace, table by table ({@link SweepTable}), a page of keys at a time in key
 * order, each table with the cutoff of its workspace's period. Its checkpoint is the last row read, so a restart
 * continues after the last committed chunk: nothing is read twice, and what a failed chunk did not delete is read
 * again.
 */
@Named
@Dependent
public class ExpiredRowReader extends AbstractItemReader {

    @Inject
    private ApplicationDatabase database;

    @Inject
    private AuditRetentionFloor auditFloor;

    @Inject
    private JobContext jobContext;

    private final Deque<SweepRow> page = new ArrayDeque<>();
    private SweepRun run;
    private List<Long> workspaces;
    private int workspaceIndex;
    private SweepTable table;
    private LocalDateTime cutoff;
    private SweepPosition position;

    @Override
    public void open(Serializable checkpoint) throws SQLException {
        run = SweepRun.of(jobContext);
        position = checkpoint == null ? SweepPosition.START : (SweepPosition) checkpoint;
        try (Connection connection = database.dataSource().getConnection()) {
            workspaces = SweepScopes.workspaceKeys(connection, position.workspaceKey());
        }
        workspaceIndex = 0;
        table = null;
    }

    @Override
    public Object readItem() throws SQLException {
        while (page.isEmpty()) {
            if (table != null && fetchPage()) {
                break;
            }
            if (!nextScope()) {
                return null;
            }
        }
        SweepRow row = page.poll();
        position = new SweepPosition(row.workspaceKey(), row.table(), row.part(), row.key());
        return row;
    }

    @Override
    public Serializable checkpointInfo() {
        return position;
    }

    /** Moves to the next table (of this workspace, else of the next one) that the position has not passed; false at the end. */
    private boolean nextScope() throws SQLException {
        SweepTable[] tables = SweepTable.values();
        int next = table == null ? 0 : table.ordinal() + 1;
        while (workspaceIndex < workspaces.size()) {
            long workspace = workspaces.get(workspaceIndex);
            for (int i = next; i < tables.length; i++) {
                if (tables[i].sweeps(workspace) && !position.isPast(workspace, tables[i])) {
                    enter(workspace, tables[i]);
                    return true;
                }
            }
            workspaceIndex++;
            next = 0;
        }
        table = null;
        return false;
    }

    private void enter(long workspace, SweepTable scope) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            RetentionPolicy policy = SweepScopes.policy(connection, workspace, auditFloor.days());
            cutoff = scope.cutoff(policy, run.asOf());
        }
        if (!position.isIn(workspace, scope)) {
            position = new SweepPosition(workspace, scope, Long.MIN_VALUE, Long.MIN_VALUE);
        }
        table = scope;
    }

    /** Fills the page with the next expired keys of the current table; false when there are none. */
    private boolean fetchPage() throws SQLException {
        long workspace = workspaces.get(workspaceIndex);
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(table.selectPage(workspace))) {
            int i = 1;
            if (table.bindsWorkspace(workspace)) {
                select.setLong(i++, workspace);
            }
            select.setObject(i++, cutoff);
            if (table.partitioned()) {
                select.setLong(i++, position.part());
                select.setLong(i++, position.part());
            }
            select.setLong(i++, position.key());
            select.setInt(i, run.chunkSize());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    page.add(new SweepRow(workspace, table, rows.getLong(1), rows.getLong(2), cutoff));
                }
            }
        }
        return !page.isEmpty();
    }
}
