package com.signalops.jobs.imports;

import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;

/** The last step of {@code store-import}: counts what the import wrote and marks it completed. Running it twice gives the same counts. */
@Named
@Dependent
public class ImportCompletion extends AbstractBatchlet {

    @Inject
    private JobContext job;

    @Inject
    private ApplicationDatabase database;

    @Override
    public String process() throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            return new ImportRecord(ImportParameters.of(job)).completed(connection);
        }
    }
}
