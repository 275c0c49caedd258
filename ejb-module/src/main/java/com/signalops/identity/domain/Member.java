package com.signalops.identity.domain;

import java.util.List;

/**
 * A user as one workspace sees them: the global account's name and email, and what they hold in
 * this workspace only.
 *
 * @param status      what the user may do in this workspace (not elsewhere)
 * @param memberships every membership in this workspace, suspended ones included
 */
public record Member(long userId, String displayName, String email, Status status, List<Held> memberships) {

    /** The user's standing in this workspace. */
    public enum Status {
        /** May sign in and use their roles here. */
        ACTIVE,
        /** Has not set a password yet. */
        INVITED,
        /** Every membership here is suspended; other workspaces are not affected. */
        SUSPENDED,
        /** The account itself is disabled, everywhere. */
        DISABLED
    }

    /** One membership: a role over a scope. */
    public record Held(long membershipId, String roleCode, String roleName, ScopeType scope, Long districtId, Long storeId,
            boolean suspended) {

        static Held of(Membership membership) {
            return new Held(membership.id(), membership.role().code(), membership.role().name(), membership.scope(),
                    membership.district().map(d -> d.id()).orElse(null), membership.store().map(s -> s.id()).orElse(null),
                    membership.isSuspended());
        }
    }

    public Member {
        memberships = List.copyOf(memberships);
    }

    /** The member that {@code memberships} (all of one account, in one workspace, at least one) make. */
    public static Member of(List<Membership> memberships) {
        UserAccount user = memberships.get(0).user();
        Status status;
        if (user.status() == UserAccount.Status.DISABLED) {
            status = Status.DISABLED;
        } else if (memberships.stream().allMatch(Membership::isSuspended)) {
            status = Status.SUSPENDED;
        } else if (user.status() == UserAccount.Status.INVITED) {
            status = Status.INVITED;
        } else {
            status = Status.ACTIVE;
        }
        return new Member(user.id(), user.displayName(), user.email(), status, memberships.stream().map(Held::of).toList());
    }
}
