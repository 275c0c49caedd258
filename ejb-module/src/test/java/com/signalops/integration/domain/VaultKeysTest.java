package com.signalops.integration.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The vault's key list: versioned 32-byte keys; anything else refused without echoing a key. */
class VaultKeysTest {

    @Test
    void theHighestVersionSealsAndEveryListedVersionOpens() {
        VaultKeys keys = VaultKeys.parse(" 3:" + VaultTestKeys.randomKey(32) + " , 1:" + VaultTestKeys.randomKey(32));

        assertEquals(3, keys.newestVersion());
        assertEquals(Set.of(1, 3), keys.versions());
        assertFalse(keys.key(2).isPresent());
        assertEquals("VaultKeys[1, 3]", keys.toString());
    }

    @Test
    void refusesAMalformedListWithoutEchoingAnyKey() {
        String good = VaultTestKeys.randomKey(32);
        String short16 = VaultTestKeys.randomKey(16);
        String long33 = VaultTestKeys.randomKey(33);
        List<String[]> cases = List.of(
                new String[] {"1:" + short16, "Vault key version 1 (entry 1) has 16 bytes; AES-256 needs exactly 32", short16},
                new String[] {"1:" + good + ",2:" + long33, "Vault key version 2 (entry 2) has 33 bytes; AES-256 needs exactly 32", long33},
                new String[] {"1:" + good + "!", "Vault key version 1 (entry 1) is not valid base64", good},
                new String[] {good, "Vault key entry 1 is not <version>:<base64 key>", good},
                new String[] {"v1:" + good, "Vault key entry 1 has no numeric version", good},
                new String[] {"0:" + good, "Vault key entry 1 has version 0; versions start at 1", good},
                new String[] {"1:" + good + ",1:" + good, "Vault key version 1 is listed twice", good},
                new String[] {"1:" + good + ",", "Vault key entry 2 is not <version>:<base64 key>", good});
        for (String[] malformed : cases) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> VaultKeys.parse(malformed[0]));
            assertEquals(malformed[1], refused.getMessage());
            assertFalse(refused.getMessage().contains(malformed[2].substring(0, 8)), "no key material in the message");
            assertEquals(null, refused.getCause());
        }
    }

    @Test
    void refusesAnEmptyList() {
        for (String empty : new String[] {null, "", "  "}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> VaultKeys.parse(empty));
            assertEquals("No vault keys: SIGNALOPS_VAULT_KEYS must list at least one key as <version>:<base64 of 32 random bytes>",
                    refused.getMessage());
        }
    }
}
