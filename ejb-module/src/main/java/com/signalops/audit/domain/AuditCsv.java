package com.signalops.audit.domain;

import com.signalops.shared.Csv;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Audit records as CSV ({@link Csv}: formula-looking cells neutralised, for audit records carry what users typed). */
public final class AuditCsv {

    /** The columns of an export, in order. */
    public static final List<String> HEADER = List.of("id", "seq", "occurred_at", "actor_type", "actor_id", "actor_name", "source",
            "action", "entity_type", "entity_id", "outcome", "request_id", "before_json", "after_json");

    private AuditCsv() {
    }

    public static String headerLine() {
        return line(HEADER);
    }

    /** {@code record} as one CSV line, CRLF included. */
    public static String line(AuditRecordView record) {
        return line(List.of(Long.toString(record.id()), record.seq() == null ? "" : Long.toString(record.seq()),
                DateTimeFormatter.ISO_INSTANT.format(record.occurredAt()), orEmpty(record.actorType()), orEmpty(record.actorId()),
                orEmpty(record.actorName()), orEmpty(record.source()), orEmpty(record.action()), orEmpty(record.entityType()),
                orEmpty(record.entityId()), orEmpty(record.outcome()), orEmpty(record.requestId()), orEmpty(record.beforeJson()),
                orEmpty(record.afterJson())));
    }

    static String line(List<String> cells) {
        return Csv.line(cells);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
