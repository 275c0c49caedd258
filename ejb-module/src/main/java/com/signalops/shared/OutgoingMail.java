package com.signalops.shared;

import jakarta.mail.Session;

/**
 * The application's outgoing mail, for code that sends itself (the campaign-send job). In the server it is the
 * {@link Resources#MAIL_SESSION} session of server.xml (SMTP server, credentials, From); batch tests outside the
 * server put in a session for their own SMTP server through a CDI alternative.
 */
public interface OutgoingMail {

    Session session();
}
