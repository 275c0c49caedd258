package com.signalops.system.service;

import com.signalops.shared.Resources;
import com.signalops.system.domain.SystemInfo;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/** Reports version, database status, schema version and the latest batch runs. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SystemInfoService {

    private static final int RECENT_JOBS = 10;
    private static final String VERSION = readVersion();

    @Resource(lookup = Resources.DATA_SOURCE)
    private DataSource dataSource;

    @EJB
    private SchemaMigrator migrator;

    @Inject
    private JobHistory jobHistory;

    public SystemInfo current() {
        boolean up = databaseAnswers();
        return new SystemInfo(VERSION, up, migrator.schemaVersion().orElse(null),
                up ? jobHistory.latest(RECENT_JOBS) : List.of());
    }

    /** Whether a connection to the database can be had and answers within two seconds. */
    public boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Ready to serve: the database answers and the schema has been migrated. */
    public boolean ready() {
        return migrator.isMigrated() && databaseAnswers();
    }

    public String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = SystemInfoService.class.getResourceAsStream("/signalops-build.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
