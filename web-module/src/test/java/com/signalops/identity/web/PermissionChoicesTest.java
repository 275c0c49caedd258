package com.signalops.identity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.signalops.identity.domain.Permission;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionChoicesTest {

    @Test
    void offersOnlyTheGivenPermissionsGroupedByCategoryInCatalogueOrder() {
        PermissionChoices choices = new PermissionChoices(List.of(Permission.LEAKS_TRIAGE, Permission.STORES_VIEW, Permission.LEAKS_VIEW));

        assertEquals(List.of("stores", "leaks"), choices.getGroups().stream().map(PermissionChoices.Group::category).toList());
        assertEquals(List.of("leaks.view", "leaks.triage"),
                choices.getGroups().get(1).choices().stream().map(PermissionChoices.Choice::getKey).toList());
    }

    @Test
    void selectedIsExactlyWhatIsTicked() {
        PermissionChoices choices = new PermissionChoices(EnumSet.allOf(Permission.class));
        choices.select(EnumSet.of(Permission.ROLES_VIEW, Permission.API_KEYS_MANAGE));
        assertEquals(EnumSet.of(Permission.ROLES_VIEW, Permission.API_KEYS_MANAGE), choices.selected());

        choices.getGroups().stream().filter(group -> group.category().equals("roles")).findFirst().orElseThrow()
                .choices().get(0).setSelected(false);
        assertEquals(EnumSet.of(Permission.API_KEYS_MANAGE), choices.selected());
    }

    @Test
    void describesPermissionsOneLinePerCategory() {
        assertEquals(List.of("stores: stores.view, stores.manage", "api-keys: api-keys.view"),
                PermissionChoices.describe(EnumSet.of(Permission.API_KEYS_VIEW, Permission.STORES_MANAGE, Permission.STORES_VIEW)));
    }
}
