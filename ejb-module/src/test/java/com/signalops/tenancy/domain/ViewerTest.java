package com.signalops.tenancy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.identity.domain.BuiltInRole;
import com.signalops.identity.domain.ScopeType;
import com.signalops.identity.domain.SignedIn;
import org.junit.jupiter.api.Test;

/** A viewer is the scope of one active role, and names exactly what that scope reaches. */
class ViewerTest {

    @Test
    void isMadeFromTheActiveRolesGrant() {
        SignedIn.Grant districtManager = new SignedIn.Grant("district_manager", "District manager", ScopeType.DISTRICT, 7L, null,
                BuiltInRole.DISTRICT_MANAGER.permissions());
        assertEquals(new Viewer(3, ScopeType.DISTRICT, 7L, null), Viewer.of(3, districtManager));
        SignedIn.Grant rep = new SignedIn.Grant("rep", "Rep", ScopeType.STORE, null, 9L, BuiltInRole.REP.permissions());
        assertEquals(new Viewer(3, ScopeType.STORE, null, 9L), Viewer.of(3, rep));
        assertTrue(Viewer.ofWorkspace(3).seesWholeWorkspace());
        assertFalse(Viewer.of(3, rep).seesWholeWorkspace());
    }

    @Test
    void refusesAScopeThatDoesNotNameWhatItReaches() {
        assertThrows(IllegalArgumentException.class, () -> new Viewer(3, ScopeType.WORKSPACE, 7L, null));
        assertThrows(IllegalArgumentException.class, () -> new Viewer(3, ScopeType.DISTRICT, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Viewer(3, ScopeType.DISTRICT, 7L, 9L));
        assertThrows(IllegalArgumentException.class, () -> new Viewer(3, ScopeType.STORE, 7L, 9L));
        assertThrows(IllegalArgumentException.class, () -> new Viewer(3, ScopeType.STORE, null, null));
    }

    @Test
    void aStoreViewerMayAddNoStoreAndADistrictViewerNoneOutsideADistrict() {
        assertFalse(new Viewer(3, ScopeType.STORE, null, 9L).mayAddStoreTo(null));
        assertFalse(new Viewer(3, ScopeType.DISTRICT, 7L, null).mayAddStoreTo(null));
        assertTrue(Viewer.ofWorkspace(3).mayAddStoreTo(null));
    }
}
