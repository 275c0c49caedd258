package com.signalops.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The system under test, started once for all system test classes of a run: an empty
 * database, the built EAR in the Liberty server, the server started with the dev profile and
 * ready. Stopped when the run ends. Use with {@code @ExtendWith(SignalOpsSystem.class)}.
 */
public final class SignalOpsSystem implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /** The one platform staff member the test server's allowlist names. */
    public static final String STAFF_EMAIL = "staff@signalops.test";
    /** A second allowlisted staff account, for the audit coverage test. */
    public static final String COVERAGE_STAFF_EMAIL = "coverage.staff@signalops.test";
    /** The Shopify API secret the test server verifies webhooks with (a test value, nothing real). */
    public static final String SHOPIFY_SECRET = "shpss_test-current-" + java.util.UUID.randomUUID();
    /** The previous secret, still accepted: the server is in the middle of a rotation. */
    public static final String SHOPIFY_PREVIOUS_SECRET = "shpss_test-previous-" + java.util.UUID.randomUUID();

    /** The client id of the test app as the fake Shopify knows it. */
    public static final String SHOPIFY_API_KEY = "signalops-test-client-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    private static TestDatabase database;
    private static FakeShopify shopify;
    private static com.signalops.ai.domain.FakeModelServer model;
    private static LibertyServer server;
    private static com.icegreen.greenmail.util.GreenMail mail;
    private static String demoAdminPassword;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (SignalOpsSystem.class) {
            if (server == null) {
                start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SignalOpsSystem.class.getName(), this);
            }
        }
    }

    private static void start() {
        database = TestDatabase.start("signalops_it");
        int smtpPort = Integer.getInteger("signalops.test.smtp.port", 3025);
        mail = new com.icegreen.greenmail.util.GreenMail(new com.icegreen.greenmail.util.ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        mail.start();
        Map<String, String> environment = new HashMap<>(database.serverEnvironment());
        environment.put("SIGNALOPS_SMTP_HOST", "127.0.0.1");
        environment.put("SIGNALOPS_SMTP_PORT", Integer.toString(smtpPort));
        environment.put("SIGNALOPS_PROFILE", "dev");
        environment.put("SIGNALOPS_PLATFORM_STAFF", STAFF_EMAIL + "," + COVERAGE_STAFF_EMAIL);
        // a minute's idle ends a console session, so that a browser test can watch it happen
        environment.put("SIGNALOPS_SESSION_IDLE_TIMEOUT", "PT60S");
        // every 15 s, so that the sweep's restart test sees scheduled runs; an overlapping trigger is skipped
        environment.put("SIGNALOPS_SCHEDULE_JOB_HISTORY_SWEEP", "*/15 * * * * *");
        // every job runs during the tests, so that the audit coverage test sees each one's record
        environment.put("SIGNALOPS_SCHEDULE_AUDIT_CHAIN_VERIFY", "20 * * * * *");
        environment.put("SIGNALOPS_SCHEDULE_CREDENTIAL_REKEY", "40 * * * * *");
        // the retention sweep once a minute as a dry run: it reports (one record per workspace) but deletes none of the
        // tests' rows, whose times may lie anywhere
        environment.put("SIGNALOPS_SCHEDULE_RETENTION_SWEEP", "50 * * * * *");
        environment.put("SIGNALOPS_RETENTION_DRY_RUN", "true");
        // deletion requests are acted on every minute (a trigger is claimed per minute), so that a test sees a webhook's
        // deletion end in its receipt
        environment.put("SIGNALOPS_SCHEDULE_DATA_DELETION", "0 * * * * *");
        // the hourly nightly analysis would re-analyse the tests' stores as of now whenever a run crosses minute 30; the
        // tests start their analyses themselves (a killed one is still restarted when the server comes back)
        environment.put("SIGNALOPS_SCHEDULE_REVENUE_LEAK_ANALYSIS", "off");
        environment.put("SIGNALOPS_SHOPIFY_API_SECRETS", SHOPIFY_SECRET + "," + SHOPIFY_PREVIOUS_SECRET);
        // stores connect through a fake Shopify on 127.0.0.1 whose self-signed certificate alone the server trusts
        shopify = FakeShopify.start(SHOPIFY_API_KEY, SHOPIFY_SECRET, Path.of("target", "fake-shopify").toAbsolutePath());
        environment.put("SIGNALOPS_SHOPIFY_API_KEY", SHOPIFY_API_KEY);
        environment.put("SIGNALOPS_SHOPIFY_BASE_URL", shopify.baseUrl());
        environment.put("SIGNALOPS_SHOPIFY_TRUSTED_CERTIFICATE", shopify.certificate().toString());
        environment.put("SIGNALOPS_SHOPIFY_REDIRECT_URL", Https.uri("/shopify/callback").toString());
        // the webhook inbox is worked through every second, so that tests see a delivery processed soon
        // AI suggestions through a fake chat-completions model on 127.0.0.1 (still off in every workspace until switched on)
        try {
            model = com.signalops.ai.domain.FakeModelServer.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The fake model provider could not start", e);
        }
        environment.put("SIGNALOPS_AI_BASE_URL", model.baseUrl());
        environment.put("SIGNALOPS_AI_API_KEY", "sk-system-test");
        environment.put("SIGNALOPS_AI_MODEL", "fake-model");
        environment.put("SIGNALOPS_WEBHOOK_POLL_SECONDS", "1");
        environment.put("SIGNALOPS_EXPORT_POLL_SECONDS", "1");
        // approved campaigns start sending, and interrupted sends continue, within a second or two
        environment.put("SIGNALOPS_OUTREACH_POLL_SECONDS", "1");
        // an import interrupted by a killed server is restarted within seconds of the server's return
        environment.put("SIGNALOPS_IMPORT_RECOVERY_SECONDS", "5");
        environment.put("SIGNALOPS_AUDIT_SEAL_SECONDS", "1");
        server = LibertyServer.ofThisBuild(environment);
        server.stop();
        server.deployEar(Path.of(System.getProperty("signalops.ear", "target/signalops.ear")));
        server.ensureTokenKeys();
        server.ensureVaultKeys();
        // the database is new, so import ids start again: so does the import folder (a file left by an earlier run
        // under a reused import id would pass for one already fetched)
        deleteTree(server.serverDir().resolve("imports"));
        server.start();
        awaitReady();
        database.grantRetentionAccount();
        demoAdminPassword = takeDemoAdminPassword(server);
    }

    private static void deleteTree(Path folder) {
        if (!java.nio.file.Files.exists(folder)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(path);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the import folder of an earlier run could not be deleted", e);
        }
    }

    /** The first password the dev profile gave the demo admin (handed over in a file, as to the run command). */
    static String takeDemoAdminPassword(LibertyServer server) {
        java.nio.file.Path file = server.serverDir().resolve("demo-admin-first-password");
        try {
            String password = java.nio.file.Files.readString(file).trim();
            java.nio.file.Files.delete(file);
            return password;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the dev profile did not hand over the demo admin's first password", e);
        }
    }

    public static String demoAdminEmail() {
        return "admin@demo.signalops.test";
    }

    public static String demoAdminPassword() {
        return demoAdminPassword;
    }

    /** Waits until readiness answers UP; fails the test otherwise. */
    public static void awaitReady() {
        if (!Https.awaitStatus("/health/ready", 200, READY_TIMEOUT)) {
            throw new IllegalStateException("SignalOps not ready within " + READY_TIMEOUT + "; readiness answers "
                    + Https.statusOf("/health/ready"));
        }
    }

    /** The SMTP server (GreenMail) the system's mail goes to. */
    public static com.icegreen.greenmail.util.GreenMail mail() {
        return mail;
    }

    /** The fake Shopify the server connects stores through. */
    public static FakeShopify shopify() {
        return shopify;
    }

    /** The fake model provider of AI suggestions: what it received, and what it answers ({@code answering}). */
    public static com.signalops.ai.domain.FakeModelServer model() {
        return model;
    }

    public static TestDatabase database() {
        return database;
    }

    public static LibertyServer server() {
        return server;
    }

    @Override
    public void close() {
        try {
            server.stop();
            server.undeployEar();
        } finally {
            shopify.close();
            model.close();
            mail.stop();
            database.stop();
        }
    }
}
