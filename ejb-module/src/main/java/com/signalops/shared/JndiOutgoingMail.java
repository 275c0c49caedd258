package com.signalops.shared;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Session;

/** The server's mail session, looked up by its JNDI name. */
@ApplicationScoped
public class JndiOutgoingMail implements OutgoingMail {

    @Resource(lookup = Resources.MAIL_SESSION)
    private Session session;

    @Override
    public Session session() {
        return session;
    }
}
