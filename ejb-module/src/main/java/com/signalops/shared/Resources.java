package com.signalops.shared;

/** JNDI names of the server resources the application uses (declared in server.xml). */
public final class Resources {

    /** The application's MariaDB data source. */
    public static final String DATA_SOURCE = "jdbc/signalops";

    private Resources() {
    }
}
