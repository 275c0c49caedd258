package com.signalops.privacy.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.ScopeType;
import com.signalops.privacy.domain.DataExport;
import com.signalops.privacy.domain.DataExportKind;
import com.signalops.privacy.domain.PrivacyRequest;
import com.signalops.privacy.domain.PrivacyRequestKind;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.domain.Workspace;
import com.signalops.testing.JpaTestDatabase;
import com.signalops.testing.RecordingAuditTrail;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data exports in a real database: a pending export is claimed by one processor only; a download
 * link works in its own workspace, for a role that sees the export and holds the kind's
 * permissions, once; every refusal is audited; a ready export past its 7 days loses its file and
 * its link.
 */
class DataExportsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final String ADDRESS = "203.0.113.9";

    private static JpaTestDatabase db;
    private static long workspaceA;
    private static long workspaceB;
    private static long storeA1;
    private static long storeA2;

    @TempDir
    Path folder;

    private final RecordingAuditTrail audit = new RecordingAuditTrail();

    @BeforeAll
    static void twoWorkspaces() throws SQLException {
        db = JpaTestDatabase.start("signalops_data_exports");
        workspaceA = db.withoutWorkspace(em -> persist(em, new Workspace("Alpha Outfitters", NOW)).id());
        workspaceB = db.withoutWorkspace(em -> persist(em, new Workspace("Beta Goods", NOW)).id());
        storeA1 = db.inWorkspace(workspaceA, em -> persist(em, store("A-01")).id());
        storeA2 = db.inWorkspace(workspaceA, em -> persist(em, store("A-02")).id());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void noExports() {
        db.withoutWorkspace(em -> em.createNativeQuery("DELETE FROM data_export").executeUpdate());
    }

    @Test
    void aPendingExportIsClaimedOnce() {
        long export = call(NOW, s -> s.requestWorkspaceExport(Viewer.ofWorkspace(workspaceA), 7, ADDRESS).id());

        List<DataExports.Claim> first = call(NOW, s -> s.claimPending(10));
        List<DataExports.Claim> second = call(NOW, s -> s.claimPending(10));

        assertEquals(List.of(new DataExports.Claim(workspaceA, export, DataExportKind.WORKSPACE)), first);
        assertEquals(List.of(), second);
        assertEquals(DataExport.Status.RUNNING, find(workspaceA, export).status());
        // a claim whose job never started is claimed again after 10 minutes
        assertEquals(List.of(new DataExports.Claim(workspaceA, export, DataExportKind.WORKSPACE)),
                call(NOW.plus(Duration.ofMinutes(11)), s -> s.claimPending(10)));
        call(NOW, s -> {
            s.startedAs(first.get(0), 41);
            return null;
        });
        assertEquals(List.of(), call(NOW.plus(Duration.ofHours(1)), s -> s.claimPending(10)));
        // once started, it is among the running exports whose job the processor restarts if it was interrupted
        assertEquals(List.of(new DataExports.Running(first.get(0), 41)), call(NOW, s -> s.running(10)));
        assertEquals(AuditAction.DATA_EXPORT_REQUEST, audit.entries.get(0).action());
    }

    @Test
    void onlyAViewerOfTheWholeWorkspaceExportsIt() {
        BusinessException refused = assertThrows(BusinessException.class,
                () -> call(NOW, s -> s.requestWorkspaceExport(new Viewer(workspaceA, ScopeType.STORE, null, storeA1), 7, ADDRESS)));
        assertEquals("export.whole-workspace", refused.code());
        long exports = db.withoutWorkspace(em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM data_export").getSingleResult())
                .longValue());
        assertEquals(0, exports);
    }

    @Test
    void aLinkWorksInItsOwnWorkspaceForAViewerOfTheStoreOnce() {
        long export = readyCustomerExport(storeA1);
        String token = call(NOW, s -> s.issueLink(Viewer.ofWorkspace(workspaceA), export, 7, ADDRESS));

        assertEquals("export.link-invalid", refusal(Viewer.ofWorkspace(workspaceB), token, p -> true));
        assertEquals("export.link-invalid", refusal(new Viewer(workspaceA, ScopeType.STORE, null, storeA2), token, p -> true));
        assertEquals("export.forbidden", refusal(Viewer.ofWorkspace(workspaceA), token, p -> p != Permission.PRIVACY_MANAGE));
        assertEquals(DataExport.Status.READY, find(workspaceA, export).status());

        DataExports.Download download = call(NOW, s -> s.redeem(new Viewer(workspaceA, ScopeType.STORE, null, storeA1), token, 8,
                p -> true, ADDRESS));

        assertEquals(new DataExports.Download(workspaceA, export, DataExportKind.CUSTOMER_DATA, storeA1,
                "customer-data-" + export + ".json.sealed"), download);
        DataExport downloaded = find(workspaceA, export);
        assertEquals(DataExport.Status.DOWNLOADED, downloaded.status());
        assertEquals("8", downloaded.downloadedBy());
        assertEquals("export.used", refusal(Viewer.ofWorkspace(workspaceA), token, p -> true));
        List<String> trail = audit.entries.stream().map(e -> e.action().key() + "/" + e.outcome() + "/" + e.workspaceId()).toList();
        assertEquals(List.of("data-export.link/SUCCESS/" + workspaceA, "data-export.download/FAILED/" + workspaceB,
                "data-export.download/FAILED/" + workspaceA, "data-export.download/DENIED/" + workspaceA,
                "data-export.download/SUCCESS/" + workspaceA, "data-export.download/FAILED/" + workspaceA), trail);
        assertFalse(audit.entries.stream().map(AuditEntry::toString).anyMatch(text -> text.contains(token)), "no record holds the token");
    }

    @Test
    void aMalformedTokenIsRefusedWithoutALookUp() {
        assertEquals("export.link-invalid", refusal(Viewer.ofWorkspace(workspaceA), "not-a-token", p -> true));
        assertEquals("export.link-invalid", refusal(Viewer.ofWorkspace(workspaceA), null, p -> true));
    }

    @Test
    void aReadyExportPastItsSevenDaysLosesItsFileAndLink() throws Exception {
        long export = readyCustomerExport(storeA1);
        call(NOW, s -> s.issueLink(Viewer.ofWorkspace(workspaceA), export, 7, ADDRESS));
        Path file = new ExportFolder(folder).files().file(workspaceA, "customer-data-" + export + ".json.sealed");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "sealed");

        assertEquals(0, call(NOW.plus(Duration.ofDays(7)).minusSeconds(1), DataExports::expireDue));
        assertTrue(Files.exists(file));
        assertEquals(1, call(NOW.plus(Duration.ofDays(7)), DataExports::expireDue));

        assertFalse(Files.exists(file));
        DataExport expired = find(workspaceA, export);
        assertEquals(DataExport.Status.EXPIRED, expired.status());
        assertFalse(expired.hasLink());
    }

    private String refusal(Viewer viewer, String token, java.util.function.Predicate<Permission> may) {
        return assertThrows(BusinessException.class, () -> call(NOW, s -> s.redeem(viewer, token, 8, may, ADDRESS))).code();
    }

    private long readyCustomerExport(long storeId) {
        return db.inWorkspace(workspaceA, em -> {
            PrivacyRequest request = persist(em, new PrivacyRequest(storeId, PrivacyRequestKind.CUSTOMER_DATA_REQUEST, 191167L, List.of(),
                    UUID.randomUUID().toString(), NOW.minus(Duration.ofHours(1))));
            DataExport export = DataExport.ofCustomerRequest(request, "shopify", NOW.minus(Duration.ofHours(1)));
            export.startedAs(40);
            export.ready(6, NOW);
            return persist(em, export).id();
        });
    }

    private <T> T call(Instant now, Function<DataExports, T> work) {
        return db.withoutWorkspace(em -> work.apply(new DataExports(em, audit, new ExportFolder(folder), Clock.fixed(now, ZoneOffset.UTC))));
    }

    private static DataExport find(long workspaceId, long exportId) {
        return db.inWorkspace(workspaceId, em -> em.find(DataExport.class, exportId));
    }

    private static Store store(String code) {
        return new Store(code, code.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6) + ".myshopify.com",
                Currency.getInstance("USD"), ZoneId.of("UTC"), NOW);
    }

    private static <T> T persist(EntityManager em, T entity) {
        em.persist(entity);
        em.flush();
        return entity;
    }
}
