package com.signalops.jobs.credentials;

import com.signalops.integration.service.StoreTokenRekeying;
import com.signalops.integration.service.VaultKeyring;
import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads live connections whose token is sealed under an older key, in ascending id order, a page
 * at a time. Its checkpoint is the last id read, so a restart continues after the last committed
 * chunk; tokens already resealed are no longer stale, so none is read twice.
 */
@Named
@Dependent
public class StaleTokenReader extends AbstractItemReader {

    @Inject
    private ApplicationDatabase database;

    @Inject
    private VaultKeyring keyring;

    @Inject
    @BatchProperty
    private String pageSize;

    private final Deque<StoreTokenRekeying.StaleToken> page = new ArrayDeque<>();
    private long lastId;

    @Override
    public void open(Serializable checkpoint) {
        lastId = checkpoint == null ? 0L : (Long) checkpoint;
    }

    @Override
    public Object readItem() throws SQLException {
        if (page.isEmpty()) {
            try (Connection connection = database.dataSource().getConnection()) {
                page.addAll(new StoreTokenRekeying(keyring.vault()).staleAfter(connection, lastId, Integer.parseInt(pageSize.trim())));
            }
        }
        StoreTokenRekeying.StaleToken next = page.poll();
        if (next != null) {
            lastId = next.connectionId();
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastId;
    }
}
