package com.signalops.outreach.domain;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A campaign's message to one recipient that decides, at the last moment, whether it is delivered: once its content
 * is written to the SMTP server (after DATA, before the end-of-data line), {@link #writeTo} runs its
 * {@link Commit}, which records the delivery as sent in one committed statement together with the consent check.
 * When the commit answers "not sendable", or fails, {@code writeTo} throws an {@link IOException}: Jakarta Mail's SMTP
 * transport then closes the connection without the terminating {@code "."}, and the server discards the message.
 * So a message is delivered only when its delivery was committed as sent, and once: a crash before the commit
 * leaves the delivery pending and the message undelivered; after it, only the five bytes of the end-of-data remain.
 */
public class CampaignMessage extends MimeMessage {

    /** Records the delivery as sent if the recipient may still receive it; answers false (nothing recorded) otherwise. */
    @FunctionalInterface
    public interface Commit {

        boolean sent() throws IOException;
    }

    /** The commit answered "not sendable": the message must not be delivered. */
    public static final class NotSendable extends IOException {

        private static final long serialVersionUID = 1L;

        NotSendable() {
            super("the recipient may no longer receive this campaign");
        }
    }

    private final Commit commit;
    private boolean committed;
    private boolean refused;

    public CampaignMessage(Session session, Commit commit) {
        super(session);
        this.commit = commit;
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        if (committed || refused) {
            throw new IllegalStateException("a campaign message is written once");
        }
        super.writeTo(out, ignoreList);
        // the content on its way first, so that after the commit only the end-of-data is left to write
        out.flush();
        if (!commit.sent()) {
            refused = true;
            throw new NotSendable();
        }
        committed = true;
    }

    /** Whether the delivery was committed as sent (the end-of-data followed, or the connection failed after it). */
    public boolean committed() {
        return committed;
    }

    /** Whether the commit answered that the recipient may no longer receive it (nothing was delivered). */
    public boolean refused() {
        return refused;
    }
}
