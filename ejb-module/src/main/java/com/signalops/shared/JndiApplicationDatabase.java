package com.signalops.shared;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

/** The server's data source, looked up by its JNDI name. */
@ApplicationScoped
public class JndiApplicationDatabase implements ApplicationDatabase {

    @Resource(lookup = Resources.DATA_SOURCE)
    private DataSource dataSource;

    @Override
    public DataSource dataSource() {
        return dataSource;
    }
}
