package com.signalops.identity.domain;

import com.signalops.shared.Names;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A role of a workspace: one of the built-in four (created with the workspace, never edited)
 * or a custom one built from the permission catalogue.
 */
@Entity
@Table(name = "role")
@NamedQuery(name = "Role.findAll", query = "select r from Role r order by r.builtIn desc, r.name")
@NamedQuery(name = "Role.findByCode", query = "select r from Role r where r.code = :code")
public class Role extends TenantOwned {

    public static final int CODE_LENGTH = 60;
    public static final int NAME_LENGTH = 120;
    private static final Pattern CUSTOM_CODE = Pattern.compile("^[a-z][a-z0-9-]{1,59}$");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "code", nullable = false, length = CODE_LENGTH)
    private String code;

    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(name = "built_in", nullable = false)
    private boolean builtIn;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "role_permission", joinColumns = @JoinColumn(name = "role_id"))
    @Column(name = "permission", nullable = false, length = 60)
    private Set<String> permissions = new HashSet<>();

    protected Role() {
    }

    private Role(String code, String name, boolean builtIn, Set<Permission> permissions) {
        this.code = code;
        this.name = Names.require(name, NAME_LENGTH, "role name");
        this.builtIn = builtIn;
        this.permissions = permissions.stream().map(Permission::key).collect(Collectors.toCollection(HashSet::new));
    }

    public static Role builtIn(BuiltInRole role) {
        String name = role.code().replace('_', ' ');
        return new Role(role.code(), Character.toUpperCase(name.charAt(0)) + name.substring(1), true, role.permissions());
    }

    /** A custom role; its code must not collide with a built-in one. */
    public static Role custom(String code, String name, Set<Permission> permissions) {
        if (code == null || !CUSTOM_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("A role code has 2 to 60 lower-case letters, digits or '-'");
        }
        if (isReservedCode(code)) {
            throw new IllegalArgumentException("The code of a built-in role: " + code);
        }
        return new Role(code, name, false, permissions);
    }

    /** Whether {@code code} is, or could be mistaken for, the code of a built-in role. */
    public static boolean isReservedCode(String code) {
        String candidate = code == null ? "" : code.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (BuiltInRole builtIn : BuiltInRole.values()) {
            if (builtIn.code().equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code code} is acceptable as a custom role's code. */
    public static boolean isValidCustomCode(String code) {
        return code != null && CUSTOM_CODE.matcher(code).matches() && !isReservedCode(code);
    }

    /** Renames a custom role. */
    public void rename(String newName) {
        requireCustom();
        this.name = Names.require(newName, NAME_LENGTH, "role name");
    }

    /** Replaces a custom role's permissions. */
    public void grantOnly(Set<Permission> newPermissions) {
        requireCustom();
        this.permissions = newPermissions.stream().map(Permission::key).collect(Collectors.toCollection(HashSet::new));
    }

    public Set<Permission> permissions() {
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        for (String key : permissions) {
            Permission.fromKey(key).ifPresent(result::add);
        }
        return result;
    }

    /** Whether someone holding {@code held} may hand this role out or change it: it gives nothing more. */
    public boolean isNoStrongerThan(Set<Permission> held) {
        return held.containsAll(permissions());
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission.key());
    }

    private void requireCustom() {
        if (builtIn) {
            throw new IllegalStateException("Built-in roles are not edited");
        }
    }

    public Long id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public boolean isBuiltIn() {
        return builtIn;
    }
}
