package com.signalops.leaks.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The orders a findings list can be read in, by the key clients send ({@code -amount}: largest first, the default;
 * {@code amount}; {@code -firstSeen}: newest first; {@code firstSeen}). Ties go by id in the same direction.
 */
public enum FindingSort {
    AMOUNT_DESC("-amount", "amount", true),
    AMOUNT_ASC("amount", "amount", false),
    FIRST_SEEN_DESC("-firstSeen", "first_seen_at", true),
    FIRST_SEEN_ASC("firstSeen", "first_seen_at", false);

    private final String key;
    private final String column;
    private final boolean descending;

    FindingSort(String key, String column, boolean descending) {
        this.key = key;
        this.column = column;
        this.descending = descending;
    }

    public String key() {
        return key;
    }

    /** The sort whose key is {@code key}, if there is one. */
    public static Optional<FindingSort> fromKey(String key) {
        return Arrays.stream(values()).filter(sort -> sort.key.equals(key)).findFirst();
    }

    /** The SQL {@code ORDER BY} list of this sort. */
    String orderBy() {
        String direction = descending ? " DESC" : " ASC";
        return column + direction + ", id" + direction;
    }
}
