package com.signalops.jobs.history;

import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Deletes every repository row of a chunk of job instances, children first, within the
 * chunk's transaction. Counts per table accumulate in the step's persistent user data, so
 * they survive a restart, and end up in the step's exit status.
 */
@Named
@Dependent
public class JobHistoryPurger extends AbstractItemWriter {

    private static final Logger LOG = Logger.getLogger(JobHistoryPurger.class.getName());

    @Inject
    private ApplicationDatabase database;

    @Inject
    private StepContext stepContext;

    @Override
    public void writeItems(List<Object> items) throws SQLException {
        String ids = items.stream().map(id -> Long.toString((Long) id)).collect(Collectors.joining(","));
        PurgeCounts counts = stepContext.getPersistentUserData() instanceof PurgeCounts saved ? saved : new PurgeCounts(new TreeMap<>());
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (JobRepositoryTables.Delete delete : JobRepositoryTables.DELETES) {
                if (delete.unlink() != null) {
                    statement.executeUpdate(String.format(delete.unlink(), ids));
                }
                counts.add(delete.table(), statement.executeUpdate(String.format(delete.sql(), ids)));
            }
        }
        stepContext.setPersistentUserData(counts);
        stepContext.setExitStatus(counts.summary());
        LOG.log(Level.FINE, "Purged {0} job instances", items.size());
    }
}
