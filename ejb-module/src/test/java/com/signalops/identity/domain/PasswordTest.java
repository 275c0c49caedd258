package com.signalops.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordTest {

    private final PasswordHasher hasher = new PasswordHasher();
    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void hashesWithPbkdf2Sha256AtLeast600000IterationsAndARandomSalt() {
        String first = hasher.hash("correct battery staple horse".toCharArray());
        String second = hasher.hash("correct battery staple horse".toCharArray());
        String[] parts = first.split("\\$");
        assertEquals("pbkdf2-sha256", parts[0]);
        assertTrue(Integer.parseInt(parts[1]) >= 600_000);
        assertNotEquals(first, second, "a fresh salt each time");
        assertFalse(first.contains("correct"));
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String stored = hasher.hash("plum-orchard-winter-42".toCharArray());
        assertTrue(hasher.verify("plum-orchard-winter-42".toCharArray(), stored));
        assertFalse(hasher.verify("plum-orchard-winter-43".toCharArray(), stored));
        assertFalse(hasher.verify("plum-orchard-winter-42".toCharArray(), null));
        assertFalse(hasher.verify("plum-orchard-winter-42".toCharArray(), "md5$abc"));
        assertFalse(hasher.needsRehash(stored));
        assertTrue(hasher.needsRehash("pbkdf2-sha256$1000$AAAA$AAAA"));
    }

    @Test
    void refusesShortCommonAndEmailPasswords() {
        assertEquals(Optional.of("password.too-short"), policy.problemWith("short-pass1".toCharArray(), "ann@example.com"));
        assertEquals(Optional.of("password.too-common"), policy.problemWith("Password1234".toCharArray(), "ann@example.com"));
        assertEquals(Optional.of("password.too-common"), policy.problemWith("qwertyuiop123".toCharArray(), "ann@example.com"));
        assertEquals(Optional.of("password.is-email"), policy.problemWith("annabel.lee.x@example.com".toCharArray(), "annabel.lee.x@example.com"));
        assertEquals(Optional.of("password.is-email"), policy.problemWith("Annabel.Lee.Xy".toCharArray(), "annabel.lee.xy@example.com"));
        assertEquals(Optional.empty(), policy.problemWith("plum-orchard-winter-42".toCharArray(), "ann@example.com"));
        assertTrue(PasswordPolicy.commonCount() > 1000);
    }
}
