package com.signalops.identity.web;

import com.signalops.identity.domain.Permission;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The permission checkboxes of a console form, grouped by category in catalogue order. */
public class PermissionChoices implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One checkbox. */
    public static final class Choice implements Serializable {

        private static final long serialVersionUID = 1L;

        private final Permission permission;
        private boolean selected;

        Choice(Permission permission) {
            this.permission = permission;
        }

        public String getKey() {
            return permission.key();
        }

        public boolean isSelected() {
            return selected;
        }

        public void setSelected(boolean selected) {
            this.selected = selected;
        }
    }

    /** The checkboxes of one category. */
    public record Group(String category, List<Choice> choices) implements Serializable {
    }

    private final List<Group> groups = new ArrayList<>();

    /** Checkboxes for {@code offered}, none ticked. */
    public PermissionChoices(Collection<Permission> offered) {
        Map<Permission.Category, List<Choice>> byCategory = new EnumMap<>(Permission.Category.class);
        offered.stream().distinct().sorted().forEach(permission -> byCategory
                .computeIfAbsent(permission.category(), category -> new ArrayList<>()).add(new Choice(permission)));
        byCategory.forEach((category, choices) -> groups.add(new Group(category.key(), choices)));
    }

    public List<Group> getGroups() {
        return groups;
    }

    /** The ticked permissions. */
    public Set<Permission> selected() {
        Set<Permission> selected = EnumSet.noneOf(Permission.class);
        groups.stream().flatMap(group -> group.choices().stream()).filter(Choice::isSelected)
                .forEach(choice -> selected.add(choice.permission));
        return selected;
    }

    /** Ticks exactly {@code permissions}. */
    public void select(Set<Permission> permissions) {
        groups.stream().flatMap(group -> group.choices().stream())
                .forEach(choice -> choice.setSelected(permissions.contains(choice.permission)));
    }

    /** {@code permissions} as the console lists them: by category, e.g. {@code stores: stores.view, stores.manage}. */
    public static List<String> describe(Set<Permission> permissions) {
        return permissions.stream().sorted()
                .collect(Collectors.groupingBy(Permission::category, () -> new EnumMap<>(Permission.Category.class),
                        Collectors.mapping(Permission::key, Collectors.joining(", "))))
                .entrySet().stream().map(entry -> entry.getKey().key() + ": " + entry.getValue()).toList();
    }
}
