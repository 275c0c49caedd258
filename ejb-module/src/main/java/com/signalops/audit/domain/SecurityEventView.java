package com.signalops.audit.domain;

import java.time.Instant;

/** A security event as the viewer shows it. */
public record SecurityEventView(long id, Instant occurredAt, String type, String severity, String details) {
}
