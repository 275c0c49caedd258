package com.signalops.shared;

import java.util.Objects;

/** The rule every human-given name follows: trimmed, not empty, not longer than its column. */
public final class Names {

    private Names() {
    }

    /**
     * {@code value} trimmed.
     *
     * @throws IllegalArgumentException when it is empty or longer than {@code maxLength}
     */
    public static String require(String value, int maxLength, String what) {
        String trimmed = Objects.requireNonNull(value, what).trim();
        if (trimmed.isEmpty() || trimmed.length() > maxLength) {
            throw new IllegalArgumentException("A " + what + " has 1 to " + maxLength + " characters");
        }
        return trimmed;
    }
}
