package com.signalops.tenancy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.signalops.identity.domain.BuiltInRole;
import com.signalops.identity.domain.Membership;
import com.signalops.identity.domain.Role;
import com.signalops.identity.domain.UserAccount;
import com.signalops.testing.JpaTestDatabase;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant scoping is structural: a persistence context of workspace B neither finds, lists,
 * counts nor changes what belongs to workspace A, one without a workspace touches nothing
 * tenant-owned, and the database itself refuses a link across workspaces.
 */
class TenantIsolationTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static JpaTestDatabase db;
    private static long workspaceA;
    private static long workspaceB;
    private static long storeOfA;
    private static long districtOfA;
    private static long districtOfB;
    private static long roleOfB;

    @BeforeAll
    static void twoWorkspaces() throws SQLException {
        db = JpaTestDatabase.start("signalops_tenancy");
        workspaceA = db.withoutWorkspace(em -> persist(em, new Workspace("Alpha Outfitters", NOW)).id());
        workspaceB = db.withoutWorkspace(em -> persist(em, new Workspace("Beta Goods", NOW)).id());
        districtOfA = db.inWorkspace(workspaceA, em -> persist(em, new District("North", NOW)).id());
        storeOfA = db.inWorkspace(workspaceA, em -> {
            Store store = new Store("A-01", "alpha-one.myshopify.com", Currency.getInstance("USD"), ZoneId.of("America/New_York"), NOW);
            store.assignTo(em.find(District.class, districtOfA));
            return persist(em, store).id();
        });
        districtOfB = db.inWorkspace(workspaceB, em -> persist(em, new District("North", NOW)).id());
        db.runInWorkspace(workspaceB, em -> persist(em, new Store("B-01", "beta-one.myshopify.com", Currency.getInstance("EUR"),
                ZoneId.of("Europe/Berlin"), NOW)));
        roleOfB = db.inWorkspace(workspaceB, em -> persist(em, Role.builtIn(BuiltInRole.ADMIN)).id());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void rowsAreStampedWithTheirWorkspace() {
        Store store = db.inWorkspace(workspaceA, em -> em.find(Store.class, storeOfA));
        assertEquals(workspaceA, store.workspaceId());
        assertEquals("alpha-one.myshopify.com", store.shopDomain());
    }

    @Test
    void anotherWorkspaceCannotFindListOrCountIt() {
        assertNull(db.inWorkspace(workspaceB, em -> em.find(Store.class, storeOfA)));
        List<String> codes = db.inWorkspace(workspaceB, em -> em.createNamedQuery("Store.findAll", Store.class).getResultList()
                .stream().map(Store::storeCode).toList());
        assertEquals(List.of("B-01"), codes);
        long count = db.inWorkspace(workspaceB, em -> em.createQuery("select count(s) from Store s", Long.class).getSingleResult());
        assertEquals(1, count);
        long byId = db.inWorkspace(workspaceB, em -> em.createQuery("select count(s) from Store s where s.id = :id", Long.class)
                .setParameter("id", storeOfA).getSingleResult());
        assertEquals(0, byId);
    }

    @Test
    void anotherWorkspaceCannotChangeOrDeleteIt() {
        int updated = db.inWorkspace(workspaceB, em -> em.createQuery("update Store s set s.storeCode = 'STOLEN' where s.id = :id")
                .setParameter("id", storeOfA).executeUpdate());
        int deleted = db.inWorkspace(workspaceB, em -> em.createQuery("delete from District d where d.id = :id")
                .setParameter("id", districtOfA).executeUpdate());
        assertEquals(0, updated);
        assertEquals(0, deleted);
        assertEquals("A-01", db.inWorkspace(workspaceA, em -> em.find(Store.class, storeOfA)).storeCode());
    }

    @Test
    void aPersistenceContextWithoutWorkspaceTouchesNothingTenantOwned() {
        assertThrows(RuntimeException.class,
                () -> db.withoutWorkspace(em -> em.createNamedQuery("Store.findAll", Store.class).getResultList()));
    }

    @Test
    void theDatabaseRefusesAStoreInOneWorkspaceUnderAnotherWorkspacesDistrict() throws SQLException {
        try (Connection connection = db.mariaDb().rootConnection("signalops_tenancy"); Statement statement = connection.createStatement()) {
            assertThrows(SQLIntegrityConstraintViolationException.class, () -> statement.executeUpdate(
                    "INSERT INTO store (workspace_id, district_id, store_code, shop_domain, currency, timezone, created_at) "
                            + "VALUES (" + workspaceA + ", " + districtOfB + ", 'X-1', 'x-one.myshopify.com', 'USD', 'UTC', NOW())"));
        }
    }

    @Test
    void aMembershipCannotTakeAnotherWorkspacesRole() throws SQLException {
        long user = db.withoutWorkspace(em -> persist(em, new UserAccount("cross@example.com", "Cross Tenant", NOW)).id());
        assertNull(db.inWorkspace(workspaceA, em -> em.find(Role.class, roleOfB)), "B's role is invisible from A");
        // a reference forged from B's id does not resolve in A
        assertThrows(RuntimeException.class, () -> db.runInWorkspace(workspaceA, em -> {
            em.persist(Membership.ofWorkspace(em.find(UserAccount.class, user), em.getReference(Role.class, roleOfB), NOW));
            em.flush();
        }));
        // and the database itself refuses the link
        try (Connection connection = db.mariaDb().rootConnection("signalops_tenancy"); Statement statement = connection.createStatement()) {
            assertThrows(SQLIntegrityConstraintViolationException.class, () -> statement.executeUpdate(
                    "INSERT INTO membership (workspace_id, user_id, role_id, scope_type, created_at) "
                            + "VALUES (" + workspaceA + ", " + user + ", " + roleOfB + ", 'WORKSPACE', NOW())"));
        }
    }

    private static <T> T persist(EntityManager em, T entity) {
        em.persist(entity);
        em.flush();
        return entity;
    }
}
