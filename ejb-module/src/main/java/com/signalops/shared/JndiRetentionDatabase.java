package com.signalops.shared;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

/** The server's retention data source, looked up by its JNDI name. */
@ApplicationScoped
public class JndiRetentionDatabase implements RetentionDatabase {

    @Resource(lookup = Resources.RETENTION_DATA_SOURCE)
    private DataSource dataSource;

    @Override
    public DataSource dataSource() {
        return dataSource;
    }
}
