package com.signalops.outreach.domain;

import com.signalops.shared.BusinessException;
import com.signalops.shared.UtcInstantConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The SQL of a segment's customers at an instant, always bound to the segment's workspace and store: its members
 * (customers of the store the definition selects) and its recipients (members whose marketing consent is SUBSCRIBED,
 * with an email, and not suppressed by an unsubscribe). A finding's customers are those of its subject: the order's
 * customer, the variant's buyers, or the customers using the code under the email the finding names.
 */
public final class SegmentMembers {

    /** A statement and its positional values. */
    public record Statement(String sql, List<Object> values) {
    }

    private static final UtcInstantConverter UTC = new UtcInstantConverter();
    private static final String LIVE_ORDER = "o.customer_id IS NOT NULL AND o.test = FALSE AND o.cancelled_at IS NULL";
    /** A store customer who may receive marketing email now. */
    public static final String CONSENTING = "c.marketing_state = 'SUBSCRIBED' AND c.email_hash IS NOT NULL AND NOT EXISTS ("
            + "SELECT 1 FROM email_suppression s WHERE s.workspace_id = c.workspace_id AND s.store_id = c.store_id "
            + "AND s.email_hash = c.email_hash)";

    private final long workspaceId;
    private final long storeId;
    private final String selection;
    private final List<Object> selectionValues;

    private SegmentMembers(long workspaceId, long storeId, String selection, List<Object> selectionValues) {
        this.workspaceId = workspaceId;
        this.storeId = storeId;
        this.selection = selection;
        this.selectionValues = selectionValues;
    }

    /**
     * The members of {@code definition} in store {@code storeId} of workspace {@code workspaceId} at {@code now};
     * {@code findingSubject} is the subject of a FINDING_CUSTOMERS definition's finding (read in that store).
     */
    public static SegmentMembers of(long workspaceId, long storeId, SegmentDefinition definition, Instant now, String findingSubject) {
        List<Object> values = new ArrayList<>(List.of(workspaceId, storeId));
        String sql = switch (definition.kind()) {
            case UNFULFILLED_PAID -> {
                values.add(UTC.convertToDatabaseColumn(now.minus(Duration.ofHours(definition.hours()))));
                yield "SELECT o.customer_id FROM commerce_order o WHERE o.workspace_id = ? AND o.store_id = ? AND " + LIVE_ORDER
                        + " AND o.financial_status = 'PAID' AND o.fulfillment_status IN ('UNFULFILLED', 'PARTIALLY_FULFILLED') "
                        + "AND o.created_at <= ?";
            }
            case BOUGHT_VARIANT -> {
                values.add(definition.variantId());
                values.add(UTC.convertToDatabaseColumn(now.minus(Duration.ofDays(definition.days()))));
                yield buyers() + " AND o.created_at >= ?";
            }
            case FINDING_CUSTOMERS -> findingCustomers(findingSubject, values);
        };
        return new SegmentMembers(workspaceId, storeId, sql, values);
    }

    private static String buyers() {
        return "SELECT o.customer_id FROM commerce_line_item li JOIN commerce_order o ON o.workspace_id = li.workspace_id "
                + "AND o.store_id = li.store_id AND o.order_id = li.order_id WHERE li.workspace_id = ? AND li.store_id = ? "
                + "AND li.variant_id = ? AND " + LIVE_ORDER;
    }

    private static String findingCustomers(String subject, List<Object> values) {
        if (subject == null) {
            throw new BusinessException("segment.finding-missing", "The finding of this segment no longer exists");
        }
        String[] parts = subject.split(":", 3);
        try {
            switch (parts[0]) {
                case "order" -> {
                    values.add(Long.parseLong(parts[1]));
                    return "SELECT o.customer_id FROM commerce_order o WHERE o.workspace_id = ? AND o.store_id = ? AND o.order_id = ? "
                            + "AND o.customer_id IS NOT NULL";
                }
                case "variant" -> {
                    values.add(Long.parseLong(parts[1]));
                    return buyers();
                }
                case "code" -> {
                    byte[] hash = HexFormat.of().parseHex(parts[1]);
                    values.add(hash);
                    values.add(values.get(0));
                    values.add(values.get(1));
                    values.add(hash);
                    return "SELECT o.customer_id FROM commerce_order o WHERE o.workspace_id = ? AND o.store_id = ? AND o.email_hash = ? "
                            + "AND o.customer_id IS NOT NULL UNION SELECT k.customer_id FROM commerce_customer k "
                            + "WHERE k.workspace_id = ? AND k.store_id = ? AND k.email_hash = ?";
                }
                default -> throw new IllegalArgumentException(parts[0]);
            }
        } catch (RuntimeException e) {
            throw new BusinessException("segment.finding-unsupported", "This finding names no customers");
        }
    }

    /** {@code SELECT <columns> FROM commerce_customer c WHERE <member or recipient> <tail>}. */
    public Statement select(String columns, boolean recipientsOnly, String tail) {
        List<Object> values = new ArrayList<>(List.of(workspaceId, storeId));
        values.addAll(selectionValues);
        String sql = "SELECT " + columns + " FROM commerce_customer c WHERE c.workspace_id = ? AND c.store_id = ? AND c.customer_id IN ("
                + selection + ")" + (recipientsOnly ? " AND " + CONSENTING : "") + (tail.isEmpty() ? "" : " " + tail);
        return new Statement(sql, values);
    }

    public Statement count(boolean recipientsOnly) {
        return select("COUNT(*)", recipientsOnly, "");
    }

    /**
     * The campaign's PENDING delivery rows, one per recipient now:
     * {@code INSERT IGNORE INTO campaign_delivery ... SELECT} of the recipients.
     */
    public Statement freezeDeliveries(long campaignId) {
        Statement recipients = select("c.workspace_id, c.store_id, ?, c.customer_id, 'PENDING'", true, "");
        List<Object> values = new ArrayList<>();
        values.add(campaignId);
        values.addAll(recipients.values());
        return new Statement("INSERT IGNORE INTO campaign_delivery (workspace_id, store_id, campaign_id, customer_id, status) "
                + recipients.sql(), values);
    }
}
