package com.signalops.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in role against every permission of the catalogue, as an explicit table written
 * here, apart from the code: a change of either shows up as a difference.
 */
class PermissionMatrixTest {

    //                          permission          rep manager district_manager admin
    private static final String EXPECTED = """
            stores.view          Y  Y  Y  Y
            stores.manage        N  N  N  Y
            connections.view     N  Y  Y  Y
            connections.manage   N  N  N  Y
            leaks.view           Y  Y  Y  Y
            leaks.triage         Y  Y  Y  Y
            leaks.configure      N  Y  Y  Y
            leaks.run            N  Y  Y  Y
            approvals.request    Y  Y  Y  Y
            approvals.approve    N  Y  Y  Y
            segments.view        Y  Y  Y  Y
            segments.manage      N  Y  Y  Y
            campaigns.view       Y  Y  Y  Y
            campaigns.manage     N  Y  Y  Y
            exports.request      N  Y  Y  Y
            exports.download     N  Y  Y  Y
            privacy.view         N  N  N  Y
            privacy.manage       N  N  N  Y
            retention.view       N  N  N  Y
            retention.manage     N  N  N  Y
            audit.view           N  N  N  Y
            audit.export         N  N  N  Y
            users.view           N  Y  Y  Y
            users.invite         N  N  Y  Y
            users.manage         N  N  N  Y
            roles.view           N  N  N  Y
            roles.manage         N  N  N  Y
            api-keys.view        N  N  N  Y
            api-keys.manage      N  N  N  Y
            incidents.view       N  Y  Y  Y
            incidents.manage     N  N  Y  Y
            jobs.view            N  Y  Y  Y
            jobs.run             N  N  N  Y
            settings.view        N  N  N  Y
            settings.manage      N  N  N  Y
            workspace.delete     N  N  N  Y
            """;

    private static final BuiltInRole[] COLUMNS = {BuiltInRole.REP, BuiltInRole.MANAGER, BuiltInRole.DISTRICT_MANAGER, BuiltInRole.ADMIN};

    static Map<String, String[]> expected() {
        Map<String, String[]> rows = new HashMap<>();
        EXPECTED.lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(line -> {
            String[] cells = line.split("\\s+");
            rows.put(cells[0], Arrays.copyOfRange(cells, 1, cells.length));
        });
        return rows;
    }

    static Permission[] permissions() {
        return Permission.values();
    }

    @Test
    void theTableCoversTheWholeCatalogueAndNothingElse() {
        Set<String> catalogue = Arrays.stream(Permission.values()).map(Permission::key).collect(Collectors.toSet());
        assertEquals(catalogue, expected().keySet());
        assertEquals(36, catalogue.size(), "the catalogue's size");
    }

    @ParameterizedTest
    @MethodSource("permissions")
    void everyRoleIsAllowedOrDeniedAsTheTableSays(Permission permission) {
        String[] row = expected().get(permission.key());
        for (int i = 0; i < COLUMNS.length; i++) {
            boolean allowed = "Y".equals(row[i]);
            assertEquals(allowed, COLUMNS[i].permissions().contains(permission), COLUMNS[i] + " " + permission.key());
            assertEquals(allowed, Role.builtIn(COLUMNS[i]).allows(permission), "role row of " + COLUMNS[i] + " " + permission.key());
        }
    }

    @Test
    void everyCategoryOfTheIssueIsInTheCatalogue() {
        Set<String> categories = Arrays.stream(Permission.Category.values()).map(Permission.Category::key).collect(Collectors.toSet());
        assertTrue(categories.containsAll(Set.of("stores", "connections", "leaks", "approvals", "segments", "campaigns", "exports",
                "privacy", "retention", "audit", "users", "roles", "api-keys", "incidents", "jobs", "settings")), categories.toString());
    }

    @Test
    void keysRoundTrip() {
        for (Permission permission : Permission.values()) {
            assertEquals(permission, Permission.fromKey(permission.key()).orElseThrow());
        }
        assertTrue(Permission.fromKey("stores.delete-everything").isEmpty());
    }
}
