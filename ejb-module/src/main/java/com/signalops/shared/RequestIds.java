package com.signalops.shared;

import java.util.Optional;
import java.util.UUID;

/**
 * The id of the request (or batch execution) the current thread works for, so that audit records
 * written on its behalf name it. Whoever sets it clears it when the work is done: threads are pooled.
 */
public final class RequestIds {

    /** The longest id kept, the width of {@code audit_record.request_id}. */
    public static final int MAX_LENGTH = 64;

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {
    }

    /** A fresh id for a request: a random UUID. */
    public static String fresh() {
        return UUID.randomUUID().toString();
    }

    /** The id a batch job's execution {@code executionId} works under. */
    public static String ofBatch(long executionId) {
        return "batch-" + executionId;
    }

    /** Makes {@code requestId} the current thread's. */
    public static void set(String requestId) {
        if (requestId == null || requestId.isEmpty() || requestId.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a request id has 1 to " + MAX_LENGTH + " characters");
        }
        CURRENT.set(requestId);
    }

    /** The current thread's request id, if it works for one. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static void clear() {
        CURRENT.remove();
    }
}
