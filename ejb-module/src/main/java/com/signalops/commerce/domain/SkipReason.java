package com.signalops.commerce.domain;

/** Why an import skipped a line (the contract's four reasons, and a field that does not read). */
public enum SkipReason {
    /** Not JSON, or a JSON value that is not an object. */
    INVALID_JSON,
    /** No {@code id}, or a null or empty one. */
    MISSING_ID,
    /** An id that is not a {@code gid://shopify/Type/id} string, or a type this file does not hold. */
    UNKNOWN_GID_TYPE,
    /** A child line whose {@code __parentId} names no parent accepted earlier in the file. */
    ORPHAN,
    /** A field the tables need that does not read: a date, an amount or a count that is not one. */
    INVALID_FIELD
}
