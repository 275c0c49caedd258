package com.signalops.identity.web;

import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.SignedIn;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
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

    void begin(SignedIn who, Instant now) {
        this.signedIn = who;
        this.activeGrant = 0;
        this.expiresAt = now.plus(LIFETIME);
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
