package com.signalops.identity.domain;

import com.signalops.tenancy.domain.District;
import com.signalops.tenancy.domain.Store;
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
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's role in a workspace, over the whole workspace, one district or one store. A suspended
 * membership gives nothing at sign-in; the account and its memberships elsewhere are untouched.
 */
@Entity
@Table(name = "membership")
@NamedQuery(name = "Membership.findActiveByUser",
        query = "select m from Membership m where m.user = :user and m.suspendedAt is null order by m.id")
@NamedQuery(name = "Membership.findByUserId", query = "select m from Membership m where m.user.id = :userId order by m.id")
@NamedQuery(name = "Membership.findAll", query = "select m from Membership m order by m.user.displayName, m.user.id, m.id")
@NamedQuery(name = "Membership.countActiveOfUser",
        query = "select count(m) from Membership m where m.user.id = :userId and m.suspendedAt is null")
@NamedQuery(name = "Membership.countByRole", query = "select count(m) from Membership m where m.role = :role")
// the memberships that keep a workspace administrable: unsuspended, workspace-wide, built-in admin, of an account not disabled
@NamedQuery(name = "Membership.findActiveWorkspaceAdmins",
        query = "select m from Membership m where m.suspendedAt is null and m.scopeType = 'WORKSPACE' and m.role.builtIn = true "
                + "and m.role.code = 'admin' and m.user.status <> 'DISABLED'")
public class Membership extends TenantOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "user_id")
    private UserAccount user;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "role_id")
    private Role role;

    @Column(name = "scope_type", nullable = false, length = 20)
    private String scopeType;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "district_id")
    private District district;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "store_id")
    private Store store;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "suspended_at")
    private Instant suspendedAt;

    protected Membership() {
    }

    private Membership(UserAccount user, Role role, ScopeType scope, District district, Store store, Instant now) {
        this.user = Objects.requireNonNull(user);
        this.role = Objects.requireNonNull(role);
        this.scopeType = scope.name();
        this.district = district;
        this.store = store;
        this.createdAt = Objects.requireNonNull(now);
    }

    public static Membership ofWorkspace(UserAccount user, Role role, Instant now) {
        return new Membership(user, role, ScopeType.WORKSPACE, null, null, now);
    }

    public static Membership ofDistrict(UserAccount user, Role role, District district, Instant now) {
        return new Membership(user, role, ScopeType.DISTRICT, Objects.requireNonNull(district), null, now);
    }

    public static Membership ofStore(UserAccount user, Role role, Store store, Instant now) {
        return new Membership(user, role, ScopeType.STORE, null, Objects.requireNonNull(store), now);
    }

    /** Stops the membership from giving access, from {@code now}; a suspended one stays as it is. */
    public void suspend(Instant now) {
        if (suspendedAt == null) {
            this.suspendedAt = Objects.requireNonNull(now);
        }
    }

    /** Lets the membership give access again. */
    public void reinstate() {
        this.suspendedAt = null;
    }

    public boolean isSuspended() {
        return suspendedAt != null;
    }

    /** Whether this membership keeps the workspace administrable: an unsuspended, workspace-wide admin. */
    public boolean isActiveWorkspaceAdmin() {
        return !isSuspended() && scope() == ScopeType.WORKSPACE && role.isBuiltIn() && BuiltInRole.ADMIN.code().equals(role.code())
                && user.status() != UserAccount.Status.DISABLED;
    }

    /** Whether this membership gives the same role over the same scope as {@code other} would. */
    public boolean sameGrantAs(Role otherRole, ScopeType otherScope, Long otherDistrictId, Long otherStoreId) {
        return role.id().equals(otherRole.id()) && scope() == otherScope
                && Objects.equals(district().map(District::id).orElse(null), otherDistrictId)
                && Objects.equals(store().map(Store::id).orElse(null), otherStoreId);
    }

    public Long id() {
        return id;
    }

    public UserAccount user() {
        return user;
    }

    public Role role() {
        return role;
    }

    public ScopeType scope() {
        return ScopeType.valueOf(scopeType);
    }

    public Optional<District> district() {
        return Optional.ofNullable(district);
    }

    public Optional<Store> store() {
        return Optional.ofNullable(store);
    }
}
