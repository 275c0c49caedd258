package com.signalops.jobs.exports;

import com.signalops.outreach.domain.SegmentCsv;
import com.signalops.privacy.domain.ExportFiles;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.sql.Connection;
import java.time.Instant;

/** The step of {@code segment-export}: the approved segment export's CSV, sealed by the vault for its store. */
@Named
@Dependent
public class SegmentExportStep extends ExportBatchlet {

    @Override
    ExportFiles.Content content(Connection connection, ExportRecord export, ExportRecord.Row row, Instant now) throws Exception {
        SegmentCsv.Written written = new SegmentCsv(export.workspaceId(), vault()).write(connection, export.exportId(), now)
                .orElseThrow(() -> new IllegalStateException("No segment export is made as this data export"));
        return ExportFiles.sealed(vault(), written.csv(), export.workspaceId(), row.storeId());
    }
}
