package com.signalops.outreach.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.approvals.domain.ApprovalRequest;
import com.signalops.approvals.domain.Person;
import com.signalops.approvals.domain.ProposalSource;
import com.signalops.approvals.domain.SubjectKind;
import com.signalops.approvals.service.Approvals;
import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.identity.domain.BuiltInRole;
import com.signalops.identity.domain.ScopeType;
import com.signalops.identity.domain.SignedIn;
import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.domain.SealedSecret;
import com.signalops.integration.domain.VaultTestKeys;
import com.signalops.outreach.domain.ExportDestination;
import com.signalops.outreach.domain.ExportField;
import com.signalops.outreach.domain.Segment;
import com.signalops.outreach.domain.SegmentCsv;
import com.signalops.outreach.domain.SegmentDefinition;
import com.signalops.outreach.domain.SegmentExport;
import com.signalops.testing.AuditRows;
import com.signalops.testing.JpaTestDatabase;
import com.signalops.testing.WorkspaceBuilder;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Segment exports against a real MariaDB: an approved export is carried out once as a pending data export of kind
 * SEGMENT, and its CSV carries only the fields the CSV destination's filter lets through, the email only when the
 * filter and the approval both allow personal fields.
 */
class SegmentExportsTest {

    private static JpaTestDatabase db;
    private static final CredentialVault VAULT = CredentialVault.of(VaultTestKeys.entry(1));
    private WorkspaceBuilder workspace;
    private long store;
    private Person manager;
    private Person admin;

    @BeforeAll
    static void start() throws SQLException {
        db = JpaTestDatabase.start("signalops_segment_exports");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void workspace() {
        workspace = WorkspaceBuilder.workspace(db, "Exports " + System.nanoTime());
        store = workspace.store("S-" + System.nanoTime() % 100000, null);
        manager = person(BuiltInRole.MANAGER, "manager");
        admin = person(BuiltInRole.ADMIN, "admin");
        customer(11, "ada.lovelace@example.org", "SUBSCRIBED");
        customer(12, "grace.hopper@example.org", "NOT_SUBSCRIBED");
    }

    @Test
    void withoutAFilterOfItsOwnTheCsvDestinationLetsNoPersonalFieldOutEvenWhenAskedAndApproved() {
        String csv = approvedCsv(List.of(ExportField.CUSTOMER_ID, ExportField.EMAIL, ExportField.ORDERS_COUNT), true);
        assertEquals("customer_id,orders_count\r\n11,1\r\n12,1\r\n", csv);
    }

    @Test
    void aFilterThatAllowsTheEmailStillDropsItWhenTheApprovalDidNotAllowPersonalData() {
        filter("customer_id,email,total_spent", true);
        String csv = approvedCsv(List.of(ExportField.EMAIL, ExportField.CUSTOMER_ID, ExportField.TOTAL_SPENT, ExportField.ORDERS_COUNT), false);
        assertEquals("customer_id,total_spent\r\n11,25.0000\r\n12,25.0000\r\n", csv);
        assertFalse(csv.contains("@"));
    }

    @Test
    void theEmailLeavesOnlyWhenTheFilterAndTheApprovalBothAllowIt() {
        filter("customer_id,email", true);
        String csv = approvedCsv(List.of(ExportField.CUSTOMER_ID, ExportField.EMAIL), true);
        assertEquals("customer_id,email\r\n11,ada.lovelace@example.org\r\n12,grace.hopper@example.org\r\n", csv);
    }

    @Test
    void anApprovedExportIsCarriedOutOnceAsAPendingDataExport() {
        SegmentExport export = export(List.of(ExportField.CUSTOMER_ID), false);
        ApprovalRequest request = db.call(Approvals::new, a -> a.request(manager, SubjectKind.EXPORT, export.id(), ProposalSource.PERSON, true));
        assertFalse(request.personalData(), "the export's own choice, not the caller's, says whether personal data is asked");
        db.call(Approvals::new, a -> a.approve(admin, request.id()));
        assertTrue(db.call(Approvals::new, a -> a.claimForUse(workspace.id(), SubjectKind.EXPORT, export.id(), null)).isPresent());
        assertTrue(db.call(Approvals::new, a -> a.claimForUse(workspace.id(), SubjectKind.EXPORT, export.id(), null)).isEmpty());
        SegmentExport produced = db.inWorkspace(workspace.id(), em -> em.find(SegmentExport.class, export.id()));
        assertEquals(SegmentExport.Status.PRODUCING, produced.status());
        assertEquals(List.of("SEGMENT PENDING " + store), db.withoutWorkspace(em -> em.createNativeQuery(
                "SELECT CONCAT(kind, ' ', status, ' ', store_id) FROM data_export WHERE workspace_id = ? AND id = ?")
                .setParameter(1, workspace.id()).setParameter(2, produced.dataExportId()).getResultList().stream().map(Object::toString).toList()));
        assertTrue(AuditRows.records(db, workspace.id()).contains("segment-export.create segment_export:" + export.id() + " SUCCESS by "
                + manager.userId()));
    }

    @Test
    void anExportByEmailNeedsOneValidAddressWhichItsApprovalCovers() {
        Segment segment = db.call(Segments::new, s -> s.create(manager, store, "Late orders", SegmentDefinition.unfulfilledPaid(48), ProposalSource.PERSON));
        for (String bad : new String[] {null, " ", "not-an-address", "a@b.c, d@e.f", "ops@merchant.test\r\nBcc: x@y.z"}) {
            assertEquals("segment-export.recipient-invalid", org.junit.jupiter.api.Assertions.assertThrows(com.signalops.shared.BusinessException.class,
                    () -> db.call(SegmentExports::new, e -> e.create(manager, segment.id(), List.of(ExportField.CUSTOMER_ID), false,
                            ExportDestination.SMTP, bad))).code(), String.valueOf(bad));
        }
        SegmentExport export = db.call(SegmentExports::new, e -> e.ask(manager, segment.id(), List.of(ExportField.CUSTOMER_ID), false,
                ExportDestination.SMTP, "ops@merchant.test"));
        ApprovalRequest request = db.call(Approvals::new, a -> a.current(manager, SubjectKind.EXPORT, export.id())).orElseThrow();
        db.call(SegmentExports::new, e -> e.change(manager, export.id(), List.of(ExportField.CUSTOMER_ID), false, ExportDestination.SMTP,
                "someone.else@elsewhere.test"));
        assertEquals(com.signalops.approvals.domain.ApprovalStatus.VOIDED, db.inWorkspace(workspace.id(),
                em -> em.find(ApprovalRequest.class, request.id())).status(), "another address voids what was approved");
    }

    private String approvedCsv(List<ExportField> fields, boolean personal) {
        SegmentExport export = export(fields, personal);
        ApprovalRequest request = db.call(Approvals::new, a -> a.request(manager, SubjectKind.EXPORT, export.id(), ProposalSource.PERSON, personal));
        assertEquals(personal, request.personalData());
        assertEquals(2, request.recipientCount());
        db.call(Approvals::new, a -> a.approve(admin, request.id()));
        db.call(Approvals::new, a -> a.claimForUse(workspace.id(), SubjectKind.EXPORT, export.id(), null));
        long dataExport = db.inWorkspace(workspace.id(), em -> em.find(SegmentExport.class, export.id())).dataExportId();
        return db.withoutWorkspace(em -> {
            try {
                return new SegmentCsv(workspace.id(), VAULT).write(em.unwrap(Connection.class), dataExport, Instant.now()).orElseThrow().csv();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private SegmentExport export(List<ExportField> fields, boolean personal) {
        Segment segment = db.call(Segments::new, s -> s.create(manager, store, "Late orders", SegmentDefinition.unfulfilledPaid(48), ProposalSource.PERSON));
        return db.call(SegmentExports::new, e -> e.create(manager, segment.id(), fields, personal, ExportDestination.CSV_DOWNLOAD, null));
    }

    private void filter(String fields, boolean personalAllowed) {
        db.withoutWorkspace(em -> em.createNativeQuery("INSERT INTO export_destination_filter (workspace_id, destination, allowed_fields, "
                + "personal_allowed) VALUES (?, 'CSV_DOWNLOAD', ?, ?)").setParameter(1, workspace.id()).setParameter(2, fields)
                .setParameter(3, personalAllowed).executeUpdate());
    }

    private Person person(BuiltInRole role, String name) {
        long user = WorkspaceBuilder.account(db, name + "-" + System.nanoTime() + "@exports.test");
        workspace.memberOverWorkspace(user, role.code());
        return new Person(workspace.id(), user, new SignedIn.Grant(role.code(), role.code(), ScopeType.WORKSPACE, null, null, role.permissions()));
    }

    private void customer(long customerId, String email, String consent) {
        SealedSecret sealed = new CustomerEmails(VAULT, new byte[32]).seal(email, workspace.id(), store).orElseThrow();
        byte[] hash = ByteBuffer.allocate(32).putLong(workspace.id()).putLong(customerId).array();
        LocalDateTime threeDaysAgo = LocalDateTime.ofInstant(Instant.now().minus(Duration.ofDays(3)), ZoneOffset.UTC);
        db.withoutWorkspace(em -> {
            em.createNativeQuery("INSERT INTO commerce_customer (workspace_id, store_id, customer_id, email_key_version, email_nonce, "
                    + "email_ciphertext, email_hash, marketing_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").setParameter(1, workspace.id())
                    .setParameter(2, store).setParameter(3, customerId).setParameter(4, sealed.keyVersion()).setParameter(5, sealed.nonce())
                    .setParameter(6, sealed.ciphertext()).setParameter(7, hash).setParameter(8, consent).executeUpdate();
            return em.createNativeQuery("INSERT INTO commerce_order (workspace_id, store_id, order_id, created_at, test, customer_id, "
                    + "financial_status, fulfillment_status, currency, subtotal_price, total_price, total_discounts, total_shipping, "
                    + "total_refunded) VALUES (?, ?, ?, ?, FALSE, ?, 'PAID', 'UNFULFILLED', 'USD', 25, 25, 0, 0, 0)")
                    .setParameter(1, workspace.id()).setParameter(2, store).setParameter(3, 7000 + customerId).setParameter(4, threeDaysAgo)
                    .setParameter(5, customerId).executeUpdate();
        });
    }
}
