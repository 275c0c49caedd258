package com.signalops.testing;

import com.signalops.identity.domain.BuiltInRole;
import com.signalops.identity.domain.Membership;
import com.signalops.identity.domain.PasswordHasher;
import com.signalops.identity.domain.Role;
import com.signalops.identity.domain.UserAccount;
import com.signalops.tenancy.domain.District;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.Workspace;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;

/** Builds a workspace with its built-in roles, districts, stores and members for service tests. */
public final class WorkspaceBuilder {

    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    /** The password of every account made with {@link #account(JpaTestDatabase, String)}. */
    public static final String PASSWORD = "long enough test passphrase";
    private static final String PASSWORD_HASH = new PasswordHasher().hash(PASSWORD.toCharArray());

    private final JpaTestDatabase db;
    private final long id;

    private WorkspaceBuilder(JpaTestDatabase db, long id) {
        this.db = db;
        this.id = id;
    }

    /** A new workspace {@code name} with the four built-in roles. */
    public static WorkspaceBuilder workspace(JpaTestDatabase db, String name) {
        long id = db.withoutWorkspace(em -> persist(em, new Workspace(name, NOW)).id());
        db.runInWorkspace(id, em -> List.of(BuiltInRole.values()).forEach(role -> em.persist(Role.builtIn(role))));
        return new WorkspaceBuilder(db, id);
    }

    /** An active account {@code email} whose password is {@link #PASSWORD}. */
    public static long account(JpaTestDatabase db, String email) {
        return db.withoutWorkspace(em -> {
            UserAccount user = new UserAccount(email, email.substring(0, email.indexOf('@')), NOW);
            user.setPassword(PASSWORD_HASH, NOW);
            return persist(em, user).id();
        });
    }

    public long id() {
        return id;
    }

    public long district(String name) {
        return db.inWorkspace(id, em -> persist(em, new District(name, NOW)).id());
    }

    /** A store {@code code} with a shop domain made from the code, in {@code districtId} or in none. */
    public long store(String code, Long districtId) {
        return db.inWorkspace(id, em -> {
            Store store = new Store(code, code.toLowerCase() + "-" + id + ".myshopify.com", Currency.getInstance("USD"),
                    ZoneId.of("America/New_York"), NOW);
            store.assignTo(districtId == null ? null : em.find(District.class, districtId));
            return persist(em, store).id();
        });
    }

    public long memberOverWorkspace(long userId, String roleCode) {
        return db.inWorkspace(id, em -> persist(em, Membership.ofWorkspace(user(em, userId), role(em, roleCode), NOW)).id());
    }

    public long memberOverDistrict(long userId, String roleCode, long districtId) {
        return db.inWorkspace(id, em -> persist(em,
                Membership.ofDistrict(user(em, userId), role(em, roleCode), em.find(District.class, districtId), NOW)).id());
    }

    public long memberOverStore(long userId, String roleCode, long storeId) {
        return db.inWorkspace(id, em -> persist(em,
                Membership.ofStore(user(em, userId), role(em, roleCode), em.find(Store.class, storeId), NOW)).id());
    }

    private static UserAccount user(EntityManager em, long userId) {
        return em.find(UserAccount.class, userId);
    }

    private static Role role(EntityManager em, String code) {
        return em.createNamedQuery("Role.findByCode", Role.class).setParameter("code", code).getSingleResult();
    }

    private static <T> T persist(EntityManager em, T entity) {
        em.persist(entity);
        em.flush();
        return entity;
    }
}
