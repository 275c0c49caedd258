package com.signalops.outreach.service;

import com.signalops.audit.domain.AuditRedactor;
import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.integration.domain.SealedSecret;
import com.signalops.integration.service.VaultKeyring;
import com.signalops.leaks.domain.LeakFinding;
import com.signalops.outreach.domain.Segment;
import com.signalops.outreach.domain.SegmentDefinition;
import com.signalops.outreach.domain.SegmentKind;
import com.signalops.outreach.domain.SegmentMembers;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The customers of segments as SQL over the store's data: how many members and consenting recipients a segment has
 * now, a masked sample of them for reviewers, and a campaign's frozen audience. Callers have checked the viewer; the
 * caller's persistence context carries the workspace.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Audiences {

    /** The most recipients a reviewer's sample shows. */
    public static final int SAMPLE_SIZE = 10;

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @Inject
    private VaultKeyring keyring;

    private final Clock clock = Clock.systemUTC();

    /** The SQL of {@code segment}'s customers now ({@code workspaceId}: the segment's, which a row persisted in this transaction does not know yet). */
    public SegmentMembers members(long workspaceId, Segment segment) {
        Instant now = clock.instant();
        SegmentDefinition definition = segment.definition();
        String subject = null;
        if (definition.kind() == SegmentKind.FINDING_CUSTOMERS) {
            LeakFinding finding = em.find(LeakFinding.class, definition.findingId());
            subject = finding != null && finding.storeId() == segment.storeId() ? finding.subject() : null;
        }
        return SegmentMembers.of(workspaceId, segment.storeId(), definition, now, subject);
    }

    /** How many customers the segment holds now, or only those who may receive marketing email. */
    public int count(long workspaceId, Segment segment, boolean recipientsOnly) {
        return ((Number) query(members(workspaceId, segment).count(recipientsOnly)).getSingleResult()).intValue();
    }

    /** Up to {@link #SAMPLE_SIZE} of the segment's customers (consenting ones only when asked), emails masked. */
    public List<String> maskedSample(long workspaceId, Segment segment, boolean recipientsOnly) {
        List<?> rows = query(members(workspaceId, segment).select("c.customer_id, c.email_key_version, c.email_nonce, c.email_ciphertext",
                recipientsOnly, "ORDER BY c.customer_id LIMIT " + SAMPLE_SIZE)).getResultList();
        List<String> sample = new ArrayList<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            if (columns[3] == null) {
                sample.add("customer " + columns[0] + " (no email)");
                continue;
            }
            String email = CustomerEmails.open(keyring.vault(), new SealedSecret(((Number) columns[1]).intValue(), (byte[]) columns[2],
                    (byte[]) columns[3]), workspaceId, segment.storeId());
            sample.add(AuditRedactor.preview(email));
        }
        return sample;
    }

    /** Writes one PENDING delivery per consenting recipient of the campaign's segment now; answers how many. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public int freezeDeliveries(long workspaceId, Segment segment, long campaignId) {
        return query(members(workspaceId, segment).freezeDeliveries(campaignId)).executeUpdate();
    }

    /** Deletes the deliveries of campaign {@code campaignId} that were not sent (its approval was voided or expired). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public int dropPendingDeliveries(long workspaceId, long campaignId) {
        return em.createNativeQuery("DELETE FROM campaign_delivery WHERE workspace_id = ? AND campaign_id = ? AND status = 'PENDING'")
                .setParameter(1, workspaceId).setParameter(2, campaignId).executeUpdate();
    }

    private Query query(SegmentMembers.Statement statement) {
        Query query = em.createNativeQuery(statement.sql());
        for (int i = 0; i < statement.values().size(); i++) {
            query.setParameter(i + 1, statement.values().get(i));
        }
        return query;
    }
}
