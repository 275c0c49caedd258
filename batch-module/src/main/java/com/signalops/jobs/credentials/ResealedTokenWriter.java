package com.signalops.jobs.credentials;

import com.signalops.integration.service.StoreTokenRekeying;
import com.signalops.integration.service.VaultKeyring;
import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Stores a chunk of resealed tokens within the chunk's transaction; a connection whose token
 * changed or went since it was read keeps what it now has. Counts accumulate in the step's
 * persistent user data, so they survive a restart, and end up in the step's exit status
 * ({@code RESEALED=<n> CHANGED_MEANWHILE=<n>}).
 */
@Named
@Dependent
public class ResealedTokenWriter extends AbstractItemWriter {

    @Inject
    private ApplicationDatabase database;

    @Inject
    private VaultKeyring keyring;

    @Inject
    private StepContext stepContext;

    @Override
    public void writeItems(List<Object> items) throws SQLException {
        RekeyCounts counts = stepContext.getPersistentUserData() instanceof RekeyCounts saved ? saved : new RekeyCounts(0, 0);
        StoreTokenRekeying rekeying = new StoreTokenRekeying(keyring.vault());
        try (Connection connection = database.dataSource().getConnection()) {
            for (Object item : items) {
                counts = counts.plus(rekeying.replace(connection, (StoreTokenRekeying.Resealed) item));
            }
        }
        stepContext.setPersistentUserData(counts);
        stepContext.setExitStatus(counts.summary());
    }
}
