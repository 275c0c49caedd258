package com.signalops.jobs.retention;

import com.signalops.shared.RetentionDatabase;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/** The test database's audit retention account in place of the server's retention data source. */
@Alternative
@Priority(100)
@ApplicationScoped
public class TestRetentionDatabase implements RetentionDatabase {

    private static volatile MariaDbDataSource target;

    public static void use(String url, String user, String password) throws SQLException {
        MariaDbDataSource dataSource = new MariaDbDataSource(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        target = dataSource;
    }

    @Override
    public DataSource dataSource() {
        return target;
    }
}
