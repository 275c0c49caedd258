package com.signalops.jobs.retention;

import com.signalops.commerce.service.ImportFolder;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes a chunk of expired rows by their keys, in the chunk's transaction, one statement per workspace, table (and
 * store); each statement checks the expiry again, so a row that changed since it was read (a finding seen again)
 * stays. The rows deleted are added to the run's tally in the same transaction. In a dry run it deletes nothing and
 * tallies the rows it was given. Import files are deleted from the import folder before their import is marked (or
 * its row deleted): a chunk that fails after that finds them gone when it runs again, which is what it wanted.
 */
@Named
@Dependent
public class ExpiredRowDeleter extends SweepWriter {

    private static final Logger LOG = Logger.getLogger(ExpiredRowDeleter.class.getName());

    @Inject
    private ImportFolder importFolder;

    @Override
    public void writeItems(List<Object> items) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            List<SweepRow> group = new ArrayList<>();
            for (Object item : items) {
                SweepRow row = (SweepRow) item;
                if (!group.isEmpty() && !group.get(0).sameGroup(row)) {
                    sweep(connection, group);
                    group.clear();
                }
                group.add(row);
            }
            if (!group.isEmpty()) {
                sweep(connection, group);
            }
        }
        LOG.log(Level.FINE, "retention-sweep: {0} expired rows handled", items.size());
    }

    private void sweep(Connection connection, List<SweepRow> rows) throws SQLException {
        SweepRow first = rows.get(0);
        SweepTable table = first.table();
        long workspace = first.workspaceKey();
        // counted before the delete (they go with their orders), tallied after it: a delete that fails tallies nothing
        long lineItems = table == SweepTable.ORDERS ? count(connection, table.countLineItems(workspace, rows.size()), rows) : 0;
        long swept;
        if (run.dryRun()) {
            swept = rows.size();
        } else if (table == SweepTable.IMPORT_FILES) {
            deleteFiles(rows);
            swept = execute(connection, table.markFilesDeleted(workspace, rows.size()), rows,
                    LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
        } else {
            if (table == SweepTable.IMPORTS) {
                deleteFiles(rows);
            }
            swept = execute(connection, table.delete(workspace, rows.size()), rows, null);
        }
        if (table == SweepTable.ORDERS) {
            SweepTally.add(connection, run.jobInstanceId(), workspace, SweepTally.LINE_ITEMS, lineItems, null);
        }
        SweepTally.add(connection, run.jobInstanceId(), workspace, table.label(), swept, null);
    }

    private void deleteFiles(List<SweepRow> rows) {
        for (SweepRow row : rows) {
            importFolder.deleteImport(row.workspaceKey(), row.key());
        }
    }

    private static int execute(Connection connection, String sql, List<SweepRow> rows, LocalDateTime stamp) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            if (stamp != null) {
                statement.setObject(i++, stamp);
            }
            bind(statement, i, rows);
            return statement.executeUpdate();
        }
    }

    private static long count(Connection connection, String sql, List<SweepRow> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, 1, rows);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** Binds [workspace], [part], the keys and the cutoff of one group from parameter {@code index} on. */
    private static void bind(PreparedStatement statement, int index, List<SweepRow> rows) throws SQLException {
        SweepRow first = rows.get(0);
        int i = index;
        if (first.table().bindsWorkspace(first.workspaceKey())) {
            statement.setLong(i++, first.workspaceKey());
        }
        if (first.table().partitioned()) {
            statement.setLong(i++, first.part());
        }
        for (SweepRow row : rows) {
            statement.setLong(i++, row.key());
        }
        statement.setObject(i, first.cutoff());
    }
}
