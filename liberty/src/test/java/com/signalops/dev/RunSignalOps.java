package com.signalops.dev;

import com.signalops.it.support.Https;
import com.signalops.it.support.LibertyServer;
import com.signalops.testing.EmbeddedMariaDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The README's run command ({@code ./mvnw -Prun package}): starts the embedded MariaDB unless
 * {@code SIGNALOPS_DB_URL} points at another one, deploys the built EAR, runs the Liberty
 * server in the foreground on the dev profile and prints the console's address once it is
 * ready. Ctrl+C stops the server, then the database.
 */
public final class RunSignalOps {

    private static final String RETENTION_USER = "signalops_retention";

    private RunSignalOps() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Map<String, String> environment = new HashMap<>();
        EmbeddedMariaDb database = null;
        String externalUrl = System.getenv("SIGNALOPS_DB_URL");
        if (externalUrl == null || externalUrl.isBlank()) {
            int port = Integer.parseInt(System.getenv().getOrDefault("SIGNALOPS_EMBEDDED_DB_PORT", "3307"));
            database = EmbeddedMariaDb.start("run", port);
            environment.putAll(prepare(database));
            System.out.println("SignalOps: embedded MariaDB on 127.0.0.1:" + port + ", data kept in " + database.home());
        } else {
            System.out.println("SignalOps: using the external MariaDB of SIGNALOPS_DB_URL");
        }
        environment.put("SIGNALOPS_PROFILE", System.getenv().getOrDefault("SIGNALOPS_PROFILE", "dev"));

        LibertyServer server = LibertyServer.ofThisBuild(environment);
        server.stop();
        server.deployEar(Path.of(System.getProperty("signalops.ear", "target/signalops.ear")));
        server.ensureTokenKeys();
        server.ensureVaultKeys();
        Process process = server.runInForeground();
        EmbeddedMariaDb embedded = database;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(process, embedded)));

        Thread announcer = new Thread(() -> {
            announceWhenReady(started);
            grantRetentionAccount(embedded);
        });
        announcer.setDaemon(true);
        announcer.start();
        int exit = process.waitFor();
        System.out.println("SignalOps: server ended (" + exit + ")");
        if (database != null) {
            database.stop();
        }
    }

    /**
     * Creates the database, its user and the audit retention account; their passwords are generated
     * once and kept beside the data.
     */
    private static Map<String, String> prepare(EmbeddedMariaDb database) throws IOException, SQLException {
        String password = secret(database, "app-password");
        database.ensureDatabase("signalops", "signalops", password);
        database.ensureRetentionAccount("signalops", RETENTION_USER, secret(database, "retention-password"));
        return Map.of("SIGNALOPS_DB_URL", database.jdbcUrl("signalops"), "SIGNALOPS_DB_USER", "signalops",
                "SIGNALOPS_DB_PASSWORD", password, "SIGNALOPS_DB_RETENTION_USER", RETENTION_USER,
                "SIGNALOPS_DB_RETENTION_PASSWORD", secret(database, "retention-password"));
    }

    private static String secret(EmbeddedMariaDb database, String name) throws IOException {
        Path file = database.home().resolve(name);
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, EmbeddedMariaDb.randomSecret());
        }
        return Files.readString(file).trim();
    }

    /** MariaDB grants on the audit tables only once the server's migrations have created them (first start). */
    private static void grantRetentionAccount(EmbeddedMariaDb database) {
        if (database == null) {
            return;
        }
        try {
            database.ensureRetentionAccount("signalops", RETENTION_USER, secret(database, "retention-password"));
        } catch (IOException | SQLException e) {
            System.out.println("SignalOps: the audit retention account could not be granted its tables: " + e.getMessage());
        }
    }

    private static void announceWhenReady(long started) {
        if (Https.awaitStatus("/health/ready", 200, Duration.ofMinutes(5))) {
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            System.out.println();
            System.out.println("==================================================================");
            System.out.println(" SignalOps console: " + Https.uri("/") + "   (ready after " + seconds + " s)");
            System.out.println(" System page:       " + Https.uri("/system.xhtml"));
            System.out.println(" Health:            " + Https.uri("/health/ready"));
            System.out.println(" The certificate is a self-signed development one. Ctrl+C stops.");
            firstDemoPassword().ifPresent(password -> System.out.println(
                    " Demo workspace: sign in as admin@demo.signalops.test with " + password + " (shown this once)"));
            System.out.println("==================================================================");
        } else {
            System.out.println("SignalOps: not ready after 5 minutes; see the server log above.");
        }
    }

    /** The demo admin's first password, if the server just created the demo workspace; the hand-over file goes. */
    private static java.util.Optional<String> firstDemoPassword() {
        Path file = LibertyServer.ofThisBuild(Map.of()).serverDir().resolve("demo-admin-first-password");
        try {
            if (!Files.exists(file)) {
                return java.util.Optional.empty();
            }
            String password = Files.readString(file).trim();
            Files.delete(file);
            return java.util.Optional.of(password);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static void shutdown(Process process, EmbeddedMariaDb database) {
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (database != null) {
            database.stop();
        }
    }
}
