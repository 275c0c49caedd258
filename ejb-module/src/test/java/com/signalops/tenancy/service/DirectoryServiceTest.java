package com.signalops.tenancy.service;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.identity.domain.ScopeType;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.District;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.testing.AuditRows;
import com.signalops.testing.JpaTestDatabase;
import com.signalops.testing.WorkspaceBuilder;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Districts and stores under row-level scope: a workspace viewer sees everything, a district
 * viewer their district and its stores, a store viewer their store and no district; whatever a
 * viewer cannot see answers exactly like an id that does not exist, in their workspace or another.
 */
class DirectoryServiceTest {

    private static final long ACTOR = 4242;
    private static final long UNKNOWN = 987_654_321;

    private static JpaTestDatabase db;
    private static WorkspaceBuilder alpha;
    private static WorkspaceBuilder beta;
    private static long north;
    private static long south;
    private static long northOne;
    private static long northTwo;
    private static long southOne;
    private static long unassigned;
    private static long districtOfBeta;
    private static long storeOfBeta;
    private static Viewer whole;
    private static Viewer northManager;
    private static Viewer rep;

    @BeforeAll
    static void twoWorkspaces() throws SQLException {
        db = JpaTestDatabase.start("signalops_directory");
        alpha = WorkspaceBuilder.workspace(db, "Alpha Outfitters");
        north = alpha.district("North");
        south = alpha.district("South");
        northOne = alpha.store("N-01", north);
        northTwo = alpha.store("N-02", north);
        southOne = alpha.store("S-01", south);
        unassigned = alpha.store("X-01", null);
        beta = WorkspaceBuilder.workspace(db, "Beta Goods");
        districtOfBeta = beta.district("North");
        storeOfBeta = beta.store("B-01", districtOfBeta);
        whole = Viewer.ofWorkspace(alpha.id());
        northManager = new Viewer(alpha.id(), ScopeType.DISTRICT, north, null);
        rep = new Viewer(alpha.id(), ScopeType.STORE, null, northOne);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aWorkspaceViewerSeesEveryDistrictAndStoreOfTheirWorkspaceOnly() {
        assertEquals(List.of("North", "South"), names(directory(s -> s.listDistricts(whole))));
        assertEquals(List.of("N-01", "N-02", "S-01", "X-01"), codes(directory(s -> s.listStores(whole))));
        assertEquals("X-01", directory(s -> s.store(whole, unassigned)).storeCode());
        assertEquals("South", directory(s -> s.district(whole, south)).name());
    }

    @Test
    void aDistrictViewerSeesTheirDistrictAndItsStoresOnly() {
        assertEquals(List.of("North"), names(directory(s -> s.listDistricts(northManager))));
        assertEquals(List.of("N-01", "N-02"), codes(directory(s -> s.listStores(northManager))));
        assertEquals("N-02", directory(s -> s.store(northManager, northTwo)).storeCode());
        assertNotFound(() -> directory(s -> s.store(northManager, southOne)));
        assertNotFound(() -> directory(s -> s.store(northManager, unassigned)));
        assertNotFound(() -> directory(s -> s.district(northManager, south)));
    }

    @Test
    void aStoreViewerSeesTheirStoreAndNoDistrict() {
        assertEquals(List.of(), directory(s -> s.listDistricts(rep)));
        assertEquals(List.of("N-01"), codes(directory(s -> s.listStores(rep))));
        assertEquals("N-01", directory(s -> s.store(rep, northOne)).storeCode());
        assertNotFound(() -> directory(s -> s.store(rep, northTwo)));
        assertNotFound(() -> directory(s -> s.district(rep, north)));
    }

    @Test
    void anotherWorkspacesIdsAnswerExactlyLikeUnknownIds() {
        for (Viewer viewer : List.of(whole, northManager, rep)) {
            BusinessException foreignStore = assertThrows(NotFoundException.class, () -> directory(s -> s.store(viewer, storeOfBeta)));
            BusinessException unknownStore = assertThrows(NotFoundException.class, () -> directory(s -> s.store(viewer, UNKNOWN)));
            BusinessException invisibleStore = assertThrows(NotFoundException.class,
                    () -> directory(s -> s.store(viewer, viewer == whole ? UNKNOWN : southOne)));
            assertEquals(unknownStore.code(), foreignStore.code());
            assertEquals(unknownStore.getMessage(), foreignStore.getMessage());
            assertEquals(unknownStore.getMessage(), invisibleStore.getMessage());
            BusinessException foreignDistrict = assertThrows(NotFoundException.class,
                    () -> directory(s -> s.district(viewer, districtOfBeta)));
            BusinessException unknownDistrict = assertThrows(NotFoundException.class, () -> directory(s -> s.district(viewer, UNKNOWN)));
            assertEquals(unknownDistrict.getMessage(), foreignDistrict.getMessage());
        }
        // a workspace viewer of Beta sees Beta's rows, so the ids are real
        assertEquals("B-01", directory(s -> s.store(Viewer.ofWorkspace(beta.id()), storeOfBeta)).storeCode());
    }

    @Test
    void anotherWorkspacesIdRaisesACrossTenantEventThatAnUnknownOrInvisibleIdDoesNot() {
        List<String> before = crossTenantEvents();

        assertNotFound(() -> directory(s -> s.store(whole, storeOfBeta)));
        assertNotFound(() -> directory(s -> s.district(rep, districtOfBeta)));
        assertNotFound(() -> directory(s -> s.store(whole, UNKNOWN)));
        assertNotFound(() -> directory(s -> s.store(rep, northTwo)));

        List<String> raised = crossTenantEvents().subList(before.size(), crossTenantEvents().size());
        assertEquals(List.of("MEDIUM: store " + storeOfBeta + " of workspace " + beta.id() + " asked for from workspace " + alpha.id(),
                "MEDIUM: district " + districtOfBeta + " of workspace " + beta.id() + " asked for from workspace " + alpha.id()), raised);
    }

    @Test
    void everyListAgreesWithTheViewersVisibilityRule() {
        List<Store> all = directory(s -> s.listStores(whole));
        for (Viewer viewer : List.of(whole, northManager, rep)) {
            assertEquals(codes(all.stream().filter(viewer::sees).toList()), codes(directory(s -> s.listStores(viewer))), viewer.toString());
        }
    }

    @Test
    void aStoreIsCreatedNormalisedAndAudited() {
        WorkspaceBuilder gamma = WorkspaceBuilder.workspace(db, "Gamma Create");
        long east = gamma.district("East");
        Store created = directory(s -> s.createStore(Viewer.ofWorkspace(gamma.id()), ACTOR, " g-01 ", " Gamma-One.MyShopify.com ",
                "eur", "Europe/Berlin", east));
        assertAll(() -> assertEquals("G-01", created.storeCode()),
                () -> assertEquals("gamma-one.myshopify.com", created.shopDomain()),
                () -> assertEquals("EUR", created.currency().getCurrencyCode()),
                () -> assertEquals("Europe/Berlin", created.timezone().getId()));
        Store reread = directory(s -> s.store(new Viewer(gamma.id(), ScopeType.DISTRICT, east, null), created.id()));
        assertEquals(east, reread.district().orElseThrow().id());
        assertEquals(east, created.districtId().orElseThrow(), "known without reading the district");
        assertEquals(east, reread.districtId().orElseThrow());
        assertEquals(List.of("store.create store:" + created.id() + " SUCCESS by " + ACTOR), AuditRows.records(db, gamma.id()));
    }

    @Test
    void invalidStoreDetailsAreRefusedWithTheirKey() {
        WorkspaceBuilder delta = WorkspaceBuilder.workspace(db, "Delta Invalid");
        Viewer viewer = Viewer.ofWorkspace(delta.id());
        assertAll(
                () -> assertRefused("store.code-invalid", () -> create(viewer, "D_01", "delta-one.myshopify.com", "USD", "UTC")),
                () -> assertRefused("store.code-invalid", () -> create(viewer, "-D01", "delta-one.myshopify.com", "USD", "UTC")),
                () -> assertRefused("store.code-invalid", () -> create(viewer, "D".repeat(41), "delta-one.myshopify.com", "USD", "UTC")),
                () -> assertRefused("store.code-invalid", () -> create(viewer, null, "delta-one.myshopify.com", "USD", "UTC")),
                () -> assertRefused("store.shop-domain-invalid", () -> create(viewer, "D-01", "delta-one.example.com", "USD", "UTC")),
                () -> assertRefused("store.shop-domain-invalid", () -> create(viewer, "D-01", "-delta.myshopify.com", "USD", "UTC")),
                () -> assertRefused("store.shop-domain-invalid", () -> create(viewer, "D-01", "shop.delta.myshopify.com", "USD", "UTC")),
                () -> assertRefused("store.currency-invalid", () -> create(viewer, "D-01", "delta-one.myshopify.com", "ABC", "UTC")),
                () -> assertRefused("store.currency-invalid", () -> create(viewer, "D-01", "delta-one.myshopify.com", "dollars", "UTC")),
                () -> assertRefused("store.timezone-invalid", () -> create(viewer, "D-01", "delta-one.myshopify.com", "USD", "Mars/Olympus")),
                () -> assertRefused("store.timezone-invalid", () -> create(viewer, "D-01", "delta-one.myshopify.com", "USD", null)));
        assertEquals(List.of(), directory(s -> s.listStores(viewer)));
        assertRefused("district.name-invalid", () -> directory(s -> s.createDistrict(viewer, ACTOR, "   ")));
        assertEquals(List.of(), AuditRows.records(db, delta.id()));
    }

    @Test
    void duplicatesAreRefusedWithTheirKeyAlsoAcrossWorkspaces() {
        WorkspaceBuilder epsilon = WorkspaceBuilder.workspace(db, "Epsilon Duplicates");
        Viewer viewer = Viewer.ofWorkspace(epsilon.id());
        create(viewer, "E-01", "epsilon-one.myshopify.com", "USD", "UTC");
        assertRefused("store.code-taken", () -> create(viewer, "e-01", "epsilon-two.myshopify.com", "USD", "UTC"));
        assertRefused("store.shop-domain-taken", () -> create(viewer, "E-02", "EPSILON-ONE.myshopify.com", "USD", "UTC"));
        String betasDomain = directory(s -> s.store(Viewer.ofWorkspace(beta.id()), storeOfBeta)).shopDomain();
        assertRefused("store.shop-domain-taken", () -> create(viewer, "E-03", betasDomain, "USD", "UTC"));
        directory(s -> s.createDistrict(viewer, ACTOR, "West"));
        assertRefused("district.name-taken", () -> directory(s -> s.createDistrict(viewer, ACTOR, " West ")));
        assertEquals(List.of("E-01"), codes(directory(s -> s.listStores(viewer))));
        // the same code in another workspace is fine: codes are the workspace's own
        assertEquals("E-01", create(Viewer.ofWorkspace(beta.id()), "E-01", "beta-e01.myshopify.com", "USD", "UTC")
                .storeCode());
    }

    @Test
    void onlyAWorkspaceViewerCreatesDistricts() {
        WorkspaceBuilder zeta = WorkspaceBuilder.workspace(db, "Zeta Districts");
        long first = zeta.district("First");
        long store = zeta.store("Z-01", first);
        assertRefused("directory.out-of-scope",
                () -> directory(s -> s.createDistrict(new Viewer(zeta.id(), ScopeType.DISTRICT, first, null), ACTOR, "Second")));
        assertRefused("directory.out-of-scope",
                () -> directory(s -> s.createDistrict(new Viewer(zeta.id(), ScopeType.STORE, null, store), ACTOR, "Second")));
        District second = directory(s -> s.createDistrict(Viewer.ofWorkspace(zeta.id()), ACTOR, "Second"));
        assertEquals(List.of("First", "Second"), names(directory(s -> s.listDistricts(Viewer.ofWorkspace(zeta.id())))));
        assertEquals(List.of("district.create district:- DENIED by " + ACTOR, "district.create district:- DENIED by " + ACTOR,
                "district.create district:" + second.id() + " SUCCESS by " + ACTOR), AuditRows.records(db, zeta.id()));
    }

    @Test
    void aDistrictViewerAddsStoresToTheirOwnDistrictOnly() {
        WorkspaceBuilder eta = WorkspaceBuilder.workspace(db, "Eta Stores");
        long mine = eta.district("Mine");
        long theirs = eta.district("Theirs");
        long store = eta.store("H-00", mine);
        Viewer manager = new Viewer(eta.id(), ScopeType.DISTRICT, mine, null);
        assertEquals(mine, create(manager, mine, "H-01", "eta-one.myshopify.com").district().orElseThrow().id());
        assertNotFound(() -> create(manager, theirs, "H-02", "eta-two.myshopify.com"));
        assertNotFound(() -> create(manager, districtOfBeta, "H-02", "eta-two.myshopify.com"));
        assertRefused("directory.out-of-scope", () -> create(manager, null, "H-02", "eta-two.myshopify.com"));
        assertRefused("directory.out-of-scope",
                () -> create(new Viewer(eta.id(), ScopeType.STORE, null, store), null, "H-02", "eta-two.myshopify.com"));
        assertEquals(List.of("H-00", "H-01"), codes(directory(s -> s.listStores(Viewer.ofWorkspace(eta.id())))));
    }

    @Test
    void aWorkspaceViewerMovesStoresAndTheDistrictsViewFollows() {
        WorkspaceBuilder theta = WorkspaceBuilder.workspace(db, "Theta Moves");
        long from = theta.district("From");
        long to = theta.district("To");
        long store = theta.store("T-01", from);
        Viewer owner = Viewer.ofWorkspace(theta.id());
        Viewer toManager = new Viewer(theta.id(), ScopeType.DISTRICT, to, null);
        assertNotFound(() -> directory(s -> s.store(toManager, store)));
        assertEquals(to, directory(s -> s.moveStore(owner, ACTOR, store, to)).districtId().orElseThrow());
        assertEquals(List.of("T-01"), codes(directory(s -> s.listStores(toManager))));
        assertEquals(to, directory(s -> s.listStores(toManager)).get(0).districtId().orElseThrow());
        assertTrue(directory(s -> s.moveStore(owner, ACTOR, store, null)).districtId().isEmpty());
        assertEquals(List.of(), codes(directory(s -> s.listStores(toManager))));
        assertTrue(directory(s -> s.store(owner, store)).district().isEmpty());
        assertTrue(directory(s -> s.store(owner, store)).districtId().isEmpty());
        assertEquals(List.of("store.move store:" + store + " SUCCESS by " + ACTOR, "store.move store:" + store + " SUCCESS by " + ACTOR),
                AuditRows.records(db, theta.id()));
    }

    @Test
    void movesOutsideTheViewersReachAreRefused() {
        WorkspaceBuilder iota = WorkspaceBuilder.workspace(db, "Iota Moves");
        long mine = iota.district("Mine");
        long store = iota.store("I-01", mine);
        Viewer owner = Viewer.ofWorkspace(iota.id());
        assertRefused("directory.out-of-scope",
                () -> directory(s -> s.moveStore(new Viewer(iota.id(), ScopeType.DISTRICT, mine, null), ACTOR, store, null)));
        assertNotFound(() -> directory(s -> s.moveStore(owner, ACTOR, store, districtOfBeta)));
        assertNotFound(() -> directory(s -> s.moveStore(owner, ACTOR, storeOfBeta, mine)));
        assertEquals(mine, directory(s -> s.store(owner, store)).district().orElseThrow().id());
        assertEquals(List.of("store.move store:" + store + " DENIED by " + ACTOR), AuditRows.records(db, iota.id()));
    }

    /** The platform's (no workspace's) cross-tenant events, as {@code severity: details}, oldest first. */
    private static List<String> crossTenantEvents() {
        return db.withoutWorkspace(em -> em.createNativeQuery("SELECT CONCAT(severity, ': ', details) FROM security_event "
                        + "WHERE workspace_id IS NULL AND type = ? ORDER BY id")
                .setParameter(1, CrossTenantAccess.EVENT).getResultList().stream().map(String::valueOf).toList());
    }

    private static <T> T directory(Function<DirectoryService, T> call) {
        return db.call(DirectoryService::new, call);
    }

    private static Store create(Viewer viewer, String code, String domain, String currency, String timezone) {
        return directory(s -> s.createStore(viewer, ACTOR, code, domain, currency, timezone, null));
    }

    private static Store create(Viewer viewer, Long districtId, String code, String domain) {
        return directory(s -> s.createStore(viewer, ACTOR, code, domain, "USD", "UTC", districtId));
    }

    private static void assertNotFound(Executable call) {
        assertEquals("not-found", assertThrows(NotFoundException.class, call).code());
    }

    private static void assertRefused(String code, Executable call) {
        BusinessException refused = assertThrows(BusinessException.class, call);
        assertEquals(code, refused.code(), refused.getMessage());
    }

    private static List<String> names(List<District> districts) {
        return districts.stream().map(District::name).toList();
    }

    private static List<String> codes(List<Store> stores) {
        return stores.stream().map(Store::storeCode).toList();
    }
}
