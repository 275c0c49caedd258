package com.signalops.identity.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a password must be: at least {@value #MIN_LENGTH} characters, at most {@value #MAX_LENGTH},
 * not on the list of common passwords (compared case-insensitively), and not the account's
 * email address or its local part.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    private static final Set<String> COMMON = load();

    /** Why {@code password} is refused for the account {@code email}, or empty when it is acceptable. */
    public Optional<String> problemWith(char[] password, String email) {
        if (password == null || password.length < MIN_LENGTH) {
            return Optional.of("password.too-short");
        }
        if (password.length > MAX_LENGTH) {
            return Optional.of("password.too-long");
        }
        String lower = new String(password).toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return Optional.of("password.too-common");
        }
        if (email != null && !email.isBlank()) {
            String address = email.trim().toLowerCase(Locale.ROOT);
            int at = address.lastIndexOf('@');
            String local = at > 0 ? address.substring(0, at) : address;
            if (lower.equals(address) || lower.equals(local)) {
                return Optional.of("password.is-email");
            }
        }
        return Optional.empty();
    }

    /** How many passwords the common list holds. */
    public static int commonCount() {
        return COMMON.size();
    }

    private static Set<String> load() {
        Set<String> common = new HashSet<>();
        try (var in = PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("identity/common-passwords.txt is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String entry = line.trim();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    common.add(entry.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(common);
    }
}
