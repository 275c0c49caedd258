package com.signalops.commerce.domain;

import java.util.Arrays;

/**
 * A set of non-negative ids in an open-addressed table of primitive longs: about 16 bytes per id
 * instead of the 60 or so of a {@code HashSet<Long>}, so an import can remember every parent it
 * accepted (a million orders in about 16 MB) without holding the file.
 */
public final class LongIdSet {

    private static final long EMPTY = -1L;
    private long[] slots = new long[1024];
    private int size;

    public LongIdSet() {
        Arrays.fill(slots, EMPTY);
    }

    public boolean contains(long id) {
        int mask = slots.length - 1;
        for (int i = mix(id) & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == id) {
                return true;
            }
            if (slot == EMPTY) {
                return false;
            }
        }
    }

    public void add(long id) {
        if (id < 0) {
            throw new IllegalArgumentException("ids are not negative");
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        if (insert(slots, id)) {
            size++;
        }
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        Arrays.fill(bigger, EMPTY);
        for (long slot : slots) {
            if (slot != EMPTY) {
                insert(bigger, slot);
            }
        }
        slots = bigger;
    }

    private static boolean insert(long[] table, long id) {
        int mask = table.length - 1;
        for (int i = mix(id) & mask; ; i = (i + 1) & mask) {
            if (table[i] == id) {
                return false;
            }
            if (table[i] == EMPTY) {
                table[i] = id;
                return true;
            }
        }
    }

    private static int mix(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
