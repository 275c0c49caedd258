package com.signalops.identity.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who the platform staff are: an allowlist of email addresses from configuration (property
 * {@value #CONFIG_PROPERTY}), never a database flag that a tenant admin could set. Addresses are
 * separated by commas and compare trimmed and case-insensitively; a blank list means nobody.
 */
public final class PlatformStaff {

    /** The MicroProfile Config property that lists the staff. */
    public static final String CONFIG_PROPERTY = "signalops.platform.staff";

    private static final PlatformStaff NOBODY = new PlatformStaff(Set.of());

    private final Set<String> emails;

    private PlatformStaff(Set<String> emails) {
        this.emails = emails;
    }

    /** The allowlist written as {@code configured}, e.g. {@code "ana@signalops.io, Ben@SignalOps.io"}. */
    public static PlatformStaff parse(String configured) {
        if (configured == null || configured.isBlank()) {
            return NOBODY;
        }
        return new PlatformStaff(Arrays.stream(configured.split(","))
                .map(PlatformStaff::normalise)
                .filter(email -> !email.isEmpty())
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** Whether {@code email} is on the list. */
    public boolean isStaff(String email) {
        return email != null && emails.contains(normalise(email));
    }

    /** How many addresses the list holds. */
    public int size() {
        return emails.size();
    }

    private static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
