package com.signalops.outreach.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.outreach.domain.UnsubscribeToken;
import com.signalops.shared.BusinessException;
import com.signalops.shared.UtcInstantConverter;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a campaign message's unsubscribe link does, for whoever holds the link (the recipient; no sign-in): the
 * customer's marketing consent becomes UNSUBSCRIBED at once, their address's keyed hash is added to the store's
 * suppression list (no campaign reaches it again, whatever a later import or webhook says), and the change is
 * audited ({@code customer.unsubscribe}, actor SYSTEM "unsubscribe link", no email and no token in the record).
 * A link that is not one SignalOps signed for unsubscribing, or whose customer is gone, changes nothing.
 */
@Stateless
public class Unsubscribes {

    /** The audit actor of an unsubscribe: the link, on the customer's behalf. */
    public static final String ACTOR = "unsubscribe-link";
    public static final String INVALID = "unsubscribe.invalid-link";
    public static final String UNKNOWN = "unsubscribe.unknown";
    private static final Logger LOG = Logger.getLogger(Unsubscribes.class.getName());
    private static final UtcInstantConverter UTC = new UtcInstantConverter();

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Inject
    private UnsubscribeKey key;

    private final Clock clock = Clock.systemUTC();

    /** What an unsubscribe did: whether the customer was subscribed until now. */
    public record Outcome(UnsubscribeToken token, boolean changed) {
    }

    /** The token of link text {@code token}; refused (400-like) unless SignalOps signed it for unsubscribing. */
    public UnsubscribeToken read(String token) {
        return key.signer().verify(token).orElseThrow(() -> new BusinessException(INVALID,
                "This unsubscribe link is not valid. Use the link of the email as it came, or reply to the sender."));
    }

    /** Unsubscribes the customer of link text {@code token} (see the class); unchanged when they already were. */
    public Outcome unsubscribe(String token, String clientAddress) {
        UnsubscribeToken link = read(token);
        List<?> rows = em.createNativeQuery("SELECT marketing_state, email_hash FROM commerce_customer WHERE workspace_id = ? "
                + "AND store_id = ? AND customer_id = ? FOR UPDATE").setParameter(1, link.workspaceId()).setParameter(2, link.storeId())
                .setParameter(3, link.customerId()).getResultList();
        if (rows.isEmpty()) {
            throw new BusinessException(UNKNOWN, "There is nothing to unsubscribe from: this address is no longer on file.");
        }
        Object[] row = (Object[]) rows.get(0);
        String before = (String) row[0];
        byte[] hash = (byte[]) row[1];
        LocalDateTime now = UTC.convertToDatabaseColumn(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        boolean changed = !"UNSUBSCRIBED".equals(before);
        if (changed) {
            em.createNativeQuery("UPDATE commerce_customer SET marketing_state = 'UNSUBSCRIBED', consent_updated_at = ? "
                    + "WHERE workspace_id = ? AND store_id = ? AND customer_id = ?").setParameter(1, now).setParameter(2, link.workspaceId())
                    .setParameter(3, link.storeId()).setParameter(4, link.customerId()).executeUpdate();
        }
        int suppressed = hash == null ? 0 : em.createNativeQuery("INSERT IGNORE INTO email_suppression (workspace_id, store_id, "
                + "email_hash, customer_id, campaign_id, created_at) VALUES (?, ?, ?, ?, ?, ?)").setParameter(1, link.workspaceId())
                .setParameter(2, link.storeId()).setParameter(3, hash).setParameter(4, link.customerId()).setParameter(5, link.campaignId())
                .setParameter(6, now).executeUpdate();
        if (changed || suppressed > 0) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("store_id", link.storeId());
            after.put("campaign_id", link.campaignId());
            after.put("marketing_state", "UNSUBSCRIBED");
            after.put("suppressed", true);
            audit.record(AuditEntry.of(AuditAction.CUSTOMER_UNSUBSCRIBE, AuditOutcome.SUCCESS).in(link.workspaceId())
                    .by(ActorType.SYSTEM, ACTOR).named("unsubscribe link").via(AuditSource.UI).on(link.customerId()).from(clientAddress)
                    .before(Map.of("marketing_state", before == null ? "UNKNOWN" : before)).after(after).build());
            LOG.log(Level.INFO, "Customer {0} of store {1} of workspace {2} unsubscribed through campaign {3}''s link",
                    new Object[] {Long.toString(link.customerId()), Long.toString(link.storeId()), Long.toString(link.workspaceId()),
                        Long.toString(link.campaignId())});
        }
        return new Outcome(link, changed || suppressed > 0);
    }
}
