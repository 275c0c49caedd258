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
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
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

    /** The retention account's user name unless {@code signalops.db.retention-user} says otherwise. */
    public static final String DEFAULT_RETENTION_USER = "signalops_retention";

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_]{1,80}");

    @Resource(lookup = Resources.DATA_SOURCE)
    private DataSource dataSource;

    @Resource
    private TimerService timerService;

    @Inject
    @ConfigProperty(name = "signalops.db.migration-retry-seconds", defaultValue = "10")
    private long retrySeconds;

    /** The database account of the audit retention sweep, fixed into the audit triggers by V12. */
    @Inject
    @ConfigProperty(name = "signalops.db.retention-user", defaultValue = DEFAULT_RETENTION_USER)
    private String retentionUser;

    private volatile String schemaVersion;

    /**
     * The placeholders of the migrations: {@code retention_user}, the retention account's user name,
     * which the audit triggers compare with the account that deletes. Only letters, digits and
     * {@code _}, since it ends up inside SQL.
     */
    public static Map<String, String> placeholders(String retentionUser) {
        if (retentionUser == null || !USER_NAME.matcher(retentionUser).matches()) {
            throw new IllegalArgumentException("The retention user name must be 1 to 80 letters, digits or _, was '" + retentionUser + "'");
        }
        return Map.of("retention_user", retentionUser);
    }

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
            refuseTheRetentionAccountAsTheApplications();
            Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                    .dataSource(dataSource)
                    .placeholders(placeholders(retentionUser))
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

    /** The triggers let the retention account delete audit records: the application must never be that account. */
    private void refuseTheRetentionAccountAsTheApplications() {
        try (Connection connection = dataSource.getConnection()) {
            String user = connection.getMetaData().getUserName();
            if (retentionUser.equals(user)) {
                throw new IllegalStateException("The application's database user is the audit retention account (" + user
                        + "); give SIGNALOPS_DB_USER and SIGNALOPS_DB_RETENTION_USER different accounts");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The database cannot be reached: " + e.getMessage(), e);
        }
    }
}
