package com.signalops.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An API key opens with its secret only, until it expires or is revoked; a rotation keeps the old secret for a grace period. */
class ApiKeyTest {

    private static final Instant CREATED = Instant.parse("2026-11-25T09:00:00Z");

    private static ApiKey key(ApiKeySecret secret) {
        return new ApiKey("Reporting", secret, EnumSet.of(Permission.STORES_VIEW), ScopeType.WORKSPACE, null, null, 7L, CREATED,
                CREATED.plus(Duration.ofDays(30)));
    }

    @Test
    void theTextOfAKeyParsesBackToItsPrefixAndSecret() {
        ApiKeySecret secret = ApiKeySecret.generate();
        assertTrue(secret.text().startsWith("sok_" + secret.prefix() + "_"));
        assertEquals(secret, ApiKeySecret.parse(secret.text()).orElseThrow());
        assertTrue(ApiKeySecret.parse("sok_short_x").isEmpty());
        assertTrue(ApiKeySecret.parse(null).isEmpty());
        assertFalse(secret.toString().contains(secret.secret()), "the secret never shows in logs");
    }

    @Test
    void opensWithItsSecretOnlyAndUntilItExpires() {
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key = key(secret);
        assertTrue(key.opensWith(secret.secret(), CREATED.plusSeconds(1)));
        assertFalse(key.opensWith(ApiKeySecret.generate().secret(), CREATED.plusSeconds(1)));
        assertFalse(key.opensWith(secret.secret(), CREATED.plus(Duration.ofDays(30))));
    }

    @Test
    void aRotationKeepsTheOldSecretForTheGracePeriodOnly() {
        ApiKeySecret first = ApiKeySecret.generate();
        ApiKey key = key(first);
        ApiKeySecret second = ApiKeySecret.next(first.prefix());
        assertNotEquals(first.secret(), second.secret());
        Instant rotated = CREATED.plus(Duration.ofDays(1));
        key.rotate(second, Duration.ofHours(24), rotated);
        assertTrue(key.opensWith(second.secret(), rotated.plusSeconds(1)));
        assertTrue(key.opensWith(first.secret(), rotated.plus(Duration.ofHours(24)).minusSeconds(1)));
        assertFalse(key.opensWith(first.secret(), rotated.plus(Duration.ofHours(24))));
        assertTrue(key.opensWith(second.secret(), rotated.plus(Duration.ofHours(25))));
    }

    @Test
    void aRevokedKeyOpensWithNeitherSecret() {
        ApiKeySecret first = ApiKeySecret.generate();
        ApiKey key = key(first);
        ApiKeySecret second = ApiKeySecret.next(first.prefix());
        key.rotate(second, Duration.ofDays(1), CREATED.plusSeconds(10));
        key.revoke(CREATED.plusSeconds(20));
        assertFalse(key.opensWith(first.secret(), CREATED.plusSeconds(30)));
        assertFalse(key.opensWith(second.secret(), CREATED.plusSeconds(30)));
        assertFalse(key.isUsable(CREATED.plusSeconds(30)));
        assertThrows(IllegalStateException.class, () -> key.rotate(ApiKeySecret.next(first.prefix()), Duration.ZERO, CREATED.plusSeconds(40)));
    }

    @Test
    void refusesKeysWithoutPermissionsOrWithABadLifetimeOrScope() {
        ApiKeySecret secret = ApiKeySecret.generate();
        assertThrows(IllegalArgumentException.class, () -> new ApiKey("k", secret, Set.of(), ScopeType.WORKSPACE, null, null, 1L,
                CREATED, CREATED.plusSeconds(60)));
        assertThrows(IllegalArgumentException.class, () -> new ApiKey("k", secret, Set.of(Permission.STORES_VIEW), ScopeType.WORKSPACE,
                null, null, 1L, CREATED, CREATED.plus(Duration.ofDays(366))));
        assertThrows(IllegalArgumentException.class, () -> new ApiKey("k", secret, Set.of(Permission.STORES_VIEW), ScopeType.STORE,
                null, null, 1L, CREATED, CREATED.plusSeconds(60)));
        assertThrows(IllegalArgumentException.class, () -> key(secret).rotate(ApiKeySecret.next(secret.prefix()), Duration.ofDays(8),
                CREATED.plusSeconds(1)));
    }
}
