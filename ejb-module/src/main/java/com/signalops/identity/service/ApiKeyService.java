package com.signalops.identity.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.ApiCredential;
import com.signalops.identity.domain.ApiKey;
import com.signalops.identity.domain.ApiKeySecret;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.ScopeType;
import com.signalops.identity.domain.SignedIn;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.TenantOwned;
import com.signalops.tenancy.service.CrossTenantAccess;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Workspace API keys: created by a signed-in user with a subset of their active role's
 * permissions and within their scope, shown once, rotated with a grace period, revoked; and the
 * exchange of a presented key for what it proves. Every change is audited and raised as a
 * security event.
 */
@Stateless
public class ApiKeyService {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    private Clock clock = Clock.systemUTC();

    /** A key just created or rotated, with its text: the only moment the secret exists outside the holder. */
    public record IssuedKey(long keyId, String text) {
        @Override
        public String toString() {
            return "IssuedKey[" + keyId + "]";
        }
    }

    public List<ApiKey> list(long workspaceId) {
        tenant(workspaceId);
        return em.createNamedQuery("ApiKey.findAll", ApiKey.class).getResultList();
    }

    /**
     * Creates a key in the workspace. It may carry only permissions of {@code creator} and reach
     * only what {@code creator} reaches: a creator scoped to a district or a store gives keys of
     * that same scope.
     */
    public IssuedKey create(long workspaceId, long creatorId, SignedIn.Grant creator, String name, Set<Permission> permissions,
            Duration lifetime) {
        Instant now = clock.instant();
        tenant(workspaceId);
        if (!creator.permissions().containsAll(permissions)) {
            audit.recordAlone(AuditEntry.of(AuditAction.API_KEY_CREATE, AuditOutcome.DENIED).in(workspaceId).by(ActorType.USER, creatorId)
                    .via(AuditSource.UI).build());
            throw new BusinessException("api-key.too-powerful", "A key cannot hold permissions your active role does not have");
        }
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key;
        try {
            key = new ApiKey(name, secret, permissions, creator.scope(), creator.districtId(), creator.storeId(), creatorId, now,
                    now.plus(lifetime));
        } catch (IllegalArgumentException e) {
            throw new BusinessException("api-key.invalid", e.getMessage());
        }
        em.persist(key);
        em.flush();
        audit.record(AuditEntry.of(AuditAction.API_KEY_CREATE, AuditOutcome.SUCCESS).in(workspaceId).by(ActorType.USER, creatorId)
                .via(AuditSource.UI).on(key.id()).after(snapshot(key)).build());
        audit.securityEvent(workspaceId, "api-key.created", Severity.MEDIUM, "key " + key.id() + " permissions " + keys(permissions));
        return new IssuedKey(key.id(), secret.text());
    }

    /** Gives the key a new secret; the old one keeps working for {@code grace}. */
    public IssuedKey rotate(long workspaceId, long actorId, long keyId, Duration grace) {
        Instant now = clock.instant();
        ApiKey key = find(workspaceId, keyId);
        ApiKeySecret next = ApiKeySecret.next(key.prefix());
        Map<String, Object> before = snapshot(key);
        try {
            key.rotate(next, grace, now);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BusinessException("api-key.not-rotated", e.getMessage());
        }
        audit.record(AuditEntry.of(AuditAction.API_KEY_ROTATE, AuditOutcome.SUCCESS).in(workspaceId).by(ActorType.USER, actorId)
                .via(AuditSource.UI).on(keyId).before(before).after(snapshot(key)).build());
        audit.securityEvent(workspaceId, "api-key.rotated", Severity.MEDIUM, "key " + keyId + " grace " + grace);
        return new IssuedKey(keyId, next.text());
    }

    /** Revokes the key at once: tokens obtained with it stop working too. */
    public void revoke(long workspaceId, long actorId, long keyId) {
        ApiKey key = find(workspaceId, keyId);
        Map<String, Object> before = snapshot(key);
        key.revoke(clock.instant());
        audit.record(AuditEntry.of(AuditAction.API_KEY_REVOKE, AuditOutcome.SUCCESS).in(workspaceId).by(ActorType.USER, actorId)
                .via(AuditSource.UI).on(keyId).before(before).after(snapshot(key)).build());
        audit.securityEvent(workspaceId, "api-key.revoked", Severity.MEDIUM, "key " + keyId);
    }

    /**
     * What a presented key proves, if it opens a usable key. Unknown, malformed, wrong, revoked
     * and expired keys answer alike.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<ApiCredential> authenticate(String presented, String clientAddress) {
        Instant now = clock.instant();
        Optional<ApiKeySecret> parsed = ApiKeySecret.parse(presented);
        Long workspaceId = parsed.flatMap(this::workspaceOf).orElse(null);
        ApiKey key = null;
        if (workspaceId != null) {
            tenant(workspaceId);
            key = em.createNamedQuery("ApiKey.findByPrefix", ApiKey.class).setParameter("prefix", parsed.get().prefix())
                    .getResultStream().findFirst().orElse(null);
        }
        if (key == null || !key.opensWith(parsed.get().secret(), now)) {
            String keyRef = key == null ? null : key.id().toString();
            audit.record(AuditEntry.of(AuditAction.API_KEY_EXCHANGE, AuditOutcome.FAILED).in(workspaceId).by(ActorType.API_KEY, keyRef)
                    .via(AuditSource.API).on(keyRef).from(clientAddress).build());
            audit.securityEvent(workspaceId, "api-key.exchange-failed", Severity.LOW,
                    key == null ? "unknown or malformed key" : "key " + key.id() + " refused");
            return Optional.empty();
        }
        key.usedAt(now);
        audit.record(AuditEntry.of(AuditAction.API_KEY_EXCHANGE, AuditOutcome.SUCCESS).in(workspaceId).by(ActorType.API_KEY, key.id())
                .via(AuditSource.API).on(key.id()).from(clientAddress).build());
        return Optional.of(ApiCredential.of(workspaceId, key));
    }

    /** A key as the audit trail keeps it: never its secret or digest, only what the keys page shows. */
    private static Map<String, Object> snapshot(ApiKey key) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", key.id());
        values.put("keyName", key.name());
        values.put("prefix", key.prefix());
        values.put("permissions", keys(key.permissions()));
        values.put("scope", key.scope().name());
        values.put("districtId", key.districtId());
        values.put("storeId", key.storeId());
        values.put("expiresAt", text(key.expiresAt()));
        values.put("rotatedAt", text(key.rotatedAt()));
        values.put("previousValidUntil", text(key.previousValidUntil()));
        values.put("revokedAt", text(key.revokedAt()));
        return values;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /** Whether key {@code keyId} of the workspace is still usable (not revoked, not expired). */
    public boolean isUsable(long workspaceId, long keyId) {
        tenant(workspaceId);
        ApiKey key = em.find(ApiKey.class, keyId);
        return key != null && key.isUsable(clock.instant());
    }

    private ApiKey find(long workspaceId, long keyId) {
        tenant(workspaceId);
        ApiKey key = em.find(ApiKey.class, keyId);
        if (key == null) {
            CrossTenantAccess.reportIfElsewhere(em, audit, CrossTenantAccess.Table.API_KEY, keyId, workspaceId);
            throw new NotFoundException("api-key");
        }
        return key;
    }

    private Optional<Long> workspaceOf(ApiKeySecret secret) {
        // which workspace a key belongs to is asked across workspaces, like sign-in (docs/decisions/0006)
        List<?> rows = em.createNativeQuery("SELECT workspace_id FROM api_key WHERE prefix = ?").setParameter(1, secret.prefix())
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(((Number) rows.get(0)).longValue());
    }

    private void tenant(long workspaceId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
    }

    private static String keys(Set<Permission> permissions) {
        return permissions.stream().map(Permission::key).sorted().toList().toString();
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }
}
