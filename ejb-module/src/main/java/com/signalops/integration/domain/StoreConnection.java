package com.signalops.integration.domain;

import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A store's connection to its Shopify shop: the scopes Shopify granted and the access token, held
 * only as the vault sealed it. While connected it holds exactly one sealed token; a disconnect
 * destroys it (the columns become NULL) and records the request to delete the store's data within
 * {@link #DELETION_DELAY}. A store has at most one connected connection at a time.
 */
@Entity
@Table(name = "store_connection")
@NamedQuery(name = "StoreConnection.findLiveByStore",
        query = "select c from StoreConnection c where c.storeId = :storeId and c.status = com.signalops.integration.domain.ConnectionStatus.CONNECTED")
@NamedQuery(name = "StoreConnection.findByStore", query = "select c from StoreConnection c where c.storeId = :storeId order by c.id")
public class StoreConnection extends TenantOwned {

    /** The vault purpose of a store's access token: part of its associated data. */
    public static final String TOKEN_PURPOSE = "shopify-access-token";
    /** How long after a disconnect the store's data must be gone. */
    public static final Duration DELETION_DELAY = Duration.ofHours(48);
    public static final int SCOPES_LENGTH = 1000;
    /** One Shopify access scope, e.g. {@code read_orders}. */
    private static final Pattern SCOPE = Pattern.compile("[a-z][a-z_]{0,99}");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "store_id", nullable = false, updatable = false)
    private Long storeId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private ConnectionStatus status;

    @Column(name = "granted_scopes", nullable = false, length = SCOPES_LENGTH)
    private String grantedScopes;

    @Column(name = "token_key_version")
    private Integer tokenKeyVersion;

    @Column(name = "token_nonce", length = CredentialVault.NONCE_BYTES)
    private byte[] tokenNonce;

    @Column(name = "token_ciphertext", length = 1040)
    private byte[] tokenCiphertext;

    @Column(name = "connected_at", nullable = false)
    private Instant connectedAt;

    @Column(name = "disconnected_at")
    private Instant disconnectedAt;

    @Column(name = "deletion_requested_at")
    private Instant deletionRequestedAt;

    @Column(name = "deletion_due_at")
    private Instant deletionDueAt;

    protected StoreConnection() {
    }

    /** A new live connection of store {@code storeId} holding {@code sealedToken}. */
    public StoreConnection(long storeId, SealedSecret sealedToken, Collection<String> scopes, Instant now) {
        this.storeId = storeId;
        this.status = ConnectionStatus.CONNECTED;
        connect(sealedToken, scopes, now);
    }

    /** The context a store's token is sealed for. */
    public static SecretContext tokenContext(long workspaceId, long storeId) {
        return new SecretContext(TOKEN_PURPOSE, workspaceId, storeId);
    }

    /**
     * Takes the token and scopes of a (new or renewed) grant; a live connection's previous token
     * is replaced.
     *
     * @throws IllegalStateException when the connection has ended: a new connection is made instead
     */
    public void connect(SealedSecret sealedToken, Collection<String> scopes, Instant now) {
        if (status != ConnectionStatus.CONNECTED) {
            throw new IllegalStateException("A disconnected store connection is not reconnected; a new one is made");
        }
        this.grantedScopes = normaliseScopes(scopes);
        holdToken(Objects.requireNonNull(sealedToken, "sealedToken"));
        this.connectedAt = Objects.requireNonNull(now);
    }

    /**
     * Ends the connection: the token is destroyed and the deletion of the store's data is
     * requested, due {@link #DELETION_DELAY} after {@code now}.
     *
     * @throws IllegalStateException when it has ended already
     */
    public void disconnect(Instant now) {
        if (status != ConnectionStatus.CONNECTED) {
            throw new IllegalStateException("The store connection has ended already");
        }
        this.status = ConnectionStatus.DISCONNECTED;
        destroyToken();
        this.disconnectedAt = now;
        this.deletionRequestedAt = now;
        this.deletionDueAt = now.plus(DELETION_DELAY);
    }

    /** Replaces the token with the same token sealed again (under a newer key). */
    public void reseal(SealedSecret resealed) {
        if (status != ConnectionStatus.CONNECTED) {
            throw new IllegalStateException("An ended store connection holds no token");
        }
        holdToken(resealed);
    }

    private void holdToken(SealedSecret sealed) {
        this.tokenKeyVersion = sealed.keyVersion();
        this.tokenNonce = sealed.nonce();
        this.tokenCiphertext = sealed.ciphertext();
    }

    private void destroyToken() {
        if (tokenCiphertext != null) {
            Arrays.fill(tokenCiphertext, (byte) 0);
        }
        this.tokenKeyVersion = null;
        this.tokenNonce = null;
        this.tokenCiphertext = null;
    }

    /** Shopify scopes trimmed, lower-cased, deduplicated and sorted, comma-separated. */
    static String normaliseScopes(Collection<String> scopes) {
        TreeSet<String> normalised = new TreeSet<>();
        for (String scope : scopes == null ? List.<String>of() : scopes) {
            String value = scope == null ? "" : scope.trim().toLowerCase(java.util.Locale.ROOT);
            if (!SCOPE.matcher(value).matches()) {
                throw new IllegalArgumentException("Not a Shopify access scope: letters and '_' only");
            }
            normalised.add(value);
        }
        if (normalised.isEmpty()) {
            throw new IllegalArgumentException("A connection has at least one granted scope");
        }
        String joined = String.join(",", normalised);
        if (joined.length() > SCOPES_LENGTH) {
            throw new IllegalArgumentException("The granted scopes exceed " + SCOPES_LENGTH + " characters");
        }
        return joined;
    }

    /** The sealed token, while connected. */
    public Optional<SealedSecret> sealedToken() {
        return tokenCiphertext == null ? Optional.empty() : Optional.of(new SealedSecret(tokenKeyVersion, tokenNonce, tokenCiphertext));
    }

    public boolean isConnected() {
        return status == ConnectionStatus.CONNECTED;
    }

    public Long id() {
        return id;
    }

    public long storeId() {
        return storeId;
    }

    public ConnectionStatus status() {
        return status;
    }

    public List<String> grantedScopes() {
        return List.of(grantedScopes.split(","));
    }

    /** The key version of the sealed token, while connected. */
    public Optional<Integer> tokenKeyVersion() {
        return Optional.ofNullable(tokenKeyVersion);
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    public Optional<Instant> disconnectedAt() {
        return Optional.ofNullable(disconnectedAt);
    }

    public Optional<Instant> deletionRequestedAt() {
        return Optional.ofNullable(deletionRequestedAt);
    }

    public Optional<Instant> deletionDueAt() {
        return Optional.ofNullable(deletionDueAt);
    }
}
