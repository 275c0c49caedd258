package com.signalops.commerce.domain;

/** Where a store import stands. */
public enum ImportStatus {
    /** Recorded; its job has not finished. */
    RUNNING,
    COMPLETED,
    /** Its job failed or was stopped; a restart continues it from the last checkpoint. */
    FAILED
}
