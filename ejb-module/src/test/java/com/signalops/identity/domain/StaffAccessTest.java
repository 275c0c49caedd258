package com.signalops.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Staff access is time-boxed, needs a reason, and only ever lets staff look. */
class StaffAccessTest {

    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");
    private static final String REASON = "Merchant ticket 4711: leak report empty";

    private static StaffAccess access(Duration duration) {
        return new StaffAccess(new UserAccount("ana@signalops.io", "Ana Support", START), REASON, duration, START);
    }

    @Test
    void lastsOneHourByDefault() {
        StaffAccess access = access(null);
        assertEquals(START.plus(Duration.ofHours(1)), access.expiresAt());
        assertTrue(access.isActive(START));
        assertTrue(access.isActive(START.plus(Duration.ofHours(1)).minusMillis(1)));
        assertFalse(access.isActive(START.plus(Duration.ofHours(1))));
        assertFalse(access.isActive(START.minusMillis(1)));
    }

    @Test
    void lastsFromFiveMinutesToEightHours() {
        assertEquals(START.plus(Duration.ofMinutes(5)), access(Duration.ofMinutes(5)).expiresAt());
        assertEquals(START.plus(Duration.ofHours(8)), access(Duration.ofHours(8)).expiresAt());
        assertEquals(Optional.of("staff-access.duration-too-short"), StaffAccess.problemWith(REASON, Duration.ofMinutes(5).minusSeconds(1)));
        assertEquals(Optional.of("staff-access.duration-too-long"), StaffAccess.problemWith(REASON, Duration.ofHours(8).plusSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> access(Duration.ofHours(9)));
        assertThrows(IllegalArgumentException.class, () -> access(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> access(Duration.ofHours(-1)));
    }

    @Test
    void needsAReasonOfTenToFiveHundredCharacters() {
        assertEquals(Optional.of("staff-access.reason-required"), StaffAccess.problemWith(null, null));
        assertEquals(Optional.of("staff-access.reason-required"), StaffAccess.problemWith("   ", null));
        assertEquals(Optional.of("staff-access.reason-required"), StaffAccess.problemWith("  too short ", null));
        assertEquals(Optional.of("staff-access.reason-too-long"), StaffAccess.problemWith("x".repeat(501), null));
        assertEquals(Optional.empty(), StaffAccess.problemWith("x".repeat(10), null));
        assertEquals(Optional.empty(), StaffAccess.problemWith("x".repeat(500), null));
        assertEquals(REASON, new StaffAccess(new UserAccount("ana@signalops.io", "Ana", START), "  " + REASON + " ", null, START).reason());
    }

    @Test
    void endsEarlyOnce() {
        StaffAccess access = access(null);
        access.end(7L, START.plus(Duration.ofMinutes(10)));
        assertFalse(access.isActive(START.plus(Duration.ofMinutes(11))));
        assertEquals(Optional.of(START.plus(Duration.ofMinutes(10))), access.endedAt());
        assertEquals(Optional.of(7L), access.endedBy());
        assertThrows(IllegalStateException.class, () -> access.end(7L, START.plus(Duration.ofMinutes(12))));
    }

    @Test
    void anExpiredAccessCannotBeEnded() {
        StaffAccess access = access(null);
        assertThrows(IllegalStateException.class, () -> access.end(7L, START.plus(Duration.ofHours(2))));
        assertEquals(Optional.empty(), access.endedAt());
    }

    @Test
    void theSupportGrantOnlyLooks() {
        Set<Permission> support = access(null).grant().permissions();
        assertEquals(EnumSet.of(Permission.STORES_VIEW, Permission.CONNECTIONS_VIEW, Permission.LEAKS_VIEW, Permission.JOBS_VIEW,
                Permission.AUDIT_VIEW, Permission.SETTINGS_VIEW), support);
        for (Permission permission : support) {
            assertTrue(permission.key().endsWith(".view"), permission.key());
        }
        for (Permission.Category category : EnumSet.of(Permission.Category.USERS, Permission.Category.ROLES,
                Permission.Category.API_KEYS, Permission.Category.PRIVACY, Permission.Category.EXPORTS)) {
            assertTrue(support.stream().noneMatch(p -> p.category() == category), category.key());
        }
        assertEquals(ScopeType.WORKSPACE, access(null).grant().scope());
        assertThrows(UnsupportedOperationException.class, () -> StaffAccess.SUPPORT_PERMISSIONS.add(Permission.USERS_MANAGE));
    }
}
