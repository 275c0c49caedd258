package com.signalops.privacy.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.privacy.domain.DeletionKind;
import com.signalops.privacy.domain.DeletionOrigin;
import com.signalops.privacy.domain.DeletionRequest;
import com.signalops.privacy.domain.PrivacyRequestKind;
import com.signalops.shared.BusinessException;
import com.signalops.testing.AuditRows;
import com.signalops.testing.JpaTestDatabase;
import com.signalops.testing.WorkspaceBuilder;
import com.signalops.tenancy.domain.Workspace;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opening and cancelling deletion requests against a real MariaDB: redactions open theirs with the privacy request, a
 * second request for a subject keeps the first with the earlier deadline, a workspace's deletion needs its name typed
 * and can be cancelled only in its 7-day grace period; every change audited.
 */
class DeletionRequestsTest {

    private static final Instant NOW = WorkspaceBuilder.NOW;
    private static JpaTestDatabase db;

    @BeforeAll
    static void start() throws SQLException {
        db = JpaTestDatabase.start("signalops_deletion_requests");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void redactionsOpenTheirDeletionsAndASecondRequestKeepsTheFirstWithTheEarlierDeadline() {
        WorkspaceBuilder workspace = WorkspaceBuilder.workspace(db, "Redactions");
        long store = workspace.store("S-01", null);

        db.call(PrivacyRequests::new, p -> p.open(workspace.id(), store, PrivacyRequestKind.CUSTOMER_REDACT, 77L, List.of(1L, 2L), "w-1", NOW));
        db.call(PrivacyRequests::new, p -> p.open(workspace.id(), store, PrivacyRequestKind.SHOP_REDACT, null, List.of(), "w-2", NOW));
        // the uninstall came earlier than shop/redact says: its 48 hours are the deadline
        db.call(DeletionRequests::new, d -> d.openForStore(workspace.id(), store, DeletionOrigin.APP_UNINSTALLED, "w-3",
                NOW.minus(Duration.ofHours(1))));

        List<DeletionRequest> open = db.call(DeletionRequests::new, d -> d.open(workspace.id()));
        assertEquals(List.of(DeletionKind.SHOP, DeletionKind.CUSTOMER), open.stream().map(DeletionRequest::kind).toList());
        assertEquals(NOW.plus(Duration.ofHours(47)), open.get(0).dueAt());
        assertEquals(DeletionOrigin.SHOP_REDACT, open.get(0).origin());
        assertEquals(NOW.plus(Duration.ofDays(30)), open.get(1).dueAt());
        assertEquals(2, AuditRows.records(db, workspace.id()).stream().filter(r -> r.startsWith("deletion-request.open ")).count());
    }

    @Test
    void aWorkspacesDeletionNeedsItsNameTypedAndCanBeCancelledOnlyInItsGracePeriod() {
        WorkspaceBuilder workspace = WorkspaceBuilder.workspace(db, "Leaving Shop");
        long user = WorkspaceBuilder.account(db, "owner@leaving.test");

        BusinessException wrongName = assertThrows(BusinessException.class,
                () -> db.call(() -> service(NOW), d -> d.requestWorkspaceDeletion(workspace.id(), user, "Leaving")));
        assertEquals("deletion-request.confirmation", wrongName.code());

        DeletionRequest request = db.call(() -> service(NOW), d -> d.requestWorkspaceDeletion(workspace.id(), user, "Leaving Shop"));
        assertEquals(NOW.plus(Duration.ofDays(7)), request.actAfter());
        assertEquals(Workspace.Status.DELETION_SCHEDULED, status(workspace.id()));
        assertEquals("deletion-request.already-scheduled", assertThrows(BusinessException.class,
                () -> db.call(() -> service(NOW), d -> d.requestWorkspaceDeletion(workspace.id(), user, "Leaving Shop"))).code());

        Instant afterGrace = NOW.plus(Duration.ofDays(7));
        assertFalse(request.isCancellable(afterGrace));
        assertEquals("deletion-request.not-cancellable", assertThrows(BusinessException.class,
                () -> db.call(() -> service(afterGrace), d -> d.cancel(workspace.id(), request.id(), user))).code());

        DeletionRequest cancelled = db.call(() -> service(NOW.plus(Duration.ofDays(6))), d -> d.cancel(workspace.id(), request.id(), user));
        assertEquals(DeletionRequest.Status.CANCELLED, cancelled.status());
        assertEquals(Workspace.Status.ACTIVE, status(workspace.id()));
        List<String> records = AuditRows.records(db, workspace.id());
        assertTrue(records.contains("deletion-request.open deletion_request:" + request.id() + " SUCCESS by " + user), records.toString());
        assertTrue(records.contains("deletion-request.cancel deletion_request:" + request.id() + " SUCCESS by " + user), records.toString());
    }

    @Test
    void aShopifyRequestCannotBeCancelled() {
        WorkspaceBuilder workspace = WorkspaceBuilder.workspace(db, "Shopify Asked");
        long store = workspace.store("S-01", null);
        DeletionRequest request = db.call(DeletionRequests::new, d -> d.openForStore(workspace.id(), store, DeletionOrigin.SHOP_REDACT,
                "w-9", NOW));
        assertThrows(BusinessException.class, () -> db.call(() -> service(NOW), d -> d.cancel(workspace.id(), request.id(), 1)));
        assertEquals(1, db.call(DeletionRequests::new, d -> d.open(workspace.id())).size());
    }

    private static DeletionRequests service(Instant now) {
        DeletionRequests service = new DeletionRequests();
        service.useClock(Clock.fixed(now, ZoneOffset.UTC));
        return service;
    }

    private static Workspace.Status status(long workspaceId) {
        return db.withoutWorkspace(em -> em.find(Workspace.class, workspaceId).status());
    }
}
