package com.signalops.jobs.campaigns;

import com.signalops.integration.domain.SealedSecret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements on a campaign's {@code campaign_delivery} rows, each one auto-committed: the pending ones in id
 * order, the commit of one as SENT together with the consent check (SUBSCRIBED now, and the address not suppressed),
 * and the marks SKIPPED_CONSENT and FAILED. Each names the workspace and only moves a row on from where it is, so a
 * replayed statement changes nothing.
 */
final class Deliveries {

    /** SUBSCRIBED now and the address not on the store's suppression list: the consent a message needs. */
    private static final String CONSENTING = "c.marketing_state = 'SUBSCRIBED' AND NOT EXISTS (SELECT 1 FROM email_suppression s "
            + "WHERE s.workspace_id = d.workspace_id AND s.store_id = d.store_id AND s.email_hash = c.email_hash)";
    static final int FAILURE_LENGTH = 200;

    private final CampaignRun run;

    Deliveries(CampaignRun run) {
        this.run = run;
    }

    /** One pending delivery: its recipient's sealed email (null when none), and whether they consent as read. */
    record Pending(long id, long customerId, SealedSecret email, boolean consenting) {
    }

    /** Up to {@code limit} pending deliveries after id {@code after}, by id. */
    List<Pending> pending(Connection connection, long after, int limit) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT d.id, d.customer_id, c.email_key_version, c.email_nonce, "
                + "c.email_ciphertext, COALESCE(" + CONSENTING + ", FALSE) FROM campaign_delivery d LEFT JOIN commerce_customer c "
                + "ON c.workspace_id = d.workspace_id AND c.store_id = d.store_id AND c.customer_id = d.customer_id "
                + "WHERE d.workspace_id = ? AND d.campaign_id = ? AND d.status = 'PENDING' AND d.id > ? ORDER BY d.id LIMIT ?")) {
            query.setLong(1, run.workspaceId());
            query.setLong(2, run.campaignId());
            query.setLong(3, after);
            query.setInt(4, limit);
            List<Pending> page = new ArrayList<>(limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    int version = rows.getInt(3);
                    SealedSecret email = rows.wasNull() ? null : new SealedSecret(version, rows.getBytes(4), rows.getBytes(5));
                    page.add(new Pending(rows.getLong(1), rows.getLong(2), email, rows.getBoolean(6)));
                }
            }
            return page;
        }
    }

    /**
     * Commits delivery {@code id} as SENT at {@code now} if it is still pending and its recipient still consents;
     * answers whether it did. Run between a message's content and its SMTP end-of-data.
     */
    boolean commitSent(Connection connection, long id, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE campaign_delivery d JOIN commerce_customer c "
                + "ON c.workspace_id = d.workspace_id AND c.store_id = d.store_id AND c.customer_id = d.customer_id "
                + "SET d.status = 'SENT', d.sent_at = ? WHERE d.workspace_id = ? AND d.id = ? AND d.status = 'PENDING' AND " + CONSENTING)) {
            update.setObject(1, CampaignRun.utc(now));
            update.setLong(2, run.workspaceId());
            update.setLong(3, id);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * {@link #commitSent} for each of {@code ids} in one round trip (a JDBC batch, its statements pipelined), in the
     * connection's transaction; answers per delivery whether it was committed as SENT.
     */
    boolean[] commitSent(Connection connection, long[] ids, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE campaign_delivery d JOIN commerce_customer c "
                + "ON c.workspace_id = d.workspace_id AND c.store_id = d.store_id AND c.customer_id = d.customer_id "
                + "SET d.status = 'SENT', d.sent_at = ? WHERE d.workspace_id = ? AND d.id = ? AND d.status = 'PENDING' AND " + CONSENTING)) {
            for (long id : ids) {
                update.setObject(1, CampaignRun.utc(now));
                update.setLong(2, run.workspaceId());
                update.setLong(3, id);
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            if (counts.length != ids.length) {
                throw new SQLException("the batch answered " + counts.length + " counts for " + ids.length + " deliveries");
            }
            boolean[] sent = new boolean[ids.length];
            for (int i = 0; i < ids.length; i++) {
                if (counts[i] != 0 && counts[i] != 1) {
                    // a driver that answers no per-statement count cannot tell who may receive the message
                    throw new SQLException("the batch answered no row count for a delivery (" + counts[i] + ")");
                }
                sent[i] = counts[i] == 1;
            }
            return sent;
        }
    }

    /**
     * Commits ALL of {@code ids} as SENT at {@code now} in one set-based statement, in the connection's transaction,
     * if every one of them is still pending and its recipient still consents; answers whether all of them moved. When
     * it answers false, some moved and some did not, and which is not known: the caller rolls the transaction back and
     * decides per delivery ({@link #commitSent(Connection, long[], Instant)}). Each id names at most one row (the
     * primary key, joined to the customer by theirs), so the statement's row count tells whether all moved.
     */
    boolean commitAllSent(Connection connection, long[] ids, Instant now) throws SQLException {
        StringBuilder in = new StringBuilder(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            in.append(i == 0 ? "?" : ",?");
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE campaign_delivery d JOIN commerce_customer c "
                + "ON c.workspace_id = d.workspace_id AND c.store_id = d.store_id AND c.customer_id = d.customer_id "
                + "SET d.status = 'SENT', d.sent_at = ? WHERE d.workspace_id = ? AND d.id IN (" + in + ") AND d.status = 'PENDING' AND "
                + CONSENTING)) {
            update.setObject(1, CampaignRun.utc(now));
            update.setLong(2, run.workspaceId());
            for (int i = 0; i < ids.length; i++) {
                update.setLong(3 + i, ids[i]);
            }
            int moved = update.executeUpdate();
            if (moved > ids.length) {
                throw new SQLException("the set-based mark moved " + moved + " rows for " + ids.length + " deliveries");
            }
            return moved == ids.length;
        }
    }

    /** Marks pending delivery {@code id} skipped: its recipient no longer consents (or is gone). */
    boolean skip(Connection connection, long id) throws SQLException {
        return move(connection, id, "PENDING", "SKIPPED_CONSENT", null);
    }

    /** Marks delivery {@code id} failed from {@code from} (PENDING: refused before the data; SENT: refused after it). */
    boolean fail(Connection connection, long id, String from, String reason) throws SQLException {
        return move(connection, id, from, "FAILED", reason.substring(0, Math.min(reason.length(), FAILURE_LENGTH)));
    }

    private boolean move(Connection connection, long id, String from, String to, String failure) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE campaign_delivery SET status = ?, failure = ? "
                + "WHERE workspace_id = ? AND id = ? AND status = ?")) {
            update.setString(1, to);
            update.setString(2, failure);
            update.setLong(3, run.workspaceId());
            update.setLong(4, id);
            update.setString(5, from);
            return update.executeUpdate() == 1;
        }
    }

    /** The campaign's deliveries per status. */
    Map<String, Long> counts(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String status : List.of("SENT", "SKIPPED_CONSENT", "FAILED", "PENDING")) {
            counts.put(status, 0L);
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT status, COUNT(*) FROM campaign_delivery "
                + "WHERE workspace_id = ? AND campaign_id = ? GROUP BY status")) {
            query.setLong(1, run.workspaceId());
            query.setLong(2, run.campaignId());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }
}
