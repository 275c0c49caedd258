package com.signalops.jobs.exports;

import com.signalops.privacy.domain.CustomerDataExport;
import com.signalops.privacy.domain.ExportFiles;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.sql.Connection;
import java.time.Instant;

/** The step of {@code customer-data-export}: the customer's data as JSON, sealed by the vault for its store. */
@Named
@Dependent
public class CustomerDataExportStep extends ExportBatchlet {

    @Override
    ExportFiles.Content content(Connection connection, ExportRecord export, ExportRecord.Row row, Instant now) throws Exception {
        String json = new CustomerDataExport(export.workspaceId(), vault()).write(connection, export.exportId(), now);
        return ExportFiles.sealed(vault(), json, export.workspaceId(), row.storeId());
    }
}
