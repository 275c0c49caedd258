package com.signalops.jobs.exports;

import static com.signalops.jobs.JobRuns.await;
import static com.signalops.jobs.JobRuns.operator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.integration.domain.CredentialVault;
import com.signalops.jobs.campaigns.CampaignRows;
import com.signalops.jobs.campaigns.TestOutgoingMail;
import com.signalops.jobs.history.TestApplicationDatabase;
import com.signalops.system.service.SchemaMigrator;
import com.signalops.testing.CommerceRows;
import com.signalops.testing.EmbeddedMariaDb;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The segment-export job of an approved export to SMTP, run by jberet-se against the application's schema in a real
 * MariaDB and mailing into GreenMail: the CSV goes as an attachment to the one approved address with only the fields
 * the SMTP destination's own filter lets through (the CSV download's filter does not count), the export is marked
 * delivered and no file stays in the export folder.
 */
class SegmentExportJobTest {

    private static final String DATABASE = "signalops_batch_segment_exports";
    private static final String PASSWORD = "batch-segment-exports-test-only";
    private static EmbeddedMariaDb mariaDb;
    private static CustomerEmails emails;
    private GreenMail smtp;
    private CampaignRows store;

    @BeforeAll
    static void startDatabase() throws SQLException {
        mariaDb = EmbeddedMariaDb.start("test", Integer.getInteger("signalops.test.db.port", 3316));
        mariaDb.recreateDatabase(DATABASE, DATABASE, PASSWORD);
        Flyway.configure().dataSource(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD).locations("classpath:db/migration")
                .placeholders(SchemaMigrator.placeholders(EmbeddedMariaDb.retentionUser(DATABASE))).load().migrate();
        CredentialVault vault = CredentialVault.of(ConfigProvider.getConfig().getValue("signalops.vault.keys", String.class));
        emails = new CustomerEmails(vault, Base64.getDecoder().decode(ConfigProvider.getConfig().getValue("SIGNALOPS_EMAIL_HASH_KEY",
                String.class)));
    }

    @AfterAll
    static void stopDatabase() {
        mariaDb.stop();
    }

    @BeforeEach
    void storeAndSmtpServer() throws Exception {
        TestApplicationDatabase.use(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
        TestApplicationDatabase.healthy();
        smtp = TestOutgoingMail.startSmtpServer();
        Connection connection = connect();
        long workspace = CommerceRows.newWorkspace(connection, "Segment exports");
        CommerceRows rows = CommerceRows.newStore(connection, workspace);
        store = new CampaignRows(connection, emails, workspace, rows.storeId());
        store.customer(21, "ada@example.com", "SUBSCRIBED");
        store.customer(22, "grace@example.com", "NOT_SUBSCRIBED");
        rows.order(9021, Instant.parse("2026-10-01T12:00:00Z")).customer(21).status("PAID", "UNFULFILLED").insert();
        rows.order(9022, Instant.parse("2026-10-01T12:00:00Z")).customer(22).status("PAID", "UNFULFILLED").insert();
    }

    @AfterEach
    void stopSmtpServer() {
        smtp.stop();
    }

    @Test
    void mailsTheCsvToTheApprovedAddressWithTheFieldsTheSmtpFilterLetsThrough() throws Exception {
        filter("SMTP", "customer_id,marketing_state,email", true);
        long export = approvedSmtpExport("customer_id,email,marketing_state");

        JobExecution run = await(operator().start("segment-export", parameters(export)));

        assertEquals(BatchStatus.COMPLETED, run.getBatchStatus());
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        assertEquals("ops@merchant.test", received[0].getAllRecipients()[0].toString());
        assertEquals("customer_id,email,marketing_state\r\n21,ada@example.com,SUBSCRIBED\r\n22,grace@example.com,NOT_SUBSCRIBED\r\n",
                attachment(received[0]));
        assertEquals("DOWNLOADED smtp", column("SELECT CONCAT(status, ' ', downloaded_by) FROM data_export WHERE id = " + export));
        assertFalse(Files.exists(exportFolder().resolve(Long.toString(store.workspaceId())).resolve("segment-" + export + ".csv.sealed")),
                "no file kept for an export by email");
    }

    @Test
    void theCsvDownloadsFilterDoesNotLetTheEmailOutByEmail() throws Exception {
        filter("CSV_DOWNLOAD", "customer_id,email", true);
        long export = approvedSmtpExport("customer_id,email");

        assertEquals(BatchStatus.COMPLETED, await(operator().start("segment-export", parameters(export))).getBatchStatus());

        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        String csv = attachment(received[0]);
        assertEquals("customer_id\r\n21\r\n22\r\n", csv);
        assertTrue(!csv.contains("@"), csv);
    }

    /** An export of the store's late-order segment by email, approved with personal data and carried out; answers its data export. */
    private long approvedSmtpExport(String fields) throws SQLException {
        long w = store.workspaceId();
        long s = store.storeId();
        long segment = insert("INSERT INTO segment (workspace_id, store_id, name, kind, hours, source, created_by, created_at, updated_at, "
                + "version) VALUES (" + w + ", " + s + ", 'Late', 'UNFULFILLED_PAID', 48, 'PERSON', 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 1)");
        long dataExport = insert("INSERT INTO data_export (workspace_id, kind, store_id, status, requested_by, requested_at) VALUES (" + w
                + ", 'SEGMENT', " + s + ", 'RUNNING', '1', UTC_TIMESTAMP(3))");
        long export = insert("INSERT INTO segment_export (workspace_id, store_id, segment_id, destination, recipient, fields, personal_data, "
                + "created_by, created_at, updated_at, version, status, data_export_id) VALUES (" + w + ", " + s + ", " + segment
                + ", 'SMTP', 'ops@merchant.test', '" + fields + "', TRUE, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 1, 'PRODUCING', " + dataExport + ")");
        insert("INSERT INTO approval_request (workspace_id, store_id, subject_kind, subject_id, subject_version, source, requested_by, "
                + "requested_at, reviewed_hash, recipient_count, approvals_required, personal_data, status, expires_at, used_at) VALUES (" + w
                + ", " + s + ", 'EXPORT', " + export + ", 1, 'PERSON', 1, UTC_TIMESTAMP(3), RANDOM_BYTES(32), 2, 1, TRUE, 'APPROVED', "
                + "UTC_TIMESTAMP(3) + INTERVAL 7 DAY, UTC_TIMESTAMP(3))");
        return dataExport;
    }

    private void filter(String destination, String fields, boolean personal) throws SQLException {
        insert("INSERT INTO export_destination_filter (workspace_id, destination, allowed_fields, personal_allowed) VALUES ("
                + store.workspaceId() + ", '" + destination + "', '" + fields + "', " + personal + ")");
    }

    private static String attachment(MimeMessage message) throws Exception {
        MimeMultipart parts = (MimeMultipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() != null && part.getFileName().endsWith(".csv")) {
                try (InputStream in = part.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no CSV attached");
    }

    private static Path exportFolder() {
        return Path.of(ConfigProvider.getConfig().getValue("SIGNALOPS_EXPORT_DIR", String.class));
    }

    private Properties parameters(long exportId) {
        Properties parameters = new Properties();
        parameters.setProperty("workspaceId", Long.toString(store.workspaceId()));
        parameters.setProperty("exportId", Long.toString(exportId));
        return parameters;
    }

    private static long insert(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = statement.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }

    private static String column(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(mariaDb.jdbcUrl(DATABASE), DATABASE, PASSWORD);
    }
}
