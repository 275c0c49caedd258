package com.signalops.outreach.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.signalops.approvals.domain.Person;
import com.signalops.identity.domain.BuiltInRole;
import com.signalops.identity.domain.ScopeType;
import com.signalops.identity.domain.SignedIn;
import com.signalops.outreach.domain.ExportDestination;
import com.signalops.outreach.domain.ExportField;
import com.signalops.outreach.domain.FieldFilter;
import com.signalops.outreach.domain.OutreachRules;
import com.signalops.shared.BusinessException;
import com.signalops.testing.AuditRows;
import com.signalops.testing.JpaTestDatabase;
import com.signalops.testing.WorkspaceBuilder;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A workspace's outreach settings in a real MariaDB: the defaults until changed, a change saved and audited with the
 * settings before and after, a value out of bounds refused with nothing saved or recorded, a role without
 * settings.manage or over less than the workspace refused (and recorded as DENIED), store send rates changed only for
 * stores in scope, and one workspace's settings never another's.
 */
class OutreachSettingsTest {

    private static final long ADMIN = 41;
    private static JpaTestDatabase db;

    @BeforeAll
    static void start() throws SQLException {
        db = JpaTestDatabase.start("signalops_outreach_settings");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aChangeIsSavedAndAuditedWithTheSettingsBeforeAndAfter() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Outreach change");
        assertEquals(OutreachRules.defaults(), settings(s -> s.rules(ws.id())));
        assertEquals(FieldFilter.DEFAULT, settings(s -> s.filter(ws.id(), ExportDestination.SMTP)));

        FieldFilter withEmail = FieldFilter.of(List.of("customer_id", "email"), true);
        settings(s -> s.change(admin(ws.id()), new OutreachRules(14, 500, true), Map.of(ExportDestination.SMTP, withEmail)));
        settings(s -> s.change(admin(ws.id()), new OutreachRules(30, null, true), Map.of()));

        assertEquals(new OutreachRules(30, null, true), settings(s -> s.rules(ws.id())));
        assertEquals(withEmail, settings(s -> s.filter(ws.id(), ExportDestination.SMTP)), "the filter stays");
        assertEquals(FieldFilter.DEFAULT, settings(s -> s.filter(ws.id(), ExportDestination.CSV_DOWNLOAD)));
        assertEquals(List.of(ExportField.EMAIL, ExportField.CUSTOMER_ID), settings(s -> s.filter(ws.id(), ExportDestination.SMTP))
                .letThrough(List.of(ExportField.EMAIL, ExportField.CUSTOMER_ID, ExportField.TOTAL_SPENT), true));
        assertEquals(List.of("outreach-settings.update workspace:" + ws.id() + " SUCCESS by 41", "outreach-settings.update workspace:"
                + ws.id() + " SUCCESS by 41"), AuditRows.records(db, ws.id()));
        assertEquals(List.of("7 -> 14, null -> 500, false -> true, [] -> [\"customer_id\",\"email\"]"), db.withoutWorkspace(em -> em
                .createNativeQuery("SELECT CONCAT(JSON_VALUE(before_json, '$.approvalExpiryDays'), ' -> ', JSON_VALUE(after_json, "
                        + "'$.approvalExpiryDays'), ', ', COALESCE(JSON_VALUE(before_json, '$.secondApproverThreshold'), 'null'), ' -> ', "
                        + "JSON_VALUE(after_json, '$.secondApproverThreshold'), ', ', JSON_EXTRACT(before_json, '$.aiEnabled'), ' -> ', "
                        + "JSON_EXTRACT(after_json, '$.aiEnabled'), ', ', IF(JSON_CONTAINS(JSON_EXTRACT(before_json, "
                        + "'$.destinationFilters.SMTP.allowedFields'), '\"email\"'), 'email', '[]'), ' -> ', JSON_COMPACT(JSON_EXTRACT("
                        + "after_json, '$.destinationFilters.SMTP.allowedFields'))) FROM audit_record WHERE workspace_id = ? ORDER BY id "
                        + "LIMIT 1").setParameter(1, ws.id()).getResultList().stream().map(String::valueOf).toList()));
    }

    @Test
    void aValueOutOfBoundsIsRefusedAndNothingIsSavedOrRecorded() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Outreach bounds");
        BusinessException refused = assertThrows(BusinessException.class, () -> settings(s -> s.change(admin(ws.id()),
                OutreachRules.parse("120", "", false), Map.of())));
        assertEquals("Approvals expire after 1 to 90 days, not 120", refused.getMessage());
        long store = ws.store("BOUNDS-1", null);
        Map<Long, Integer> zero = new HashMap<>();
        zero.put(store, 0);
        assertEquals("outreach-settings.invalid", assertThrows(BusinessException.class,
                () -> settings(s -> s.changeSendRates(admin(ws.id()), zero))).code());
        assertEquals(OutreachRules.defaults(), settings(s -> s.rules(ws.id())));
        assertEquals(Integer.valueOf(600), settings(s -> s.sendRate(ws.id(), store)));
        assertEquals(List.of(), AuditRows.records(db, ws.id()));
    }

    @Test
    void aRoleWithoutSettingsManageOrOverLessThanTheWorkspaceIsRefusedAndRecorded() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Outreach scope");
        long district = ws.district("North");
        SignedIn.Grant manager = new SignedIn.Grant("manager", "Manager", ScopeType.WORKSPACE, null, null,
                BuiltInRole.MANAGER.permissions());
        SignedIn.Grant districtAdmin = new SignedIn.Grant("admin", "Admin", ScopeType.DISTRICT, district, null,
                BuiltInRole.ADMIN.permissions());

        assertEquals("outreach-settings.not-allowed", assertThrows(BusinessException.class,
                () -> settings(s -> s.change(new Person(ws.id(), 7, manager), new OutreachRules(3, null, true), Map.of()))).code());
        assertEquals("outreach-settings.scope", assertThrows(BusinessException.class,
                () -> settings(s -> s.change(new Person(ws.id(), 8, districtAdmin), new OutreachRules(3, null, true), Map.of()))).code());

        assertEquals(OutreachRules.defaults(), settings(s -> s.rules(ws.id())));
        assertEquals(List.of("outreach-settings.update workspace:" + ws.id() + " DENIED by 7", "outreach-settings.update workspace:"
                + ws.id() + " DENIED by 8"), AuditRows.records(db, ws.id()));
    }

    @Test
    void aStoresSendRateIsChangedWithinScopeAndFallsBackToTheDefault() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Outreach rates");
        long north = ws.district("North");
        long inside = ws.store("RATE-IN", north);
        long outside = ws.store("RATE-OUT", null);
        SignedIn.Grant districtAdmin = new SignedIn.Grant("admin", "Admin", ScopeType.DISTRICT, north, null,
                BuiltInRole.ADMIN.permissions());

        Person districtPerson = new Person(ws.id(), ADMIN, districtAdmin);
        assertEquals(Map.of(inside, 120), settings(s -> s.changeSendRates(districtPerson, Map.of(inside, 120))));
        assertEquals(Integer.valueOf(120), settings(s -> s.sendRate(ws.id(), inside)));
        assertEquals(List.of(new StoreSendRate(inside, "RATE-IN", 120, 120)), settings(s -> s.sendRates(districtPerson)));
        assertEquals("not-found", assertThrows(BusinessException.class,
                () -> settings(s -> s.changeSendRates(districtPerson, Map.of(outside, 50)))).code());
        assertEquals(Integer.valueOf(600), settings(s -> s.sendRate(ws.id(), outside)));

        Map<Long, Integer> back = new HashMap<>();
        back.put(inside, null);
        assertEquals(Map.of(inside, 600), settings(s -> s.changeSendRates(admin(ws.id()), back)));
        assertEquals(Integer.valueOf(600), settings(s -> s.sendRate(ws.id(), inside)));
        assertEquals(List.of("{\"sendRates\":{\"" + inside + "\":null}} -> {\"sendRates\":{\"" + inside + "\":120}}",
                "{\"sendRates\":{\"" + inside + "\":120}} -> {\"sendRates\":{\"" + inside + "\":null}}"), db.withoutWorkspace(em -> em
                .createNativeQuery("SELECT CONCAT(before_json, ' -> ', after_json) FROM audit_record WHERE workspace_id = ? AND outcome "
                        + "= 'SUCCESS' ORDER BY id").setParameter(1, ws.id()).getResultList().stream().map(String::valueOf).toList()));
    }

    @Test
    void eachWorkspaceKeepsItsOwnSettings() {
        WorkspaceBuilder ws = WorkspaceBuilder.workspace(db, "Outreach own");
        WorkspaceBuilder other = WorkspaceBuilder.workspace(db, "Outreach other");
        long store = ws.store("OWN-1", null);
        settings(s -> s.change(admin(ws.id()), new OutreachRules(2, 10, true), Map.of(ExportDestination.CSV_DOWNLOAD,
                FieldFilter.of(List.of("customer_id"), false))));
        settings(s -> s.changeSendRates(admin(ws.id()), Map.of(store, 42)));

        assertEquals(OutreachRules.defaults(), settings(s -> s.rules(other.id())));
        assertEquals(FieldFilter.DEFAULT, settings(s -> s.filter(other.id(), ExportDestination.CSV_DOWNLOAD)));
        assertEquals(Integer.valueOf(600), settings(s -> s.sendRate(other.id(), store)), "the other workspace has no such store's rate");
        assertEquals(new OutreachRules(2, 10, true), settings(s -> s.rules(ws.id())));
        assertEquals(Integer.valueOf(42), settings(s -> s.sendRate(ws.id(), store)));
    }

    private static Person admin(long workspaceId) {
        return new Person(workspaceId, ADMIN, new SignedIn.Grant("admin", "Admin", ScopeType.WORKSPACE, null, null,
                BuiltInRole.ADMIN.permissions()));
    }

    private static <T> T settings(Function<OutreachSettings, T> call) {
        return db.call(() -> {
            OutreachSettings settings = new OutreachSettings();
            settings.useRateDefault(new CampaignRateDefault(600));
            return settings;
        }, call);
    }
}
