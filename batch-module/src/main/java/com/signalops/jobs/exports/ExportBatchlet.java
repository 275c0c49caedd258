package com.signalops.jobs.exports;

import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.service.VaultKeyring;
import com.signalops.privacy.domain.ExportFiles;
import com.signalops.privacy.service.ExportFolder;
import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one step of an export job: writes the export's file whole (a temporary file moved into
 * place), then marks the export ready. A restart writes the file again from the database, so it
 * ends like a clean run; an export no longer being made (downloaded, expired) is left alone. A
 * failure marks the export failed with the failure's class only (never a value of the data).
 */
abstract class ExportBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(ExportBatchlet.class.getName());

    @Inject
    private JobContext job;

    @Inject
    private ApplicationDatabase database;

    @Inject
    private ExportFolder folder;

    @Inject
    private VaultKeyring keyring;

    /** The file's content of {@code export}, as {@code row} stands, read on {@code connection}. */
    abstract ExportFiles.Content content(Connection connection, ExportRecord export, ExportRecord.Row row, Instant now) throws Exception;

    @Override
    public String process() throws Exception {
        ExportRecord export = ExportRecord.of(job);
        try (Connection connection = database.dataSource().getConnection()) {
            Optional<ExportRecord.Row> row = export.read(connection);
            if (row.isEmpty() || !row.get().beingMade()) {
                return "SKIPPED " + row.map(r -> r.status().name()).orElse("UNKNOWN");
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            try {
                Optional<Long> sent = deliveredElsewhere(connection, export, row.get(), now);
                if (sent.isPresent()) {
                    return "DELIVERED BYTES=" + sent.get();
                }
                long bytes = folder.files().write(export.workspaceId(), row.get().kind().fileName(export.exportId()),
                        content(connection, export, row.get(), now));
                export.ready(connection, bytes, now);
                return "READY BYTES=" + bytes;
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Export {0} of workspace {1} failed: {2}",
                        new Object[] {export.exportId(), export.workspaceId(), e.getClass().getName()});
                failed(connection, export, e);
                throw e;
            }
        }
    }

    /**
     * For an export that does not wait in the folder for its download: delivers it and settles its row, answering its
     * size; empty (the default) for one written to the folder and marked ready.
     */
    Optional<Long> deliveredElsewhere(Connection connection, ExportRecord export, ExportRecord.Row row, Instant now) throws Exception {
        return Optional.empty();
    }

    /** The vault, for opening customers' emails and sealing a customer's export. */
    protected CredentialVault vault() {
        return keyring.vault();
    }

    private static void failed(Connection connection, ExportRecord export, Exception failure) {
        try {
            export.failed(connection, failure.getClass().getSimpleName());
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Export {0} could not be marked failed: {1}", new Object[] {export.exportId(), e.getClass().getName()});
        }
    }
}
