package com.signalops.identity.service;

import com.signalops.identity.domain.WorkspaceCreated;
import com.signalops.system.service.RuntimeProfile;
import com.signalops.system.service.SchemaMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * On the dev profile only: when the database has no workspace yet, creates the demo workspace
 * with its admin, whose first password the run command prints once on its console. The next
 * start finds the workspace and does nothing.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoWorkspaceSeeder {

    public static final String DEMO_ADMIN = "admin@demo.signalops.test";
    /** The file, in the server's output folder, that hands the demo admin's first password to the run command. */
    public static final String PASSWORD_FILE = "demo-admin-first-password";
    private static final Logger LOG = Logger.getLogger(DemoWorkspaceSeeder.class.getName());

    @Inject
    private RuntimeProfile profile;

    @EJB
    private SchemaMigrator migrator;

    @EJB
    private WorkspaceService workspaces;

    @Resource
    private TimerService timerService;

    @PostConstruct
    void seedWhenReady() {
        if (!profile.isDev()) {
            return;
        }
        if (migrator.isMigrated()) {
            seed();
        } else {
            timerService.createIntervalTimer(10_000, 10_000, new TimerConfig("demo-seed-wait", false));
        }
    }

    @Timeout
    void retry(Timer timer) {
        if (migrator.isMigrated()) {
            timer.cancel();
            seed();
        }
    }

    private synchronized void seed() {
        if (workspaces.anyExists()) {
            return;
        }
        WorkspaceCreated demo = workspaces.create("Demo workspace", DEMO_ADMIN, "Demo Admin");
        handOver(demo.firstPassword());
        LOG.info("Demo workspace created; its admin is " + DEMO_ADMIN + " (first password handed to the run command)");
    }

    /**
     * Leaves the first password in an owner-only file of the server's output folder, never in a
     * log: the run command prints it once on its console and deletes the file.
     */
    private static void handOver(char[] password) {
        Path file = Path.of(System.getProperty("server.output.dir", ".")).resolve(PASSWORD_FILE);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, new String(password));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
