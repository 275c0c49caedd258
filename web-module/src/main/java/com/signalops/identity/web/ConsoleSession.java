package com.signalops.identity.web;

import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.SignedIn;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The signed-in console user: who, in which workspace, with which roles, and which of them is
 * active. Permission checks use the active role only.
 */
@Named
@SessionScoped
public class ConsoleSession implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The absolute lifetime of a console session, whatever its activity. */
    public static final Duration LIFETIME = Duration.ofHours(24);

    private SignedIn signedIn;
    private int activeGrant;
    private Instant expiresAt;
    private List<SignedIn.WorkspaceChoice> workspaces = List.of();
    private YearMonth month;
    private boolean platformStaff;

    /** Starts the session: what {@code who} holds, the workspaces they belong to, and whether they are platform staff. */
    void begin(SignedIn who, List<SignedIn.WorkspaceChoice> memberOf, boolean staff, Instant now) {
        this.workspaces = List.copyOf(memberOf);
        this.platformStaff = staff;
        this.expiresAt = now.plus(LIFETIME);
        enter(who, now);
    }

    /**
     * Moves the session into another workspace (or a staff member's temporary access): new grants,
     * the first of them active, the current month; the absolute lifetime runs on from sign-in.
     */
    void enter(SignedIn who, Instant now) {
        this.signedIn = who;
        this.activeGrant = 0;
        this.month = YearMonth.from(now.atZone(ZoneOffset.UTC));
    }

    /** Whether a user is signed in, within the session's lifetime at {@code now}, and in a workspace (what a download needs). */
    public boolean isInWorkspace(Instant now) {
        return isSignedIn() && !isExpired(now) && getWorkspaceId() != null;
    }

    /** The account's display name changed (the header shows the new one from now on). */
    void renamed(String displayName) {
        signedIn = new SignedIn(signedIn.userId(), displayName, signedIn.workspaceId(), signedIn.grants(), signedIn.temporaryAccess());
    }

    /** Whether the account is on the platform staff allowlist (read once, at sign-in: the allowlist changes with a restart). */
    public boolean isPlatformStaff() {
        return platformStaff;
    }

    /** The workspaces the account belongs to (the workspace switch offers them). */
    public List<SignedIn.WorkspaceChoice> getWorkspaces() {
        return workspaces;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    /** The codes of the roles the user holds here; the active one is {@link #getActiveRole()}. */
    public List<String> getRoles() {
        return getGrants().stream().map(SignedIn.Grant::roleCode).toList();
    }

    /** The store the active role is scoped to, or null. */
    public Long getStoreId() {
        SignedIn.Grant active = getActiveRole();
        return active == null ? null : active.storeId();
    }

    public String getStoreCode() {
        SignedIn.Grant active = getActiveRole();
        return active == null ? null : active.storeCode();
    }

    /** The district the active role is scoped to, or null. */
    public Long getDistrictId() {
        SignedIn.Grant active = getActiveRole();
        return active == null ? null : active.districtId();
    }

    /** The month the console's figures show ({@code 2026-11}); the current month until the user picks another. */
    public String getMonthKey() {
        return month == null ? null : month.toString();
    }

    /** Shows {@code monthKey} ({@code yyyy-MM}) from now on; anything else is refused. */
    public void selectMonth(String monthKey) {
        this.month = YearMonth.parse(monthKey);
    }

    /** The staff access this session stands on, or null for a member's session. */
    SignedIn.TemporaryAccess temporaryAccess() {
        return signedIn == null ? null : signedIn.temporaryAccess();
    }

    public boolean isSignedIn() {
        return signedIn != null;
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public String getDisplayName() {
        return signedIn == null ? "" : signedIn.displayName();
    }

    public Long getUserId() {
        return signedIn == null ? null : signedIn.userId();
    }

    public Long getWorkspaceId() {
        return signedIn == null ? null : signedIn.workspaceId();
    }

    /** Whether this is platform staff's time-boxed access rather than a member's sign-in. */
    public boolean isTemporaryAccess() {
        return signedIn != null && signedIn.isTemporaryAccess();
    }

    /** When the staff access under this session ends; null for a member's session. */
    public Instant getAccessExpiresAt() {
        return isTemporaryAccess() ? signedIn.temporaryAccess().expiresAt() : null;
    }

    public List<SignedIn.Grant> getGrants() {
        return signedIn == null ? List.of() : signedIn.grants();
    }

    public SignedIn.Grant getActiveRole() {
        List<SignedIn.Grant> grants = getGrants();
        return grants.isEmpty() ? null : grants.get(activeGrant);
    }

    public int getActiveGrant() {
        return activeGrant;
    }

    /** Makes the {@code index}-th grant the active role. */
    public void switchTo(int index) {
        if (index < 0 || index >= getGrants().size()) {
            throw new IllegalArgumentException("No such role");
        }
        this.activeGrant = index;
    }

    /** Whether the active role has {@code permission}. */
    public boolean may(Permission permission) {
        SignedIn.Grant active = getActiveRole();
        return active != null && active.permissions().contains(permission);
    }

    public boolean mayKey(String permissionKey) {
        return Permission.fromKey(permissionKey).map(this::may).orElse(false);
    }
}
