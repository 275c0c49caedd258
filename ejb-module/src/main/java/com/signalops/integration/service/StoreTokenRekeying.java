package com.signalops.integration.service;

import com.signalops.integration.domain.ConnectionStatus;
import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.domain.SealedSecret;
import com.signalops.integration.domain.StoreConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The re-encryption of store access tokens under the vault's newest key, over plain JDBC for the
 * {@code credential-rekey} job: it finds live connections whose token is sealed under an older
 * version, in id order, and replaces each token with the same token sealed again, checked to open
 * to the same value. A token replaced or destroyed in the meantime is left as it now is.
 */
public final class StoreTokenRekeying {

    /** A live connection's token sealed under an older key. Its text form shows no bytes. */
    public record StaleToken(long connectionId, long workspaceId, long storeId, SealedSecret sealed) {
    }

    /** A stale token and the same token sealed under the newest key. */
    public record Resealed(StaleToken stale, SealedSecret resealed) {
    }

    private static final String STALE = "SELECT id, workspace_id, store_id, token_key_version, token_nonce, token_ciphertext "
            + "FROM store_connection WHERE id > ? AND status = '" + ConnectionStatus.CONNECTED + "' AND token_key_version <> ? "
            + "ORDER BY id LIMIT ?";
    private static final String REPLACE = "UPDATE store_connection SET token_key_version = ?, token_nonce = ?, token_ciphertext = ? "
            + "WHERE id = ? AND status = '" + ConnectionStatus.CONNECTED + "' AND token_key_version = ? AND token_nonce = ?";

    private final CredentialVault vault;

    public StoreTokenRekeying(CredentialVault vault) {
        this.vault = vault;
    }

    /** Up to {@code limit} stale tokens of connections after id {@code afterId}, in id order. */
    public List<StaleToken> staleAfter(Connection connection, long afterId, int limit) throws SQLException {
        List<StaleToken> stale = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(STALE)) {
            query.setLong(1, afterId);
            query.setInt(2, vault.newestVersion());
            query.setInt(3, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stale.add(new StaleToken(rows.getLong(1), rows.getLong(2), rows.getLong(3),
                            new SealedSecret(rows.getInt(4), rows.getBytes(5), rows.getBytes(6))));
                }
            }
        }
        return stale;
    }

    /**
     * {@code stale}'s token sealed under the newest key, checked to open to the same value.
     *
     * @throws com.signalops.integration.domain.SecretNotOpened when the stale token does not open
     */
    public Resealed reseal(StaleToken stale) {
        return new Resealed(stale, vault.reseal(stale.sealed(), StoreConnection.tokenContext(stale.workspaceId(), stale.storeId())));
    }

    /** Stores {@code resealed}; false when the connection's token changed or went since it was read. */
    public boolean replace(Connection connection, Resealed resealed) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(REPLACE)) {
            SealedSecret next = resealed.resealed();
            update.setInt(1, next.keyVersion());
            update.setBytes(2, next.nonce());
            update.setBytes(3, next.ciphertext());
            update.setLong(4, resealed.stale().connectionId());
            update.setInt(5, resealed.stale().sealed().keyVersion());
            update.setBytes(6, resealed.stale().sealed().nonce());
            return update.executeUpdate() == 1;
        }
    }
}
