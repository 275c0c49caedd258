package com.signalops.identity.domain;

import com.signalops.shared.Digests;
import com.signalops.shared.Names;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A workspace API key: a name, a subset of permissions, a scope and an expiry. Its secret is
 * shown once and kept only as a digest; a rotation keeps the previous secret valid for a grace
 * period; a revoked or expired key opens nothing.
 */
@Entity
@Table(name = "api_key")
@NamedQuery(name = "ApiKey.findAll", query = "select k from ApiKey k order by k.createdAt desc")
@NamedQuery(name = "ApiKey.findByPrefix", query = "select k from ApiKey k where k.prefix = :prefix")
public class ApiKey extends TenantOwned {

    public static final int NAME_LENGTH = 120;
    /** The longest a key may live. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(365);
    /** The longest the previous secret stays valid after a rotation. */
    public static final Duration MAX_GRACE = Duration.ofDays(7);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(name = "prefix", nullable = false, length = 12)
    private String prefix;

    @Column(name = "secret_digest", nullable = false, length = 64)
    private String secretDigest;

    @Column(name = "previous_secret_digest", length = 64)
    private String previousSecretDigest;

    @Column(name = "previous_valid_until")
    private Instant previousValidUntil;

    @Column(name = "scope_type", nullable = false, length = 20)
    private String scopeType;

    @Column(name = "district_id")
    private Long districtId;

    @Column(name = "store_id")
    private Long storeId;

    @Column(name = "created_by", nullable = false)
    private Long createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "rotated_at")
    private Instant rotatedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "api_key_permission", joinColumns = @JoinColumn(name = "api_key_id"))
    @Column(name = "permission", nullable = false, length = 60)
    private Set<String> permissions = new HashSet<>();

    protected ApiKey() {
    }

    /**
     * A new key with the secret of {@code secret}; {@code scope} with {@code districtId} or
     * {@code storeId} as a membership has them.
     */
    public ApiKey(String name, ApiKeySecret secret, Set<Permission> permissions, ScopeType scope, Long districtId, Long storeId,
            long createdBy, Instant now, Instant expiresAt) {
        this.name = Names.require(name, NAME_LENGTH, "key name");
        if (permissions == null || permissions.isEmpty()) {
            throw new IllegalArgumentException("A key needs at least one permission");
        }
        if (expiresAt == null || !expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            throw new IllegalArgumentException("A key expires within " + MAX_LIFETIME.toDays() + " days");
        }
        boolean scopeFits = switch (Objects.requireNonNull(scope)) {
            case WORKSPACE -> districtId == null && storeId == null;
            case DISTRICT -> districtId != null && storeId == null;
            case STORE -> storeId != null && districtId == null;
        };
        if (!scopeFits) {
            throw new IllegalArgumentException("The scope does not match its district or store");
        }
        this.prefix = secret.prefix();
        this.secretDigest = secret.digest();
        this.permissions = permissions.stream().map(Permission::key).collect(Collectors.toCollection(HashSet::new));
        this.scopeType = scope.name();
        this.districtId = districtId;
        this.storeId = storeId;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    /** Whether {@code presented} (the secret part of a key) opens this key at {@code now}. */
    public boolean opensWith(String presented, Instant now) {
        if (!isUsable(now) || presented == null) {
            return false;
        }
        byte[] digest = Digests.sha256(presented).getBytes(StandardCharsets.US_ASCII);
        boolean current = MessageDigest.isEqual(digest, secretDigest.getBytes(StandardCharsets.US_ASCII));
        boolean previous = previousSecretDigest != null && now.isBefore(previousValidUntil)
                && MessageDigest.isEqual(digest, previousSecretDigest.getBytes(StandardCharsets.US_ASCII));
        return current | previous;
    }

    /** Whether the key is neither revoked nor expired at {@code now}. */
    public boolean isUsable(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    /**
     * Gives the key the secret of {@code next}; the current secret stays valid for
     * {@code grace} (zero ends it at once).
     */
    public void rotate(ApiKeySecret next, Duration grace, Instant now) {
        if (!isUsable(now)) {
            throw new IllegalStateException("A revoked or expired key is not rotated");
        }
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("The grace period is 0 to " + MAX_GRACE.toDays() + " days");
        }
        if (!next.prefix().equals(prefix)) {
            throw new IllegalArgumentException("A rotated secret keeps the key's prefix");
        }
        this.previousSecretDigest = secretDigest;
        this.previousValidUntil = now.plus(grace);
        this.secretDigest = next.digest();
        this.rotatedAt = now;
    }

    /** Revokes the key; nothing it opened stays open. */
    public void revoke(Instant now) {
        if (revokedAt == null) {
            this.revokedAt = now;
        }
    }

    public void usedAt(Instant now) {
        this.lastUsedAt = now;
    }

    public Set<Permission> permissions() {
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        for (String key : permissions) {
            Permission.fromKey(key).ifPresent(result::add);
        }
        return result;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String prefix() {
        return prefix;
    }

    public ScopeType scope() {
        return ScopeType.valueOf(scopeType);
    }

    public Long districtId() {
        return districtId;
    }

    public Long storeId() {
        return storeId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant rotatedAt() {
        return rotatedAt;
    }

    public Instant previousValidUntil() {
        return previousValidUntil;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }
}
