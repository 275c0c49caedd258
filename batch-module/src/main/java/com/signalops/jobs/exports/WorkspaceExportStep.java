package com.signalops.jobs.exports;

import com.signalops.privacy.domain.ExportFiles;
import com.signalops.privacy.domain.WorkspaceExport;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.sql.Connection;
import java.time.Instant;

/** The step of {@code workspace-export}: the workspace's tables as JSON files in a zip, owner-only. */
@Named
@Dependent
public class WorkspaceExportStep extends ExportBatchlet {

    @Override
    ExportFiles.Content content(Connection connection, ExportRecord export, ExportRecord.Row row, Instant now) {
        WorkspaceExport zip = new WorkspaceExport(export.workspaceId(), vault());
        return out -> zip.write(connection, out, now);
    }
}
