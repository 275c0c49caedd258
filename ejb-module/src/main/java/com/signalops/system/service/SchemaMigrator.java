package com.signalops.system.service;

import com.signalops.shared.Resources;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the Flyway migrations when the application starts, before anything else touches
 * the database. When the database cannot be reached, it retries on a short non-persistent
 * timer until it can; readiness stays DOWN until then.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = Resources.DATA_SOURCE)
    private DataSource dataSource;

    @Resource
    private TimerService timerService;

    @Inject
    @ConfigProperty(name = "signalops.db.migration-retry-seconds", defaultValue = "10")
    private long retrySeconds;

    private volatile String schemaVersion;

    @PostConstruct
    void migrateAtStart() {
        if (!tryMigrate()) {
            long delay = retrySeconds * 1000;
            timerService.createIntervalTimer(delay, delay, new TimerConfig("schema-migration-retry", false));
        }
    }

    @Timeout
    void retry(Timer timer) {
        if (tryMigrate()) {
            timer.cancel();
        }
    }

    /** Whether the migrations have been applied since this application started. */
    public boolean isMigrated() {
        return schemaVersion != null;
    }

    /** The schema version the migrations brought the database to, once they have run. */
    public Optional<String> schemaVersion() {
        return Optional.ofNullable(schemaVersion);
    }

    private synchronized boolean tryMigrate() {
        if (schemaVersion != null) {
            return true;
        }
        try {
            Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                    .dataSource(dataSource)
                    // the empty flyway.location files let Flyway list these folders through Liberty's class loader
                    .locations("classpath:db/migration")
                    .callbackLocations("classpath:db/callback")
                    .validateMigrationNaming(true)
                    // Liberty may create its own tables (batch, timers) first: start the history below V1
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load();
            MigrateResult result = flyway.migrate();
            var current = flyway.info().current();
            schemaVersion = current == null ? "0" : current.getVersion().getVersion();
            LOG.log(Level.INFO, "Schema at version {0} ({1} migrations applied now)",
                    new Object[] {schemaVersion, result.migrationsExecuted});
        } catch (RuntimeException e) {
            // The message of a connection failure names host and port, never credentials.
            LOG.log(Level.WARNING, "Schema migration not possible yet, retrying in {0} s: {1}",
                    new Object[] {retrySeconds, e.getMessage()});
            return false;
        }
        return true;
    }
}
