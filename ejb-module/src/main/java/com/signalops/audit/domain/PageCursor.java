package com.signalops.audit.domain;

import com.signalops.shared.BusinessException;

/**
 * A position in a newest-first list: the page {@code before} a key holds older entries, the page
 * {@code after} it newer ones. Written as {@code before-123} / {@code after-123} in URLs.
 */
public record PageCursor(Direction direction, long key) {

    /** Which side of the key the page lies on. */
    public enum Direction { BEFORE, AFTER }

    public static PageCursor before(long key) {
        return new PageCursor(Direction.BEFORE, key);
    }

    public static PageCursor after(long key) {
        return new PageCursor(Direction.AFTER, key);
    }

    /** The cursor written as {@code text}; null or blank for the first page. */
    public static PageCursor parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int dash = text.indexOf('-');
        try {
            if (dash > 0) {
                long key = Long.parseLong(text.substring(dash + 1));
                switch (text.substring(0, dash)) {
                    case "before":
                        return before(key);
                    case "after":
                        return after(key);
                    default:
                        break;
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new BusinessException("audit.invalid-cursor", "Invalid page cursor");
    }

    public boolean isAfter() {
        return direction == Direction.AFTER;
    }

    @Override
    public String toString() {
        return (isAfter() ? "after-" : "before-") + key;
    }
}
