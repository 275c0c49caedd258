package com.signalops.jobs.campaigns;

import com.signalops.shared.OutgoingMail;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.mail.Session;
import java.util.Properties;

/** The test's SMTP server (GreenMail on 127.0.0.1) in place of the server's mail session, with a From as server.xml sets one. */
@Alternative
@Priority(100)
@ApplicationScoped
public class TestOutgoingMail implements OutgoingMail {

    private static volatile Session session;

    /** A GreenMail SMTP server started on a free port of 127.0.0.1, and this mail session pointed at it. */
    public static com.icegreen.greenmail.util.GreenMail startSmtpServer() throws java.io.IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        com.icegreen.greenmail.util.GreenMail smtp = new com.icegreen.greenmail.util.GreenMail(
                new com.icegreen.greenmail.util.ServerSetup(port, "127.0.0.1", com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        use(port);
        return smtp;
    }

    /** A session for the SMTP server on 127.0.0.1:{@code port}, with the same timeouts as server.xml's. */
    public static Session use(int port) {
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", Integer.toString(port));
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "10000");
        properties.setProperty("mail.from", "Store Team <campaigns@store.signalops.test>");
        session = Session.getInstance(properties);
        return session;
    }

    @Override
    public Session session() {
        return session;
    }
}
