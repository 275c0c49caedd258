package com.signalops.approvals.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.approvals.domain.ApprovalRequest;
import com.signalops.approvals.domain.ApprovalStatus;
import com.signalops.approvals.domain.Person;
import com.signalops.approvals.domain.ProposalSource;
import com.signalops.approvals.domain.SubjectKind;
import com.signalops.identity.domain.BuiltInRole;
import com.signalops.identity.domain.ScopeType;
import com.signalops.identity.domain.SignedIn;
import com.signalops.outreach.domain.Campaign;
import com.signalops.outreach.domain.CampaignStatus;
import com.signalops.outreach.domain.Segment;
import com.signalops.outreach.domain.SegmentDefinition;
import com.signalops.outreach.service.Campaigns;
import com.signalops.outreach.service.Segments;
import com.signalops.shared.BusinessException;
import com.signalops.shared.ForbiddenException;
import com.signalops.shared.NotFoundException;
import com.signalops.testing.AuditRows;
import com.signalops.testing.JpaTestDatabase;
import com.signalops.testing.WorkspaceBuilder;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The maker-checker rules against a real MariaDB: the requester never approves, an approver needs the right and the
 * store, the approval holds only for what was reviewed (edits void it, and a changed audience voids it when decided),
 * two approvers above the threshold, a campaign's consenting audience frozen at approval and claimed once, expiry,
 * rejection and withdrawal; every step audited.
 */
class ApprovalsTest {

    private static JpaTestDatabase db;
    private WorkspaceBuilder workspace;
    private long store;
    private long otherStore;
    private Person manager;
    private Person admin;
    private Person secondAdmin;
    private Person otherStoreManager;
    private long nextId = 1000;

    @BeforeAll
    static void start() throws SQLException {
        db = JpaTestDatabase.start("signalops_approvals");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void workspace() {
        workspace = WorkspaceBuilder.workspace(db, "Approvals " + System.nanoTime());
        store = workspace.store("S-" + (nextId++), null);
        otherStore = workspace.store("S-" + (nextId++), null);
        manager = person(BuiltInRole.MANAGER, "manager", ScopeType.WORKSPACE, null);
        admin = person(BuiltInRole.ADMIN, "admin", ScopeType.WORKSPACE, null);
        secondAdmin = person(BuiltInRole.ADMIN, "admin2", ScopeType.WORKSPACE, null);
        otherStoreManager = person(BuiltInRole.MANAGER, "other", ScopeType.STORE, otherStore);
        // three customers with a paid order unfulfilled for three days: two subscribed, one not
        customerWithLateOrder(store, 1, "SUBSCRIBED");
        customerWithLateOrder(store, 2, "SUBSCRIBED");
        customerWithLateOrder(store, 3, "NOT_SUBSCRIBED");
    }

    @Test
    void theRequesterCannotApproveTheirOwnRequestAndTheRefusalIsAudited() {
        ApprovalRequest request = requestCampaign(manager);
        ForbiddenException refused = assertThrows(ForbiddenException.class, () -> db.call(Approvals::new, a -> a.approve(manager, request.id())));
        assertEquals("approval.self-approval", refused.code());
        assertEquals(ApprovalStatus.PENDING, status(request.id()));
        assertTrue(AuditRows.records(db, workspace.id()).contains(
                "approval.approve approval_request:" + request.id() + " DENIED by " + manager.userId()), AuditRows.records(db, workspace.id()).toString());
        assertEquals(List.of(), db.call(Approvals::new, a -> a.inbox(manager)));
        assertEquals(List.of(request.id()), db.call(Approvals::new, a -> a.inbox(admin)).stream().map(ApprovalRequest::id).toList());
    }

    @Test
    void anApprovalFreezesTheConsentingRecipientsAndIsClaimedOnce() {
        ApprovalRequest request = requestCampaign(manager);
        assertEquals(2, request.recipientCount());
        ApprovalRequest approved = db.call(Approvals::new, a -> a.approve(admin, request.id()));
        assertEquals(ApprovalStatus.APPROVED, approved.status());
        assertEquals(List.of("1 PENDING", "2 PENDING"), deliveries(request.subjectId()));

        Optional<ApprovalRequest> claim = db.call(Approvals::new, a -> a.claimForUse(workspace.id(), SubjectKind.CAMPAIGN, request.subjectId(), 77L));
        assertTrue(claim.isPresent());
        Campaign campaign = db.inWorkspace(workspace.id(), em -> em.find(Campaign.class, request.subjectId()));
        assertEquals(CampaignStatus.SENDING, campaign.status());
        assertEquals(77L, campaign.sendExecutionId());
        // a restart of the same send continues under the same approval; nothing else can claim a second use
        assertTrue(db.call(Approvals::new, a -> a.claimForUse(workspace.id(), SubjectKind.CAMPAIGN, request.subjectId(), 78L)).isPresent());
        assertEquals(77L, db.inWorkspace(workspace.id(), em -> em.find(Campaign.class, request.subjectId())).sendExecutionId());
        assertEquals("campaign.not-draft", assertThrows(BusinessException.class,
                () -> db.call(Campaigns::new, c -> c.update(manager, request.subjectId(), "x", "y", "z"))).code());
        List<String> records = AuditRows.records(db, workspace.id());
        assertTrue(records.contains("approval.request approval_request:" + request.id() + " SUCCESS by " + manager.userId()), records.toString());
        assertTrue(records.contains("approval.approve approval_request:" + request.id() + " SUCCESS by " + admin.userId()), records.toString());
    }

    @Test
    void anEditVoidsThePendingAndTheApprovedRequestAndNothingIsLeftToClaim() {
        ApprovalRequest pending = requestCampaign(manager);
        db.call(Campaigns::new, c -> c.update(manager, pending.subjectId(), "Late orders", "Sorry for the wait!", "New text"));
        assertEquals(ApprovalStatus.VOIDED, status(pending.id()));

        ApprovalRequest again = db.call(Approvals::new, a -> a.request(manager, SubjectKind.CAMPAIGN, pending.subjectId(), ProposalSource.PERSON, false));
        db.call(Approvals::new, a -> a.approve(admin, again.id()));
        assertEquals(2, deliveries(pending.subjectId()).size());
        db.call(Campaigns::new, c -> c.update(manager, pending.subjectId(), "Late orders", "Sorry for the wait", "Newer text"));
        assertEquals(ApprovalStatus.VOIDED, status(again.id()));
        assertEquals(List.of(), deliveries(pending.subjectId()));
        assertTrue(db.call(Approvals::new, a -> a.claimForUse(workspace.id(), SubjectKind.CAMPAIGN, pending.subjectId(), 1L)).isEmpty());
        assertTrue(AuditRows.records(db, workspace.id()).contains("approval.void approval_request:" + again.id() + " SUCCESS by approvals"));
    }

    @Test
    void aSegmentChangedBehindTheRequestIsVoidedWhenApprovedInsteadOfApproved() {
        ApprovalRequest request = requestCampaign(manager);
        customerWithLateOrder(store, 4, "SUBSCRIBED");
        ApprovalRequest decided = db.call(Approvals::new, a -> a.approve(admin, request.id()));
        assertEquals(ApprovalStatus.VOIDED, decided.status());
        assertEquals(List.of(), deliveries(request.subjectId()));
    }

    @Test
    void aboveTheThresholdTwoApproversAreNeeded() {
        db.withoutWorkspace(em -> em.createNativeQuery("INSERT INTO outreach_setting (workspace_id, second_approver_threshold) VALUES (?, 1)")
                .setParameter(1, workspace.id()).executeUpdate());
        ApprovalRequest request = requestCampaign(manager);
        assertEquals(2, request.approvalsRequired());
        assertEquals(ApprovalStatus.PENDING, db.call(Approvals::new, a -> a.approve(admin, request.id())).status());
        assertEquals(List.of(), deliveries(request.subjectId()));
        assertEquals("approval.already-decided",
                assertThrows(BusinessException.class, () -> db.call(Approvals::new, a -> a.approve(admin, request.id()))).code());
        assertTrue(db.call(Approvals::new, a -> a.claimForUse(workspace.id(), SubjectKind.CAMPAIGN, request.subjectId(), 1L)).isEmpty());
        assertEquals(ApprovalStatus.APPROVED, db.call(Approvals::new, a -> a.approve(secondAdmin, request.id())).status());
        assertEquals(2, deliveries(request.subjectId()).size());
    }

    @Test
    void anApproverNeedsTheRightAndTheStore() {
        ApprovalRequest request = requestCampaign(manager);
        Person rep = person(BuiltInRole.REP, "rep", ScopeType.STORE, store);
        assertEquals("approval.not-allowed", assertThrows(ForbiddenException.class, () -> db.call(Approvals::new, a -> a.approve(rep, request.id()))).code());
        assertThrows(NotFoundException.class, () -> db.call(Approvals::new, a -> a.approve(otherStoreManager, request.id())));
        assertEquals(List.of(), db.call(Approvals::new, a -> a.inbox(otherStoreManager)));
        assertEquals(ApprovalStatus.PENDING, status(request.id()));
    }

    @Test
    void rejectionNeedsAReasonAndWithdrawalIsTheRequestersAlone() {
        ApprovalRequest request = requestCampaign(manager);
        assertEquals("approval.reason-required",
                assertThrows(BusinessException.class, () -> db.call(Approvals::new, a -> a.reject(admin, request.id(), " "))).code());
        ApprovalRequest rejected = db.call(Approvals::new, a -> a.reject(admin, request.id(), "Wrong tone"));
        assertEquals(ApprovalStatus.REJECTED, rejected.status());
        assertEquals("Wrong tone", rejected.reason());

        ApprovalRequest second = db.call(Approvals::new, a -> a.request(manager, SubjectKind.CAMPAIGN, request.subjectId(), ProposalSource.PERSON, false));
        assertEquals("approval.not-requester",
                assertThrows(ForbiddenException.class, () -> db.call(Approvals::new, a -> a.withdraw(admin, second.id()))).code());
        db.call(Approvals::new, a -> a.approve(admin, second.id()));
        assertEquals(ApprovalStatus.WITHDRAWN, db.call(Approvals::new, a -> a.withdraw(manager, second.id())).status());
        assertEquals(List.of(), deliveries(request.subjectId()));
        assertTrue(db.call(Approvals::new, a -> a.claimForUse(workspace.id(), SubjectKind.CAMPAIGN, request.subjectId(), 1L)).isEmpty());
        List<String> records = AuditRows.records(db, workspace.id());
        assertTrue(records.contains("approval.reject approval_request:" + request.id() + " SUCCESS by " + admin.userId()), records.toString());
        assertTrue(records.contains("approval.withdraw approval_request:" + second.id() + " SUCCESS by " + manager.userId()), records.toString());
    }

    @Test
    void requestsAndUnusedApprovalsExpireAfterTheWorkspacesDays() {
        ApprovalRequest pending = requestCampaign(manager);
        Instant now = Instant.now();
        assertEquals(now.plus(Duration.ofDays(7)).getEpochSecond(), pending.expiresAt().getEpochSecond(), 5);
        Approvals later = new Approvals();
        later.useClock(Clock.fixed(pending.expiresAt().plusSeconds(1), ZoneOffset.UTC));
        assertTrue(db.call(() -> later, Approvals::expireDue) >= 1);
        assertEquals(ApprovalStatus.EXPIRED, status(pending.id()));
        assertFalse(db.call(Approvals::new, a -> a.claimForUse(workspace.id(), SubjectKind.CAMPAIGN, pending.subjectId(), 1L)).isPresent());
        assertTrue(AuditRows.records(db, workspace.id()).contains("approval.expire approval_request:" + pending.id() + " SUCCESS by approvals"));
    }

    private ApprovalRequest requestCampaign(Person who) {
        Segment segment = db.call(Segments::new, s -> s.create(who, store, "Late orders", SegmentDefinition.unfulfilledPaid(48), ProposalSource.PERSON));
        Campaign campaign = db.call(Campaigns::new, c -> c.create(who, segment.id(), "Late orders", "Sorry for the wait", "Your order ships soon.",
                ProposalSource.PERSON, null));
        return db.call(Approvals::new, a -> a.request(who, SubjectKind.CAMPAIGN, campaign.id(), ProposalSource.PERSON, false));
    }

    private Person person(BuiltInRole role, String name, ScopeType scope, Long storeId) {
        long user = WorkspaceBuilder.account(db, name + "-" + System.nanoTime() + "@approvals.test");
        if (scope == ScopeType.STORE) {
            workspace.memberOverStore(user, role.code(), storeId);
        } else {
            workspace.memberOverWorkspace(user, role.code());
        }
        return new Person(workspace.id(), user, new SignedIn.Grant(role.code(), role.code(), scope, null, storeId, role.permissions()));
    }

    private void customerWithLateOrder(long storeId, long customerId, String consent) {
        byte[] hash = ByteBuffer.allocate(32).putLong(workspace.id()).putLong(storeId).putLong(customerId).array();
        LocalDateTime threeDaysAgo = LocalDateTime.ofInstant(Instant.now().minus(Duration.ofDays(3)), ZoneOffset.UTC);
        db.withoutWorkspace(em -> {
            em.createNativeQuery("INSERT INTO commerce_customer (workspace_id, store_id, customer_id, email_key_version, email_nonce, "
                    + "email_ciphertext, email_hash, marketing_state) VALUES (?, ?, ?, 1, ?, ?, ?, ?)").setParameter(1, workspace.id())
                    .setParameter(2, storeId).setParameter(3, customerId).setParameter(4, new byte[12]).setParameter(5, new byte[16])
                    .setParameter(6, hash).setParameter(7, consent).executeUpdate();
            return em.createNativeQuery("INSERT INTO commerce_order (workspace_id, store_id, order_id, created_at, test, customer_id, "
                    + "financial_status, fulfillment_status, currency, subtotal_price, total_price, total_discounts, total_shipping, "
                    + "total_refunded) VALUES (?, ?, ?, ?, FALSE, ?, 'PAID', 'UNFULFILLED', 'USD', 10, 10, 0, 0, 0)")
                    .setParameter(1, workspace.id()).setParameter(2, storeId).setParameter(3, 5000 + customerId).setParameter(4, threeDaysAgo)
                    .setParameter(5, customerId).executeUpdate();
        });
    }

    private ApprovalStatus status(long requestId) {
        return db.inWorkspace(workspace.id(), em -> em.find(ApprovalRequest.class, requestId).status());
    }

    private List<String> deliveries(long campaignId) {
        return db.withoutWorkspace(em -> em.createNativeQuery("SELECT CONCAT(customer_id, ' ', status) FROM campaign_delivery "
                + "WHERE campaign_id = ? ORDER BY customer_id").setParameter(1, campaignId).getResultList().stream().map(Object::toString).toList());
    }
}
