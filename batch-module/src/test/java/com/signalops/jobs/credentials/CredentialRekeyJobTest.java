package com.signalops.jobs.credentials;

import static com.signalops.jobs.JobRuns.await;
import static com.signalops.jobs.JobRuns.metric;
import static com.signalops.jobs.JobRuns.operator;
import static com.signalops.jobs.JobRuns.parameter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.domain.SealedSecret;
import com.signalops.integration.domain.SecretContext;
import com.signalops.integration.domain.StoreConnection;
import com.signalops.jobs.history.TestApplicationDatabase;
import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.EmbeddedMariaDb;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The credential-rekey job run by jberet-se against the application's schema in a real MariaDB,
 * with the vault keys 1 and 2 of the test configuration: every live token sealed under version 1
 * ends up under version 2, opening to the same token; a run that fails part-way is restarted and
 * reseals only the rest, none twice.
 */
class CredentialRekeyJobTest {

    private static final String DATABASE = "signalops_batch_rekey";
    private static final String PASSWORD = "batch-rekey-test-only";
    private static EmbeddedMariaDb mariaDb;
    private static CredentialVault newest;
    private static CredentialVault oldest;
    private static long workspaceId;

    @BeforeAll
    static void startDatabase() throws SQLException {
        mariaDb = EmbeddedMariaDb.start("test", Integer.getInteger("signalops.test.db.port", 3316));
        mariaDb.recreateDatabase(DATABASE, DATABASE, PASSWORD);
        Flyway.configure().dataSource(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD).locations("classpath:db/migration")
                .placeholders(SchemaMigrator.placeholders(EmbeddedMariaDb.retentionUser(DATABASE))).load().migrate();
        String keys = ConfigProvider.getConfig().getValue("signalops.vault.keys", String.class);
        newest = CredentialVault.of(keys);
        oldest = CredentialVault.of(keys.split(",")[0]);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO workspace (name, status, created_at) VALUES ('Rekey', 'ACTIVE', UTC_TIMESTAMP(3))",
                    Statement.RETURN_GENERATED_KEYS);
            try (ResultSet key = statement.getGeneratedKeys()) {
                key.next();
                workspaceId = key.getLong(1);
            }
        }
    }

    @AfterAll
    static void stopDatabase() {
        mariaDb.stop();
    }

    @BeforeEach
    void noConnections() throws SQLException {
        TestApplicationDatabase.use(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
        TestApplicationDatabase.healthy();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM store_connection");
            statement.execute("DELETE FROM store");
        }
    }

    @Test
    void resealsEveryStaleTokenUnderTheNewestKeyAndSkipsOneThatDoesNotOpen() throws Exception {
        Map<Long, String> tokens = connections(25, oldest);
        Map<Long, String> current = connections(5, newest);
        long foreign = connectionSealedForAnotherStore();
        Map<Long, byte[]> currentNonces = nonces();

        JobExecution execution = await(operator().start("credential-rekey", parameter("chunkSize", "4")));

        assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus());
        assertOpenUnderNewest(tokens);
        assertOpenUnderNewest(current);
        Map<Long, byte[]> after = nonces();
        current.keySet().forEach(id -> assertArrayEquals(currentNonces.get(id), after.get(id), "a current token is left as it is"));
        assertEquals(1, version(foreign), "the token that does not open stays as it is");
        StepExecution step = operator().getStepExecutions(execution.getExecutionId()).get(0);
        assertEquals(26, metric(step, Metric.MetricType.READ_COUNT));
        assertEquals(1, metric(step, Metric.MetricType.PROCESS_SKIP_COUNT));
        assertEquals("RESEALED=25 CHANGED_MEANWHILE=0", step.getExitStatus());
    }

    @Test
    void restartsAfterAFailureAndResealsOnlyTheRestNoneTwice() throws Exception {
        Map<Long, String> tokens = connections(100, oldest);
        // the database goes away after a few chunks
        TestApplicationDatabase.failAfter(9);
        JobExecution failed = await(operator().start("credential-rekey", parameter("chunkSize", "10")));
        assertEquals(BatchStatus.FAILED, failed.getBatchStatus());
        Map<Long, byte[]> doneBeforeFailure = new HashMap<>();
        nonces().forEach((id, nonce) -> {
            if (versionUnchecked(id) == newest.newestVersion()) {
                doneBeforeFailure.put(id, nonce);
            }
        });
        int done = doneBeforeFailure.size();
        assertTrue(done > 0 && done < 100 && done % 10 == 0, "failed part-way after whole chunks, resealed " + done);

        TestApplicationDatabase.healthy();
        JobExecution restarted = await(operator().restart(failed.getExecutionId(), parameter("chunkSize", "10")));

        assertEquals(BatchStatus.COMPLETED, restarted.getBatchStatus());
        assertOpenUnderNewest(tokens);
        Map<Long, byte[]> after = nonces();
        doneBeforeFailure.forEach((id, nonce) -> assertArrayEquals(nonce, after.get(id), "connection " + id + " resealed twice"));
        StepExecution step = operator().getStepExecutions(restarted.getExecutionId()).get(0);
        assertEquals(100 - done, metric(step, Metric.MetricType.READ_COUNT), "the restart read only the rest");
        assertEquals("RESEALED=100 CHANGED_MEANWHILE=0", step.getExitStatus(), "counts survive the restart");
    }

    /** {@code count} live connections, each of its own new store, with a token sealed by {@code vault}. */
    private static Map<Long, String> connections(int count, CredentialVault vault) throws SQLException {
        Map<Long, String> tokens = new HashMap<>();
        try (Connection connection = connect()) {
            for (int i = 0; i < count; i++) {
                long store = store(connection);
                String token = "shpat_" + java.util.UUID.randomUUID().toString().replace("-", "");
                tokens.put(insertConnection(connection, store, vault.seal(token, StoreConnection.tokenContext(workspaceId, store))), token);
            }
        }
        return tokens;
    }

    private static long connectionSealedForAnotherStore() throws SQLException {
        try (Connection connection = connect()) {
            long store = store(connection);
            return insertConnection(connection, store, oldest.seal("shpat_moved", new SecretContext(StoreConnection.TOKEN_PURPOSE,
                    workspaceId, store + 1000)));
        }
    }

    private static long store(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO store (workspace_id, store_code, shop_domain, currency, "
                + "timezone, created_at) VALUES (?, ?, ?, 'USD', 'UTC', UTC_TIMESTAMP(3))", Statement.RETURN_GENERATED_KEYS)) {
            String code = java.util.UUID.randomUUID().toString().substring(0, 8);
            insert.setLong(1, workspaceId);
            insert.setString(2, "R-" + code.toUpperCase());
            insert.setString(3, "r-" + code + ".myshopify.com");
            insert.executeUpdate();
            return generated(insert);
        }
    }

    private static long insertConnection(Connection connection, long store, SealedSecret sealed) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO store_connection (workspace_id, store_id, status, "
                + "granted_scopes, token_key_version, token_nonce, token_ciphertext, connected_at) "
                + "VALUES (?, ?, 'CONNECTED', 'read_orders', ?, ?, ?, UTC_TIMESTAMP(3))", Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, workspaceId);
            insert.setLong(2, store);
            insert.setInt(3, sealed.keyVersion());
            insert.setBytes(4, sealed.nonce());
            insert.setBytes(5, sealed.ciphertext());
            insert.executeUpdate();
            return generated(insert);
        }
    }

    private static void assertOpenUnderNewest(Map<Long, String> tokens) throws SQLException {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT store_id, token_key_version, token_nonce, token_ciphertext FROM store_connection WHERE id = ?")) {
            for (Map.Entry<Long, String> token : tokens.entrySet()) {
                query.setLong(1, token.getKey());
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    SealedSecret sealed = new SealedSecret(row.getInt(2), row.getBytes(3), row.getBytes(4));
                    assertEquals(2, sealed.keyVersion());
                    assertEquals(token.getValue(), newest.open(sealed, StoreConnection.tokenContext(workspaceId, row.getLong(1))));
                }
            }
        }
    }

    private static Map<Long, byte[]> nonces() throws SQLException {
        Map<Long, byte[]> nonces = new HashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, token_nonce FROM store_connection")) {
            while (rows.next()) {
                nonces.put(rows.getLong(1), rows.getBytes(2));
            }
        }
        return nonces;
    }

    private static int version(long id) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement("SELECT token_key_version FROM store_connection WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static int versionUnchecked(long id) {
        try {
            return version(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long generated(PreparedStatement insert) throws SQLException {
        try (ResultSet key = insert.getGeneratedKeys()) {
            key.next();
            return key.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return mariaDb.rootConnection(DATABASE);
    }
}
