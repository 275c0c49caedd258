package com.signalops.identity.domain;

import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** An invitation to join a workspace with a role, through a single-use link that expires. */
@Entity
@Table(name = "invitation")
@NamedQuery(name = "Invitation.findByToken", query = "select i from Invitation i where i.tokenDigest = :digest")
@NamedQuery(name = "Invitation.countByRole", query = "select count(i) from Invitation i where i.role = :role")
public class Invitation extends TenantOwned {

    /** How long a link stays valid. */
    public static final Duration VALIDITY = Duration.ofHours(72);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "email", nullable = false, length = UserAccount.EMAIL_LENGTH)
    private String email;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "role_id")
    private Role role;

    @Column(name = "scope_type", nullable = false, length = 20)
    private String scopeType = ScopeType.WORKSPACE.name();

    @Column(name = "district_id")
    private Long districtId;

    @Column(name = "store_id")
    private Long storeId;

    @Column(name = "token_digest", nullable = false, length = 64)
    private String tokenDigest;

    @Column(name = "invited_by", nullable = false)
    private Long invitedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    protected Invitation() {
    }

    public Invitation(String email, Role role, String tokenDigest, long invitedBy, Instant now) {
        this.email = UserAccount.normaliseEmail(email);
        this.role = Objects.requireNonNull(role);
        this.tokenDigest = Objects.requireNonNull(tokenDigest);
        this.invitedBy = invitedBy;
        this.createdAt = Objects.requireNonNull(now);
        this.expiresAt = now.plus(VALIDITY);
    }

    /** Limits the membership this invitation gives to the scope of {@code inviter} (its district or store, or the workspace). */
    public void limitTo(SignedIn.Grant inviter) {
        this.scopeType = inviter.scope().name();
        this.districtId = inviter.scope() == ScopeType.DISTRICT ? inviter.districtId() : null;
        this.storeId = inviter.scope() == ScopeType.STORE ? inviter.storeId() : null;
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

    /** Whether the link can still be used at {@code now}: not used before and not expired. */
    public boolean isOpen(Instant now) {
        return acceptedAt == null && now.isBefore(expiresAt);
    }

    /** Uses the link; it cannot be used again. */
    public void accept(Instant now) {
        if (!isOpen(now)) {
            throw new IllegalStateException("The invitation is used or expired");
        }
        this.acceptedAt = now;
    }

    public Long id() {
        return id;
    }

    public String email() {
        return email;
    }

    public Role role() {
        return role;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
