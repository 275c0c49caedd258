package com.signalops.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An invitation link works once, for 72 hours. */
class InvitationTest {

    private static final Instant SENT = Instant.parse("2026-11-25T09:00:00Z");

    private static Invitation invitation() {
        return new Invitation(" New.Person@Example.com ", Role.builtIn(BuiltInRole.REP), "digest", 1L, SENT);
    }

    @Test
    void isOpenUntilSeventyTwoHoursAfterSending() {
        Invitation invitation = invitation();
        assertTrue(invitation.isOpen(SENT.plus(Duration.ofHours(72)).minusMillis(1)));
        assertFalse(invitation.isOpen(SENT.plus(Duration.ofHours(72))));
        assertEquals("new.person@example.com", invitation.email());
    }

    @Test
    void worksOnce() {
        Invitation invitation = invitation();
        invitation.accept(SENT.plusSeconds(60));
        assertFalse(invitation.isOpen(SENT.plusSeconds(61)));
        assertThrows(IllegalStateException.class, () -> invitation.accept(SENT.plusSeconds(62)));
    }

    @Test
    void anExpiredLinkCannotBeAccepted() {
        Invitation invitation = invitation();
        assertThrows(IllegalStateException.class, () -> invitation.accept(SENT.plus(Duration.ofHours(73))));
    }

    @Test
    void givesNoWiderScopeThanTheInvitersRole() {
        Invitation invitation = invitation();
        assertEquals(ScopeType.WORKSPACE, invitation.scope());
        invitation.limitTo(new SignedIn.Grant("district_manager", "District manager", ScopeType.DISTRICT, 7L, null,
                BuiltInRole.DISTRICT_MANAGER.permissions()));
        assertEquals(ScopeType.DISTRICT, invitation.scope());
        assertEquals(7L, invitation.districtId());
        assertEquals(null, invitation.storeId());
        invitation.limitTo(new SignedIn.Grant("rep", "Rep", ScopeType.STORE, null, 9L, BuiltInRole.REP.permissions()));
        assertEquals(ScopeType.STORE, invitation.scope());
        assertEquals(9L, invitation.storeId());
        assertEquals(null, invitation.districtId());
    }
}
