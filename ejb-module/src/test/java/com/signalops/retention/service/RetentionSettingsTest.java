package com.signalops.retention.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.signalops.retention.domain.RetentionCategory;
import com.signalops.retention.domain.RetentionPolicy;
import com.signalops.shared.BusinessException;
import com.signalops.identity.domain.ScopeType;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.testing.AuditRows;
import com.signalops.testing.JpaTestDatabase;
import com.signalops.testing.WorkspaceBuilder;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A workspace's retention periods in a real MariaDB: the defaults until changed, a change saved and audited with every
 * period before and after, a value below its floor refused with nothing saved or recorded, a viewer of less than the
 * whole workspace refused, and one workspace's periods never another's.
 */
class RetentionSettingsTest {

    private static final ConnectionActor ADMIN = ConnectionActor.user(41);
    private static JpaTestDatabase db;

    @BeforeAll
    static void start() throws SQLException {
        db = JpaTestDatabase.start("signalops_retention_settings");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aChangeIsSavedAndAuditedWithEveryPeriodBeforeAndAfter() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Retention change");
        Viewer viewer = Viewer.ofWorkspace(ws.id());
        assertEquals(RetentionPolicy.defaults(365), settings(365, s -> s.of(viewer)));

        settings(365, s -> s.change(viewer, Map.of("orders", "120"), ADMIN));
        RetentionPolicy changed = settings(365, s -> s.change(viewer, Map.of("securityEvents", "400"), ADMIN));

        assertEquals(120, changed.days(RetentionCategory.ORDERS), "the first change stays");
        assertEquals(400, changed.days(RetentionCategory.SECURITY_EVENTS));
        assertEquals(changed, settings(365, s -> s.of(viewer)));
        assertEquals(List.of("retention.configure workspace:" + ws.id() + " SUCCESS by 41", "retention.configure workspace:" + ws.id()
                + " SUCCESS by 41"), AuditRows.records(db, ws.id()));
        assertEquals(List.of("{\"auditRecords\":365,\"importFiles\":7,\"jobHistory\":90,\"leakFindings\":730,\"orders\":400,"
                + "\"securityEvents\":730,\"webhookInbox\":30} -> {\"auditRecords\":365,\"importFiles\":7,\"jobHistory\":90,"
                + "\"leakFindings\":730,\"orders\":120,\"securityEvents\":730,\"webhookInbox\":30}"), db.withoutWorkspace(em -> em
                .createNativeQuery("SELECT CONCAT(before_json, ' -> ', after_json) FROM audit_record WHERE workspace_id = ? ORDER BY id "
                        + "LIMIT 1").setParameter(1, ws.id()).getResultList().stream().map(String::valueOf).toList()));
    }

    @Test
    void aPeriodBelowItsFloorIsRefusedAndNothingIsSavedOrRecorded() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Retention floor");
        Viewer viewer = Viewer.ofWorkspace(ws.id());
        BusinessException refused = assertThrows(BusinessException.class,
                () -> settings(730, s -> s.change(viewer, Map.of("orders", "200", "auditRecords", "365"), ADMIN)));
        assertEquals("auditRecords must be kept at least 730 and at most 3660 days, not 365", refused.getMessage());
        assertEquals(RetentionPolicy.defaults(730), settings(730, s -> s.of(viewer)));
        assertEquals(List.of(), AuditRows.records(db, ws.id()));
    }

    @Test
    void aSavedAuditPeriodBelowARaisedLegalFloorCountsAsTheFloor() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Retention raised floor");
        Viewer viewer = Viewer.ofWorkspace(ws.id());
        settings(365, s -> s.change(viewer, Map.of("auditRecords", "400"), ADMIN));
        assertEquals(1000, settings(1000, s -> s.of(viewer)).days(RetentionCategory.AUDIT_RECORDS));
        assertEquals(1000, settings(1000, s -> s.floors()).get("auditRecords"));
    }

    @Test
    void onlyAViewerOfTheWholeWorkspaceChangesItAndEachWorkspaceKeepsItsOwn() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Retention scope");
        WorkspaceBuilder other = WorkspaceBuilder.workspace(db, "Retention other");
        long district = ws.district("North");
        BusinessException refused = assertThrows(BusinessException.class, () -> settings(365,
                s -> s.change(new Viewer(ws.id(), ScopeType.DISTRICT, district, null), Map.of("orders", "100"), ADMIN)));
        assertEquals("retention.scope", refused.code());

        settings(365, s -> s.change(Viewer.ofWorkspace(ws.id()), Map.of("orders", "100"), ADMIN));

        assertEquals(400, settings(365, s -> s.of(Viewer.ofWorkspace(other.id()))).days(RetentionCategory.ORDERS));
        assertEquals(100, settings(365, s -> s.of(Viewer.ofWorkspace(ws.id()))).days(RetentionCategory.ORDERS));
    }

    private static <T> T settings(int auditFloorDays, Function<RetentionSettings, T> call) {
        return db.call(() -> {
            RetentionSettings settings = new RetentionSettings();
            settings.useAuditFloor(new AuditRetentionFloor(auditFloorDays));
            return settings;
        }, call);
    }
}
