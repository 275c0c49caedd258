package com.signalops.jobs.retention;

import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads the workspace keys a run covers, 0 (no workspace) first, then every workspace id ascending. Its checkpoint is
 * the last key read, so a restart continues with the next workspace.
 */
@Named
@Dependent
public class WorkspaceKeyReader extends AbstractItemReader {

    @Inject
    private ApplicationDatabase database;

    private final Deque<Long> keys = new ArrayDeque<>();
    private Long last;

    @Override
    public void open(Serializable checkpoint) throws SQLException {
        last = (Long) checkpoint;
        try (Connection connection = database.dataSource().getConnection()) {
            keys.addAll(SweepScopes.workspaceKeys(connection, last == null ? SweepTable.NO_WORKSPACE : last + 1));
        }
    }

    @Override
    public Object readItem() {
        Long next = keys.poll();
        if (next != null) {
            last = next;
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
