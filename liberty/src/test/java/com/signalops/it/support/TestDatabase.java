package com.signalops.it.support;

import com.signalops.testing.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The MariaDB the system under test uses: by default the embedded one (port
 * {@code signalops.test.db.port}), recreated empty for each run; with
 * {@code SIGNALOPS_TEST_DB_URL} (plus {@code _USER}, {@code _PASSWORD}) an external database
 * that the tests own and empty first. The embedded one also gets the database's audit retention
 * account ({@link EmbeddedMariaDb#retentionUser}); an external one names it in
 * {@code SIGNALOPS_TEST_DB_RETENTION_USER} and {@code _PASSWORD}, or the server's default applies.
 */
public final class TestDatabase {

    private final EmbeddedMariaDb embedded;
    private final String url;
    private final String user;
    private final String password;
    private final String database;
    private final String retentionUser;
    private final String retentionPassword;

    private TestDatabase(EmbeddedMariaDb embedded, String url, String user, String password, String database, String retentionUser,
            String retentionPassword) {
        this.embedded = embedded;
        this.url = url;
        this.user = user;
        this.password = password;
        this.database = database;
        this.retentionUser = retentionUser;
        this.retentionPassword = retentionPassword;
    }

    /** Starts (or reaches) the database and leaves {@code database} empty. */
    public static TestDatabase start(String database) {
        String external = System.getenv("SIGNALOPS_TEST_DB_URL");
        try {
            if (external != null && !external.isBlank()) {
                TestDatabase db = new TestDatabase(null, external, System.getenv("SIGNALOPS_TEST_DB_USER"),
                        System.getenv().getOrDefault("SIGNALOPS_TEST_DB_PASSWORD", ""), database,
                        System.getenv("SIGNALOPS_TEST_DB_RETENTION_USER"), System.getenv("SIGNALOPS_TEST_DB_RETENTION_PASSWORD"));
                db.emptyExternal();
                return db;
            }
            int port = Integer.parseInt(System.getProperty("signalops.test.db.port", "3316"));
            String password = System.getProperty("signalops.test.db.password", "signalops-test-only");
            EmbeddedMariaDb embedded = EmbeddedMariaDb.start("test", port);
            embedded.recreateDatabase(database, database, password);
            String retentionPassword = password + "-retention";
            embedded.ensureRetentionAccount(database, EmbeddedMariaDb.retentionUser(database), retentionPassword);
            return new TestDatabase(embedded, embedded.jdbcUrl(database), database, password, database,
                    EmbeddedMariaDb.retentionUser(database), retentionPassword);
        } catch (SQLException e) {
            throw new IllegalStateException("The test database could not be prepared", e);
        }
    }

    /** The embedded server, which tests may stop and restart; empty for an external database. */
    public Optional<EmbeddedMariaDb> embedded() {
        return Optional.ofNullable(embedded);
    }

    /** What the server needs to reach this database, as the application and as the retention account. */
    public Map<String, String> serverEnvironment() {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("SIGNALOPS_DB_URL", url, "SIGNALOPS_DB_USER", user,
                "SIGNALOPS_DB_PASSWORD", password));
        if (retentionUser != null) {
            environment.put("SIGNALOPS_DB_RETENTION_USER", retentionUser);
            environment.put("SIGNALOPS_DB_RETENTION_PASSWORD", retentionPassword == null ? "" : retentionPassword);
        }
        return environment;
    }

    /**
     * Gives the embedded database's retention account its grants on the audit tables, which MariaDB
     * only grants once the server's migrations have created them.
     */
    public void grantRetentionAccount() {
        if (embedded != null) {
            try {
                embedded.ensureRetentionAccount(database, retentionUser, retentionPassword);
            } catch (SQLException e) {
                throw new IllegalStateException("The retention account could not be granted its tables", e);
            }
        }
    }

    /** A connection as the application's user. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** A connection as the audit retention account that the server was given. */
    /** The first column of every row {@code sql} answers, as text (NULL as null). */
    public java.util.List<String> rows(String sql) throws SQLException {
        java.util.List<String> rows = new java.util.ArrayList<>();
        try (Connection connection = connect(); java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet row = statement.executeQuery(sql)) {
            while (row.next()) {
                rows.add(row.getString(1));
            }
        }
        return rows;
    }

    /** Runs one statement that changes rows (test set-up); answers how many. */
    public int update(String sql) throws SQLException {
        try (Connection connection = connect(); java.sql.Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    public Connection retentionConnection() throws SQLException {
        return DriverManager.getConnection(url, retentionUser, retentionPassword);
    }

    public void stop() {
        if (embedded != null) {
            embedded.stop();
        }
    }

    private void emptyExternal() throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute("SET FOREIGN_KEY_CHECKS = 0");
            var tables = new java.util.ArrayList<String>();
            try (var rows = statement.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                statement.execute("DROP TABLE `" + table + "`");
            }
            statement.execute("SET FOREIGN_KEY_CHECKS = 1");
        }
    }
}
