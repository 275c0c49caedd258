package com.signalops.identity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.identity.domain.BuiltInRole;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.ScopeType;
import com.signalops.identity.domain.SignedIn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console session: 24 hours at most from sign-in whatever happens in between, and what it carries. */
class ConsoleSessionTest {

    private static final Instant SIGNED_IN = Instant.parse("2026-11-25T09:30:00Z");

    private static ConsoleSession signedIn() {
        ConsoleSession session = new ConsoleSession();
        SignedIn who = new SignedIn(5, "Dana", 1L, List.of(
                new SignedIn.Grant("rep", "Rep", ScopeType.STORE, null, 9L, BuiltInRole.REP.permissions(), "BER-01"),
                new SignedIn.Grant("manager", "Manager", ScopeType.WORKSPACE, null, null, BuiltInRole.MANAGER.permissions())));
        session.begin(who, List.of(new SignedIn.WorkspaceChoice(1, "One"), new SignedIn.WorkspaceChoice(2, "Two")), false, SIGNED_IN);
        return session;
    }

    @Test
    void endsTwentyFourHoursAfterSignInWhateverTheActivity() {
        ConsoleSession session = signedIn();
        assertFalse(session.isExpired(SIGNED_IN.plus(Duration.ofHours(24)).minusSeconds(1)));
        session.enter(new SignedIn(5, "Dana", 2L, List.of()), SIGNED_IN.plus(Duration.ofHours(23)));
        assertTrue(session.isExpired(SIGNED_IN.plus(Duration.ofHours(24))), "entering another workspace does not extend the lifetime");
        assertEquals(SIGNED_IN.plus(Duration.ofHours(24)), session.getExpiresAt());
    }

    @Test
    void carriesTheActiveRolesScopeAndTheMonth() {
        ConsoleSession session = signedIn();
        assertEquals(9L, session.getStoreId());
        assertEquals("BER-01", session.getStoreCode());
        assertNull(session.getDistrictId());
        assertEquals(List.of("rep", "manager"), session.getRoles());
        assertEquals("2026-11", session.getMonthKey());
        assertFalse(session.may(Permission.JOBS_VIEW));
        session.switchTo(1);
        assertTrue(session.may(Permission.JOBS_VIEW));
        assertNull(session.getStoreId());
        assertFalse(session.isTemporaryAccess());
        session.selectMonth("2026-10");
        assertEquals("2026-10", session.getMonthKey());
        assertThrows(RuntimeException.class, () -> session.selectMonth("October"));
    }
}
