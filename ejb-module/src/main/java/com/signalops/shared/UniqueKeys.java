package com.signalops.shared;

import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Locale;

/**
 * Recognises which unique key of the database refused a write, so that a duplicate becomes a
 * business answer instead of a server error, also when the clash lies outside what the current
 * workspace can see (a shop domain is unique across workspaces) or with a concurrent insert.
 */
public final class UniqueKeys {

    private UniqueKeys() {
    }

    /** Whether {@code failure} was caused by the database refusing a row under unique key {@code keyName}. */
    public static boolean violated(Throwable failure, String keyName) {
        String key = "'" + keyName.toLowerCase(Locale.ROOT) + "'";
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLIntegrityConstraintViolationException violation
                    && String.valueOf(violation.getMessage()).toLowerCase(Locale.ROOT).contains(key)) {
                return true;
            }
        }
        return false;
    }
}
