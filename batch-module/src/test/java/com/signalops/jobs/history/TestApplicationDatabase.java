package com.signalops.jobs.history;

import com.signalops.shared.ApplicationDatabase;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The test's MariaDB in place of the server's data source. It can be told to fail from the
 * n-th connection on, as a database that goes away in the middle of a job does.
 */
@Alternative
@Priority(100)
@ApplicationScoped
public class TestApplicationDatabase implements ApplicationDatabase {

    private static volatile MariaDbDataSource target;
    private static final AtomicInteger connectionsLeft = new AtomicInteger(Integer.MAX_VALUE);

    public static void use(String url, String user, String password) throws SQLException {
        MariaDbDataSource dataSource = new MariaDbDataSource(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        target = dataSource;
    }

    /** After {@code connections} more connections, every further one fails. */
    public static void failAfter(int connections) {
        connectionsLeft.set(connections);
    }

    public static void healthy() {
        connectionsLeft.set(Integer.MAX_VALUE);
    }

    @Override
    public DataSource dataSource() {
        return new FailingDataSource();
    }

    private static final class FailingDataSource extends org.mariadb.jdbc.MariaDbDataSource {

        @Override
        public Connection getConnection() throws SQLException {
            if (connectionsLeft.getAndDecrement() <= 0) {
                throw new SQLTransientConnectionException("the test database went away");
            }
            return target.getConnection();
        }
    }
}
