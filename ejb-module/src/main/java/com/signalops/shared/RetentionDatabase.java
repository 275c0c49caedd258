package com.signalops.shared;

import javax.sql.DataSource;

/**
 * The audit retention account's connections ({@link Resources#RETENTION_DATA_SOURCE}), for the retention sweep
 * alone: never enlisted in a container transaction, as {@code AuditRetention} commits its own steps. Batch tests
 * outside the server put their own in through a CDI alternative.
 */
public interface RetentionDatabase {

    DataSource dataSource();
}
