package com.signalops.jobs.campaigns;

import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.integration.domain.SealedSecret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A campaign of one store planted straight into the tables, as the lead's services leave it once approved: customers
 * with sealed emails and their consent, a segment, the campaign (DRAFT, version 1), its approval request, one
 * PENDING delivery per recipient, and the claim the outreach dispatcher makes before it starts the send.
 */
public final class CampaignRows {

    private final Connection connection;
    private final CustomerEmails emails;
    private final long workspaceId;
    private final long storeId;

    public CampaignRows(Connection connection, CustomerEmails emails, long workspaceId, long storeId) {
        this.connection = connection;
        this.emails = emails;
        this.workspaceId = workspaceId;
        this.storeId = storeId;
    }

    public long workspaceId() {
        return workspaceId;
    }

    public long storeId() {
        return storeId;
    }

    /** A customer with {@code email} sealed and hashed, marketing consent {@code state}. */
    public void customer(long customerId, String email, String state) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(CUSTOMER)) {
            add(insert, customerId, email, state);
            insert.executeUpdate();
        }
    }

    /** Customers {@code first} .. {@code first + count - 1}, all SUBSCRIBED, {@code <id>@<domain>}, in batches. */
    public void subscribedCustomers(long first, int count, String domain) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(CUSTOMER)) {
            for (int i = 0; i < count; i++) {
                add(insert, first + i, "customer." + (first + i) + "@" + domain, "SUBSCRIBED");
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static final String CUSTOMER = "INSERT INTO commerce_customer (workspace_id, store_id, customer_id, email_key_version, "
            + "email_nonce, email_ciphertext, email_hash, marketing_state, marketing_opt_in_level, consent_updated_at, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'SINGLE_OPT_IN', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))";

    private void add(PreparedStatement insert, long customerId, String email, String state) throws SQLException {
        SealedSecret sealed = emails.seal(email, workspaceId, storeId).orElseThrow();
        insert.setLong(1, workspaceId);
        insert.setLong(2, storeId);
        insert.setLong(3, customerId);
        insert.setInt(4, sealed.keyVersion());
        insert.setBytes(5, sealed.nonce());
        insert.setBytes(6, sealed.ciphertext());
        insert.setBytes(7, emails.hash(email).orElseThrow());
        insert.setString(8, state);
    }

    /** The address's keyed hash on the store's suppression list, as an unsubscribe leaves it. */
    public void suppress(String email) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO email_suppression (workspace_id, store_id, email_hash, "
                + "created_at) VALUES (?, ?, ?, UTC_TIMESTAMP(3))")) {
            insert.setLong(1, workspaceId);
            insert.setLong(2, storeId);
            insert.setBytes(3, emails.hash(email).orElseThrow());
            insert.executeUpdate();
        }
    }

    /** A campaign of a new segment, DRAFT version 1; answers its id. */
    public long campaign(String subject, String body) throws SQLException {
        long segment = insert("INSERT INTO segment (workspace_id, store_id, name, kind, hours, source, created_at, updated_at, version) "
                + "VALUES (" + workspaceId + ", " + storeId + ", 'Unfulfilled 48 h', 'UNFULFILLED_PAID', 48, 'PERSON', UTC_TIMESTAMP(3), "
                + "UTC_TIMESTAMP(3), 1)");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO campaign (workspace_id, store_id, segment_id, name, subject, "
                + "body, source, created_at, updated_at, version, status) VALUES (?, ?, ?, 'Sorry for the wait', ?, ?, 'PERSON', "
                + "UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 1, 'DRAFT')", Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, workspaceId);
            insert.setLong(2, storeId);
            insert.setLong(3, segment);
            insert.setString(4, subject);
            insert.setString(5, body);
            insert.executeUpdate();
            return key(insert);
        }
    }

    /** The campaign's approval request in {@code status} (for version 1), expiring in 7 days; answers its id. */
    public long request(long campaignId, String status) throws SQLException {
        return insert("INSERT INTO approval_request (workspace_id, store_id, subject_kind, subject_id, subject_version, source, "
                + "requested_by, requested_at, reviewed_hash, recipient_count, approvals_required, status, expires_at) VALUES ("
                + workspaceId + ", " + storeId + ", 'CAMPAIGN', " + campaignId + ", 1, 'PERSON', 1, UTC_TIMESTAMP(3), "
                + "UNHEX(SHA2('reviewed', 256)), 0, 1, '" + status + "', UTC_TIMESTAMP(3) + INTERVAL 7 DAY)");
    }

    /**
     * The campaign claimed for its send as the outreach dispatcher leaves it (Approvals.claimForUse): its APPROVED
     * request used, the campaign SENDING, no execution recorded yet.
     */
    public void claimed(long campaignId) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE approval_request SET used_at = UTC_TIMESTAMP(3) WHERE subject_kind = 'CAMPAIGN' AND subject_id = "
                    + campaignId + " AND workspace_id = " + workspaceId + " AND status = 'APPROVED'");
            statement.executeUpdate("UPDATE campaign SET status = 'SENDING', send_started_at = UTC_TIMESTAMP(3) WHERE id = " + campaignId
                    + " AND workspace_id = " + workspaceId);
        }
    }

    /** One PENDING delivery of the campaign per customer, in the order given. */
    public void deliveries(long campaignId, List<Long> customerIds) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO campaign_delivery (workspace_id, store_id, campaign_id, "
                + "customer_id, status) VALUES (?, ?, ?, ?, 'PENDING')")) {
            int n = 0;
            for (long customerId : customerIds) {
                insert.setLong(1, workspaceId);
                insert.setLong(2, storeId);
                insert.setLong(3, campaignId);
                insert.setLong(4, customerId);
                insert.addBatch();
                if (++n % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** The store's send rate. */
    public void rate(int messagesPerMinute) throws SQLException {
        insert("INSERT INTO store_send_limit (workspace_id, store_id, messages_per_minute) VALUES (" + workspaceId + ", " + storeId + ", "
                + messagesPerMinute + ")");
    }

    private long insert(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = statement.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }

    private static long key(Statement statement) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
