package com.signalops.privacy.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.shared.BusinessException;
import com.signalops.testing.JpaTestDatabase;
import com.signalops.testing.WorkspaceBuilder;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A user's erasure of their own account requested against a real MariaDB: confirmed by their email, once, audited. */
class AccountErasureTest {

    private static JpaTestDatabase db;

    @BeforeAll
    static void start() throws SQLException {
        db = JpaTestDatabase.start("signalops_account_erasure");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void anErasureNeedsTheAccountsEmailTypedAndIsRequestedOnceAndAudited() {
        long user = WorkspaceBuilder.account(db, "leaving.user@example.test");

        assertEquals("account-erasure.confirmation", assertThrows(BusinessException.class,
                () -> db.call(AccountErasure::new, e -> e.request(user, "someone.else@example.test"))).code());

        long request = db.call(AccountErasure::new, e -> e.request(user, "  Leaving.User@example.test "));
        assertEquals(request, db.call(AccountErasure::new, e -> e.open(user)).orElseThrow());
        assertEquals("account-erasure.already-requested", assertThrows(BusinessException.class,
                () -> db.call(AccountErasure::new, e -> e.request(user, "leaving.user@example.test"))).code());

        List<?> stored = db.withoutWorkspace(em -> em.createNativeQuery("SELECT CONCAT_WS('|', kind, user_id, origin, requested_by, status, "
                + "TIMESTAMPDIFF(DAY, received_at, due_at), workspace_id IS NULL) FROM deletion_request WHERE id = ?").setParameter(1, request)
                .getResultList());
        assertEquals(List.of("USER|" + user + "|CONSOLE|" + user + "|PENDING|30|1"), stored);
        List<?> audited = db.withoutWorkspace(em -> em.createNativeQuery("SELECT CONCAT_WS('|', action, actor_type, actor_id, entity_id) "
                + "FROM audit_record WHERE workspace_id IS NULL AND action = 'deletion-request.open'").getResultList());
        assertTrue(audited.contains("deletion-request.open|USER|" + user + "|" + request), audited.toString());
    }
}
