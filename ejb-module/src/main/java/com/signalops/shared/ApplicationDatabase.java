package com.signalops.shared;

import javax.sql.DataSource;

/**
 * The application's database, for code that works with plain JDBC (batch artifacts doing
 * set-based SQL). In the server it is the {@link Resources#DATA_SOURCE} data source; batch
 * tests outside the server put their own in through a CDI alternative.
 */
public interface ApplicationDatabase {

    DataSource dataSource();
}
