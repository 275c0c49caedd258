package com.signalops.jobs.deletion;

import static com.signalops.jobs.deletion.DeletionCompletion.update;
import static com.signalops.jobs.deletion.OpenDeletion.utc;

import com.signalops.commerce.service.ImportFolder;
import com.signalops.privacy.domain.DataExportKind;
import com.signalops.privacy.domain.DeletionKind;
import com.signalops.privacy.domain.DeletionPlan;
import com.signalops.privacy.service.ExportFolder;
import com.signalops.shared.ApplicationDatabase;
import com.signalops.shared.RequestIds;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The deletions of {@code data-deletion}: every open request whose time has come at {@code asOf},
 * one after the other, most urgent first, each through its {@link com.signalops.privacy.domain.DeletionPlan}
 * in chunks of {@code chunkSize} rows and then completed with its receipt. A request found running
 * (its run was killed or stopped) continues from the chunks it committed. An uninstall's deletion
 * is cancelled instead when the store was connected again before it started. Honours stop
 * between two chunks.
 */
@Named
@Dependent
public class DataDeletion extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(DataDeletion.class.getName());

    @Inject
    private ApplicationDatabase database;

    @Inject
    private JobContext job;

    @Inject
    private ImportFolder importFolder;

    @Inject
    private ExportFolder exportFolder;

    @Inject
    @BatchProperty
    private String asOf;

    @Inject
    @BatchProperty
    private String chunkSize;

    private volatile boolean stopped;

    @Override
    public String process() throws SQLException {
        Instant at = asOf(asOf);
        int chunk = Integer.parseInt(chunkSize.trim());
        int completed = 0;
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            Optional<OpenDeletion> next;
            while (!stopped && (next = OpenDeletion.next(connection, at)).isPresent()) {
                connection.commit();
                OpenDeletion request = start(connection, next.get());
                if (request == null) {
                    continue;
                }
                deleteImportFiles(connection, request);
                deleteExportFiles(connection, request);
                if (!request.plan(connection).run(connection, request.id(), chunk, () -> stopped)) {
                    return BatchStatus.STOPPED.name();
                }
                Map<String, Long> removed = DeletionCompletion.complete(connection, request, now(),
                        RequestIds.ofBatch(job.getExecutionId()));
                LOG.log(Level.INFO, "Deletion request {0} ({1}) completed: {2}", new Object[] {request.id(), request.kind(), removed});
                completed++;
            }
            connection.commit();
        }
        return stopped ? BatchStatus.STOPPED.name() : "COMPLETED " + completed;
    }

    /** Marks a pending request running (answers it with its start), or cancels an uninstall's deletion of a reconnected store. */
    private static OpenDeletion start(Connection connection, OpenDeletion request) throws SQLException {
        if (request.running()) {
            return request;
        }
        Instant now = now();
        try {
            if ("APP_UNINSTALLED".equals(request.origin()) && reconnected(connection, request)) {
                update(connection, "UPDATE deletion_request SET status = 'CANCELLED', cancelled_at = ?, cancelled_by = 'store reconnected' "
                        + "WHERE id = ? AND status = 'PENDING'", utc(now), request.id());
                connection.commit();
                LOG.log(Level.INFO, "Deletion request {0} cancelled: its store was connected again", request.id());
                return null;
            }
            update(connection, "UPDATE deletion_request SET status = 'RUNNING', started_at = ? WHERE id = ? AND status = 'PENDING'",
                    utc(now), request.id());
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
        return new OpenDeletion(request.id(), request.workspaceId(), request.kind(), request.storeId(), request.customerId(),
                request.orderIds(), request.userId(), request.origin(), request.requestedBy(), request.receivedAt(), request.dueAt(), now, true,
                request.missedReported());
    }

    private static boolean reconnected(Connection connection, OpenDeletion request) throws SQLException {
        try (var query = connection.prepareStatement("SELECT 1 FROM store_connection WHERE workspace_id = ? AND store_id = ? "
                + "AND status = 'CONNECTED'")) {
            query.setLong(1, request.workspaceId());
            query.setLong(2, request.storeId());
            try (var rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * The import files of a store's (or workspace's) imports go before their rows: a restart still finds the imports
     * whose files are left. Counted as {@code import_file}.
     */
    private void deleteImportFiles(Connection connection, OpenDeletion request) throws SQLException {
        int files = 0;
        switch (request.kind()) {
            case SHOP -> {
                List<Long> imports = new ArrayList<>();
                try (var query = connection.prepareStatement("SELECT id FROM store_import WHERE workspace_id = ? AND store_id = ?")) {
                    query.setLong(1, request.workspaceId());
                    query.setLong(2, request.storeId());
                    try (var rows = query.executeQuery()) {
                        while (rows.next()) {
                            imports.add(rows.getLong(1));
                        }
                    }
                }
                for (long importId : imports) {
                    files += importFolder.deleteImport(request.workspaceId(), importId);
                }
            }
            case WORKSPACE -> files = importFolder.deleteWorkspace(request.workspaceId());
            default -> {
                // a customer's lines in import files go with the files' own retention; a user has none
            }
        }
        DeletionPlan.counted(connection, request.id(), "import_file", files);
    }

    /**
     * The data export files of a store's (its customers' exports) or a workspace's exports (its zips too) go before
     * their rows, as import files do. Counted as {@code export_file}.
     */
    private void deleteExportFiles(Connection connection, OpenDeletion request) throws SQLException {
        String where = switch (request.kind()) {
            case SHOP -> "workspace_id = ? AND store_id = ?";
            case WORKSPACE -> "workspace_id = ?";
            default -> null;
        };
        if (where == null) {
            // a customer's own export is their answer to a data request, not their data kept; a user has none
            return;
        }
        int files = 0;
        try (var query = connection.prepareStatement("SELECT id, kind FROM data_export WHERE " + where)) {
            query.setLong(1, request.workspaceId());
            if (request.kind() == DeletionKind.SHOP) {
                query.setLong(2, request.storeId());
            }
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    Path file = exportFolder.files().file(request.workspaceId(), DataExportKind.valueOf(rows.getString(2))
                            .fileName(rows.getLong(1)));
                    try {
                        if (Files.deleteIfExists(file)) {
                            files++;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("An export file cannot be deleted", e);
                    }
                }
            }
        }
        DeletionPlan.counted(connection, request.id(), "export_file", files);
    }

    @Override
    public void stop() {
        stopped = true;
    }

    static Instant asOf(String parameter) {
        return parameter == null || parameter.isBlank() ? now() : Instant.parse(parameter.trim());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
