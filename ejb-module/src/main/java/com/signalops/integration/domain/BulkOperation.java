package com.signalops.integration.domain;

import java.net.URI;
import java.util.Optional;

/**
 * A Shopify bulk operation as the Admin GraphQL API reports it: its gid, status ({@code CREATED},
 * {@code RUNNING}, {@code COMPLETED}, {@code FAILED}, {@code CANCELING}, {@code CANCELED},
 * {@code EXPIRED}), the error code of a failed one, how many objects it wrote and where its JSONL
 * result can be downloaded (absent until completed, and when it wrote nothing).
 */
public record BulkOperation(String id, String status, String errorCode, long objectCount, URI url) {

    /** Whether the operation will not change any more. */
    public boolean isFinished() {
        return !status.equals("CREATED") && !status.equals("RUNNING") && !status.equals("CANCELING");
    }

    public boolean isCompleted() {
        return status.equals("COMPLETED");
    }

    public Optional<URI> resultUrl() {
        return Optional.ofNullable(url);
    }
}
