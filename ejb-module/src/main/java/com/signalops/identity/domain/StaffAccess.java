package com.signalops.identity.domain;

import static com.signalops.identity.domain.Permission.AUDIT_VIEW;
import static com.signalops.identity.domain.Permission.CONNECTIONS_VIEW;
import static com.signalops.identity.domain.Permission.JOBS_VIEW;
import static com.signalops.identity.domain.Permission.LEAKS_VIEW;
import static com.signalops.identity.domain.Permission.SETTINGS_VIEW;
import static com.signalops.identity.domain.Permission.STORES_VIEW;
import static com.signalops.identity.domain.Permission.USERS_MANAGE;

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
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Time-boxed access of one platform staff member to a workspace, for a stated reason. It gives
 * read-only support permissions only, ends by itself after its duration (one hour unless asked
 * otherwise, at most eight) and can be ended earlier by the staff member or the workspace's admins,
 * who see every access in their workspace.
 */
@Entity
@Table(name = "staff_access")
@NamedQuery(name = "StaffAccess.findActive", query = "select a from StaffAccess a where a.endedAt is null "
        + "and a.startedAt <= :now and a.expiresAt > :now order by a.startedAt desc, a.id desc")
@NamedQuery(name = "StaffAccess.findAll", query = "select a from StaffAccess a order by a.startedAt desc, a.id desc")
public class StaffAccess extends TenantOwned {

    public static final Duration DEFAULT_DURATION = Duration.ofHours(1);
    public static final Duration MIN_DURATION = Duration.ofMinutes(5);
    public static final Duration MAX_DURATION = Duration.ofHours(8);
    public static final int REASON_MIN_LENGTH = 10;
    public static final int REASON_MAX_LENGTH = 500;

    /** What staff may do in the workspace: look, never change, manage people or keys, or take data out. */
    public static final Set<Permission> SUPPORT_PERMISSIONS = Collections.unmodifiableSet(
            EnumSet.of(STORES_VIEW, CONNECTIONS_VIEW, LEAKS_VIEW, JOBS_VIEW, AUDIT_VIEW, SETTINGS_VIEW));

    /** Who sees and ends staff access in a workspace besides the staff member: those who manage its users. */
    public static final Permission OVERSIGHT_PERMISSION = USERS_MANAGE;

    /** The role code of the support grant; the underscore keeps it apart from every custom role's code. */
    public static final String SUPPORT_ROLE_CODE = "platform_support";
    public static final String SUPPORT_ROLE_NAME = "Platform support (temporary, read-only)";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "staff_user_id")
    private UserAccount staff;

    @Column(name = "reason", nullable = false, length = REASON_MAX_LENGTH)
    private String reason;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "ended_by")
    private Long endedBy;

    protected StaffAccess() {
    }

    /**
     * Access for {@code staff} from {@code now} for {@code duration} (the default when null).
     *
     * @throws IllegalArgumentException when the reason or the duration break {@link #problemWith}
     */
    public StaffAccess(UserAccount staff, String reason, Duration duration, Instant now) {
        problemWith(reason, duration).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        this.staff = Objects.requireNonNull(staff);
        this.reason = reason.trim();
        this.startedAt = Objects.requireNonNull(now);
        this.expiresAt = now.plus(duration == null ? DEFAULT_DURATION : duration);
    }

    /**
     * Why access with {@code reason} for {@code duration} (null: the default) is refused, as a message
     * code, or empty when it is acceptable.
     */
    public static Optional<String> problemWith(String reason, Duration duration) {
        int length = reason == null ? 0 : reason.trim().length();
        if (length < REASON_MIN_LENGTH) {
            return Optional.of("staff-access.reason-required");
        }
        if (length > REASON_MAX_LENGTH) {
            return Optional.of("staff-access.reason-too-long");
        }
        if (duration != null && duration.compareTo(MIN_DURATION) < 0) {
            return Optional.of("staff-access.duration-too-short");
        }
        if (duration != null && duration.compareTo(MAX_DURATION) > 0) {
            return Optional.of("staff-access.duration-too-long");
        }
        return Optional.empty();
    }

    /** Whether the access is in force at {@code now}: started, not expired, not ended. */
    public boolean isActive(Instant now) {
        return endedAt == null && !now.isBefore(startedAt) && now.isBefore(expiresAt);
    }

    /** Ends the access before it expires, by {@code userId} (the staff member or a workspace admin). */
    public void end(long userId, Instant now) {
        if (!isActive(now)) {
            throw new IllegalStateException("The access is already over");
        }
        this.endedAt = now;
        this.endedBy = userId;
    }

    /** What the access holds: the read-only support role over the whole workspace. */
    public SignedIn.Grant grant() {
        return new SignedIn.Grant(SUPPORT_ROLE_CODE, SUPPORT_ROLE_NAME, ScopeType.WORKSPACE, null, null, SUPPORT_PERMISSIONS);
    }

    /** The console session of this access in workspace {@code workspaceId}, for the staff member. */
    public SignedIn signedIn(long workspaceId) {
        return new SignedIn(staff.id(), staff.displayName(), workspaceId, List.of(grant()),
                new SignedIn.TemporaryAccess(Objects.requireNonNull(id, "a persisted access"), expiresAt));
    }

    public Long id() {
        return id;
    }

    public UserAccount staff() {
        return staff;
    }

    public String reason() {
        return reason;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    public Optional<Long> endedBy() {
        return Optional.ofNullable(endedBy);
    }
}
