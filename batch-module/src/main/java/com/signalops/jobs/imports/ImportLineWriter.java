package com.signalops.jobs.imports;

import com.signalops.commerce.domain.CommerceTables;
import com.signalops.commerce.domain.ImportLine;
import com.signalops.commerce.service.EmailHashKey;
import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Upserts a chunk of accepted lines into the store's commerce tables within the chunk's
 * transaction, so the rows and the reader's checkpoint commit together; a chunk replayed after a
 * crash writes the same rows again over themselves.
 */
@Named
@Dependent
public class ImportLineWriter extends AbstractItemWriter {

    @Inject
    private JobContext job;

    @Inject
    private ApplicationDatabase database;

    @Inject
    private EmailHashKey emailHashKey;

    private CommerceTables tables;

    @Override
    public void open(Serializable checkpoint) {
        ImportParameters parameters = ImportParameters.of(job);
        tables = new CommerceTables(parameters.workspaceId(), parameters.storeId(), parameters.importId(), emailHashKey.customerEmails());
    }

    @Override
    public void writeItems(List<Object> items) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            tables.write(connection, items.stream().map(ImportLine.class::cast).toList());
        }
    }
}
