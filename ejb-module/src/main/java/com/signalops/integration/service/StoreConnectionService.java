package com.signalops.integration.service;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.AuditTrail;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.integration.domain.SecretNotOpened;
import com.signalops.integration.domain.StoreConnection;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A store's connection to its Shopify shop. The access token goes from the caller straight into the
 * credentials vault and is stored only sealed; {@link #accessToken} opens it for a call to
 * Shopify. A disconnect destroys the token and requests the deletion of the store's data within 48
 * hours. Connect and disconnect are audited; the audit snapshots show the scopes, the state and
 * the key version, never the token. Nothing here logs.
 */
@Stateless
public class StoreConnectionService {

    /** The security event of a Shopify authorization answer that failed a check. */
    public static final String OAUTH_REFUSED = "shopify.oauth-refused";

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Inject
    private VaultKeyring keyring;

    private Clock clock = Clock.systemUTC();

    /**
     * Connects store {@code storeId} with {@code accessToken} and the {@code scopes} Shopify
     * granted; a store already connected takes the new token and scopes in place of the old.
     * Answers the connection's id.
     */
    public long connect(long workspaceId, long storeId, String accessToken, Collection<String> scopes, ConnectionActor actor) {
        Instant now = clock.instant();
        tenant(workspaceId);
        if (em.find(Store.class, storeId) == null) {
            throw new NotFoundException("store");
        }
        if (accessToken == null || accessToken.isBlank()) {
            throw new BusinessException("store-connection.invalid", "A connection needs the access token Shopify issued");
        }
        var sealed = keyring.vault().seal(accessToken, StoreConnection.tokenContext(workspaceId, storeId));
        Optional<StoreConnection> live = live(storeId);
        Map<String, Object> before = live.map(StoreConnectionService::snapshot).orElse(null);
        StoreConnection connection;
        try {
            if (live.isPresent()) {
                connection = live.get();
                connection.connect(sealed, scopes, now);
            } else {
                connection = new StoreConnection(storeId, sealed, scopes, now);
                em.persist(connection);
            }
        } catch (IllegalArgumentException e) {
            throw new BusinessException("store-connection.invalid", e.getMessage());
        }
        em.flush();
        audit.record(entry(AuditAction.STORE_CONNECT, workspaceId, actor, connection).before(before).after(snapshot(connection)).build());
        return connection.id();
    }

    /**
     * The access token of store {@code storeId}, for a call to Shopify; never to be logged, shown
     * or stored elsewhere.
     *
     * @throws NotFoundException when the store has no live connection
     */
    public String accessToken(long workspaceId, long storeId) {
        tenant(workspaceId);
        StoreConnection connection = live(storeId).orElseThrow(() -> new NotFoundException("store-connection"));
        try {
            return keyring.vault().open(connection.sealedToken().orElseThrow(), StoreConnection.tokenContext(workspaceId, storeId));
        } catch (SecretNotOpened e) {
            throw new BusinessException("store-connection.token-unreadable", e.getMessage());
        }
    }

    /** The live connection of store {@code storeId}, if it has one. */
    public Optional<StoreConnection> liveConnection(long workspaceId, long storeId) {
        tenant(workspaceId);
        return live(storeId);
    }

    /**
     * Disconnects store {@code storeId}: the token is destroyed at once and the deletion of the
     * store's data is requested. Answers when that deletion is due.
     *
     * @throws NotFoundException when the store has no live connection
     */
    public Instant disconnect(long workspaceId, long storeId, ConnectionActor actor) {
        Instant now = clock.instant();
        tenant(workspaceId);
        StoreConnection connection = live(storeId).orElseThrow(() -> new NotFoundException("store-connection"));
        Map<String, Object> before = snapshot(connection);
        connection.disconnect(now);
        em.flush();
        audit.record(entry(AuditAction.STORE_DISCONNECT, workspaceId, actor, connection).before(before).after(snapshot(connection))
                .build());
        return connection.deletionDueAt().orElseThrow();
    }

    /**
     * Records that Shopify's answer to an authorization was refused and nothing connected: a
     * {@code store.connect} record DENIED on the store (when known) and a
     * {@value #OAUTH_REFUSED} security event. {@code reason} names the failed check and what the
     * caller claimed; never a code, token, state or hmac.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void refuseConnect(long workspaceId, Long storeId, ConnectionActor actor, String reason) {
        audit.recordAlone(AuditEntry.of(AuditAction.STORE_CONNECT, AuditOutcome.DENIED).in(workspaceId).by(actor.type(), actor.id())
                .via(actor.source()).on("store", storeId).after(Map.<String, Object>of("reason", reason)).build());
        audit.securityEvent(workspaceId, OAUTH_REFUSED, Severity.MEDIUM, "Shopify authorization refused: " + reason);
    }

    private Optional<StoreConnection> live(long storeId) {
        return em.createNamedQuery("StoreConnection.findLiveByStore", StoreConnection.class).setParameter("storeId", storeId)
                .getResultStream().findFirst();
    }

    private static AuditEntry.Builder entry(AuditAction action, long workspaceId, ConnectionActor actor, StoreConnection connection) {
        return AuditEntry.of(action, AuditOutcome.SUCCESS).in(workspaceId).by(actor.type(), actor.id()).via(actor.source())
                .on(connection.id());
    }

    /** A connection as the audit trail keeps it: state, scopes, dates and key version; never the token or its ciphertext. */
    static Map<String, Object> snapshot(StoreConnection connection) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", connection.id());
        values.put("storeId", connection.storeId());
        values.put("status", connection.status().name());
        values.put("scopes", String.join(",", connection.grantedScopes()));
        values.put("sealedWithKeyVersion", connection.tokenKeyVersion().orElse(null));
        values.put("connectedAt", connection.connectedAt().toString());
        values.put("disconnectedAt", connection.disconnectedAt().map(Instant::toString).orElse(null));
        values.put("deletionRequestedAt", connection.deletionRequestedAt().map(Instant::toString).orElse(null));
        values.put("deletionDueAt", connection.deletionDueAt().map(Instant::toString).orElse(null));
        return values;
    }

    private void tenant(long workspaceId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }

    void useKeyring(VaultKeyring keyring) {
        this.keyring = keyring;
    }
}
