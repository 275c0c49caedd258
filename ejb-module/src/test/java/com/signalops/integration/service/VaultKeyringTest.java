package com.signalops.integration.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.signalops.integration.domain.VaultTestKeys;
import org.junit.jupiter.api.Test;

/** The configured key list is taken at start, or the start is refused with a message free of key material. */
class VaultKeyringTest {

    @Test
    void takesAWellFormedList() {
        assertEquals(2, VaultKeyring.fromConfiguration(VaultTestKeys.entry(1) + "," + VaultTestKeys.entry(2)).newestVersion());
    }

    @Test
    void refusesAMissingOrMalformedListWithoutPrintingTheKey() {
        String tooShort = VaultTestKeys.randomKey(31);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> VaultKeyring.fromConfiguration("1:" + tooShort));
        assertEquals("SIGNALOPS_VAULT_KEYS refused: Vault key version 1 (entry 1) has 31 bytes; AES-256 needs exactly 32",
                refused.getMessage());
        assertFalse(refused.getMessage().contains(tooShort.substring(0, 8)));
        assertThrows(IllegalStateException.class, () -> VaultKeyring.fromConfiguration(null));
    }
}
