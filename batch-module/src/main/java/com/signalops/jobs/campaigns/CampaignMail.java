package com.signalops.jobs.campaigns;

import com.signalops.outreach.domain.CampaignMessage;
import com.signalops.outreach.domain.UnsubscribeToken;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A campaign's message to one recipient: From of the mail session's configuration, the campaign's subject, its body
 * as plain UTF-8 text followed by the unsubscribe line, and the one-click unsubscribe headers of RFC 2369 and
 * RFC 8058 ({@code List-Unsubscribe: <https://…/unsubscribe?t=…>}, {@code List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click}). The link carries a token signed for unsubscribing this customer of this store; it
 * works without signing in.
 */
public final class CampaignMail {

    static final String UNSUBSCRIBE_PATH = "/unsubscribe?t=";
    static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private final String subject;
    private final String body;
    private final String consoleUrl;
    private final UnsubscribeToken.Signer signer;

    /**
     * @param consoleUrl the console's public base URL (https, no trailing slash), where the unsubscribe page is
     */
    public CampaignMail(String subject, String body, String consoleUrl, UnsubscribeToken.Signer signer) {
        if (consoleUrl == null || !consoleUrl.startsWith("https://")) {
            throw new IllegalStateException("SIGNALOPS_CONSOLE_URL must be the console's https:// address for unsubscribe links");
        }
        this.subject = subject;
        this.body = body;
        this.consoleUrl = consoleUrl.endsWith("/") ? consoleUrl.substring(0, consoleUrl.length() - 1) : consoleUrl;
        this.signer = signer;
    }

    /** The unsubscribe link of {@code token}. */
    public String unsubscribeUrl(UnsubscribeToken token) {
        return consoleUrl + UNSUBSCRIBE_PATH + signer.sign(token);
    }

    /** The message to {@code email} for {@code token}'s customer, which runs {@code commit} before its end-of-data. */
    CampaignMessage message(Session session, String email, UnsubscribeToken token, CampaignMessage.Commit commit) throws MessagingException {
        CampaignMessage message = new CampaignMessage(session, commit);
        fill(message, email, unsubscribeUrl(token));
        return message;
    }

    /** Fills {@code message} (any MimeMessage: the bench's plain baseline too) and saves its headers. */
    public void fill(MimeMessage message, String email, String unsubscribeUrl) throws MessagingException {
        message.setFrom();
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(email, true));
        message.setSubject(subject, "UTF-8");
        message.setText(body + "\n\n--\nYou receive this email because you agreed to hear from this store. To stop receiving "
                + "these emails, open:\n" + unsubscribeUrl + "\n", "UTF-8");
        message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        message.setHeader("List-Unsubscribe-Post", ONE_CLICK);
        message.saveChanges();
    }
}
