package com.signalops.jobs.imports;

import com.signalops.commerce.domain.SkippedLine;
import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.chunk.listener.SkipReadListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Records a line the reader skipped: file, line number, reason and a detail that never quotes the
 * line. A line skipped again after a restart is recorded once (the row's key is the line).
 */
@Named
@Dependent
public class SkippedLineRecorder implements SkipReadListener {

    @Inject
    private JobContext job;

    @Inject
    private ApplicationDatabase database;

    @Override
    public void onSkipReadItem(Exception cause) throws SQLException {
        if (!(cause instanceof SkippedLine skipped)) {
            return;
        }
        ImportParameters parameters = ImportParameters.of(job);
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT IGNORE INTO store_import_skip "
                        + "(workspace_id, import_id, resource, line_number, reason, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, parameters.workspaceId());
            insert.setLong(2, parameters.importId());
            insert.setString(3, skipped.resource().name());
            insert.setLong(4, skipped.lineNumber());
            insert.setString(5, skipped.reason().name());
            insert.setString(6, skipped.detail());
            insert.executeUpdate();
        }
    }
}
