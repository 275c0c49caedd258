package com.signalops.shared;

/** JNDI names of the server resources the application uses (declared in server.xml). */
public final class Resources {

    /** The application's MariaDB data source. */
    public static final String DATA_SOURCE = "jdbc/signalops";

    /**
     * The audit retention account's data source (same database, own credentials): the only account
     * that may delete audit records, for the retention sweep and nothing else.
     */
    public static final String RETENTION_DATA_SOURCE = "jdbc/signalopsRetention";

    /** The outgoing mail session: SMTP server, credentials and From of server.xml's {@code mailSession}. */
    public static final String MAIL_SESSION = "mail/signalops";

    private Resources() {
    }
}
