package com.signalops.integration.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.integration.domain.ConnectionActor;
import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.domain.VaultTestKeys;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.testing.AuditRows;
import com.signalops.testing.JpaTestDatabase;
import com.signalops.testing.WorkspaceBuilder;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Store connections against a real MariaDB: the token is stored only sealed and opens for the
 * store it belongs to; a disconnect destroys it in the database and records a deletion deadline
 * 48 hours on; the audit records of both never hold the token or its ciphertext.
 */
class StoreConnectionServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final long ACTOR = 4242;
    private static final List<String> SCOPES = List.of("read_products", "read_orders");

    private static JpaTestDatabase db;
    private static WorkspaceBuilder alpha;
    private static WorkspaceBuilder beta;
    private static CredentialVault vault;

    @BeforeAll
    static void start() throws SQLException {
        db = JpaTestDatabase.start("signalops_store_connection");
        alpha = WorkspaceBuilder.workspace(db, "Alpha Outfitters");
        beta = WorkspaceBuilder.workspace(db, "Beta Goods");
        vault = CredentialVault.of(VaultTestKeys.entry(1));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void storesTheTokenOnlySealedAndOpensItForItsStore() {
        long store = alpha.store("C-01", null);
        String token = uniqueToken();

        long id = service(s -> s.connect(alpha.id(), store, token, SCOPES, ConnectionActor.user(ACTOR)));

        assertEquals(token, service(s -> s.accessToken(alpha.id(), store)));
        Object[] row = row(id);
        assertEquals("CONNECTED", row[0]);
        assertEquals("read_orders,read_products", row[1]);
        assertEquals(1, ((Number) row[2]).intValue());
        assertEquals(12, ((byte[]) row[3]).length);
        assertFalse(new String((byte[]) row[4], java.nio.charset.StandardCharsets.ISO_8859_1).contains(token));
        // another workspace does not see the store or its token
        assertThrows(NotFoundException.class, () -> service(s -> s.accessToken(beta.id(), store)));
        assertThrows(NotFoundException.class, () -> service(s -> s.connect(beta.id(), store, token, SCOPES, ConnectionActor.user(ACTOR))));
    }

    @Test
    void disconnectDestroysTheTokenInTheDatabaseAndSetsTheDeletionDeadline48HoursOn() {
        long store = alpha.store("C-02", null);
        long id = service(s -> s.connect(alpha.id(), store, uniqueToken(), SCOPES, ConnectionActor.user(ACTOR)));

        Instant due = service(s -> s.disconnect(alpha.id(), store, ConnectionActor.shopifyWebhook("c-02.myshopify.com")));

        assertEquals(NOW.plusSeconds(48 * 3600), due);
        Object[] row = row(id);
        assertEquals("DISCONNECTED", row[0]);
        assertNull(row[2], "key version destroyed");
        assertNull(row[3], "nonce destroyed");
        assertNull(row[4], "ciphertext destroyed");
        assertEquals("2026-11-25 12:00:00.0", row[5].toString(), "disconnected_at");
        assertEquals("2026-11-25 12:00:00.0", row[6].toString(), "deletion_requested_at");
        assertEquals("2026-11-27 12:00:00.0", row[7].toString(), "deletion_due_at");
        assertThrows(NotFoundException.class, () -> service(s -> s.accessToken(alpha.id(), store)));
        assertThrows(NotFoundException.class,
                () -> service(s -> s.disconnect(alpha.id(), store, ConnectionActor.user(ACTOR))));
        // a new connection of the same store is a new row; the ended one keeps its deletion request
        long again = service(s -> s.connect(alpha.id(), store, uniqueToken(), SCOPES, ConnectionActor.user(ACTOR)));
        assertTrue(again != id);
        assertEquals("DISCONNECTED", row(id)[0]);
    }

    @Test
    void aRenewedGrantReplacesTheTokenOfTheLiveConnection() {
        long store = alpha.store("C-03", null);
        long first = service(s -> s.connect(alpha.id(), store, uniqueToken(), SCOPES, ConnectionActor.user(ACTOR)));
        String renewed = uniqueToken();

        long second = service(s -> s.connect(alpha.id(), store, renewed, List.of("read_orders"), ConnectionActor.user(ACTOR)));

        assertEquals(first, second);
        assertEquals(renewed, service(s -> s.accessToken(alpha.id(), store)));
        assertEquals("read_orders", row(first)[1]);
    }

    @Test
    void theDatabaseHoldsAtMostOneLiveConnectionPerStore() {
        long store = alpha.store("C-04", null);
        service(s -> s.connect(alpha.id(), store, uniqueToken(), SCOPES, ConnectionActor.user(ACTOR)));

        assertThrows(RuntimeException.class, () -> db.runInWorkspace(alpha.id(), em -> em.createNativeQuery(
                "INSERT INTO store_connection (workspace_id, store_id, status, granted_scopes, token_key_version, token_nonce, "
                        + "token_ciphertext, connected_at) VALUES (?, ?, 'CONNECTED', 'read_orders', 1, x'000000000000000000000000', "
                        + "x'00', UTC_TIMESTAMP(3))").setParameter(1, alpha.id()).setParameter(2, store).executeUpdate()));
    }

    @Test
    void refusesAnEmptyTokenOrNoScopes() {
        long store = alpha.store("C-05", null);

        assertThrows(BusinessException.class, () -> service(s -> s.connect(alpha.id(), store, " ", SCOPES, ConnectionActor.user(ACTOR))));
        assertThrows(BusinessException.class,
                () -> service(s -> s.connect(alpha.id(), store, uniqueToken(), List.of(), ConnectionActor.user(ACTOR))));
        assertThrows(BusinessException.class,
                () -> service(s -> s.connect(alpha.id(), store, uniqueToken(), List.of("read orders; drop"), ConnectionActor.user(ACTOR))));
    }

    @Test
    void auditRecordsOfConnectAndDisconnectHoldNoTokenNorCiphertext() {
        WorkspaceBuilder gamma = WorkspaceBuilder.workspace(db, "Gamma Audit");
        long store = gamma.store("A-01", null);
        String token = uniqueToken();
        long id = service(s -> s.connect(gamma.id(), store, token, SCOPES, ConnectionActor.user(ACTOR)));
        byte[] ciphertext = (byte[]) row(id)[4];
        byte[] nonce = (byte[]) row(id)[3];
        service(s -> s.disconnect(gamma.id(), store, ConnectionActor.shopifyWebhook("a-01.myshopify.com")));

        assertEquals(List.of("store.connect store_connection:" + id + " SUCCESS by " + ACTOR,
                "store.disconnect store_connection:" + id + " SUCCESS by a-01.myshopify.com"), AuditRows.records(db, gamma.id()));
        List<String> everyColumn = everyAuditColumn(gamma.id());
        String joined = String.join("\n", everyColumn);
        assertTrue(joined.contains("\"sealedWithKeyVersion\":1"), joined);
        assertTrue(joined.contains("\"deletionDueAt\":\"2026-11-27T12:00:00Z\""), joined);
        for (String forbidden : List.of(token, token.substring(6, 20), Base64.getEncoder().encodeToString(ciphertext),
                Base64.getEncoder().encodeToString(nonce), hex(ciphertext), hex(nonce))) {
            assertFalse(joined.contains(forbidden), "an audit column holds the token or its sealed form");
        }
    }

    /** Every column of the workspace's audit records, as text. */
    private static List<String> everyAuditColumn(long workspaceId) {
        return db.withoutWorkspace(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT * FROM audit_record WHERE workspace_id = ?").setParameter(1, workspaceId)
                    .getResultList();
            return rows.stream().flatMap(java.util.Arrays::stream).map(value -> value instanceof byte[] bytes
                    ? hex(bytes) : String.valueOf(value)).toList();
        });
    }

    /** status, granted_scopes, token_key_version, token_nonce, token_ciphertext, disconnected_at, deletion_requested_at, deletion_due_at */
    private static Object[] row(long id) {
        return db.withoutWorkspace(em -> (Object[]) em.createNativeQuery("SELECT status, granted_scopes, token_key_version, token_nonce, "
                + "token_ciphertext, disconnected_at, deletion_requested_at, deletion_due_at FROM store_connection WHERE id = ?")
                .setParameter(1, id).getSingleResult());
    }

    private static <T> T service(Function<StoreConnectionService, T> call) {
        return db.call(() -> {
            StoreConnectionService service = new StoreConnectionService();
            service.useClock(Clock.fixed(NOW, ZoneOffset.UTC));
            service.useKeyring(new VaultKeyring(vault));
            return service;
        }, call);
    }

    private static String uniqueToken() {
        return "shpat_" + java.util.HexFormat.of().formatHex(Base64.getDecoder().decode(VaultTestKeys.randomKey(16)));
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
