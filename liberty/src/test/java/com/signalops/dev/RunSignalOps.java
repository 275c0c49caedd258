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
        Process process = server.runInForeground();
        EmbeddedMariaDb embedded = database;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(process, embedded)));

        Thread announcer = new Thread(() -> announceWhenReady(started));
        announcer.setDaemon(true);
        announcer.start();
        int exit = process.waitFor();
        System.out.println("SignalOps: server ended (" + exit + ")");
        if (database != null) {
            database.stop();
        }
    }

    /** Creates the database and its user; the user's password is generated once and kept beside the data. */
    private static Map<String, String> prepare(EmbeddedMariaDb database) throws IOException, SQLException {
        Path file = database.home().resolve("app-password");
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, EmbeddedMariaDb.randomSecret());
        }
        String password = Files.readString(file).trim();
        database.ensureDatabase("signalops", "signalops", password);
        return Map.of("SIGNALOPS_DB_URL", database.jdbcUrl("signalops"), "SIGNALOPS_DB_USER", "signalops",
                "SIGNALOPS_DB_PASSWORD", password);
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
