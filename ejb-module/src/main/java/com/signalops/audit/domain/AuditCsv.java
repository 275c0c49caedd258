package com.signalops.audit.domain;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Audit records as CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes
 * doubled, lines end in CRLF). A cell that starts with {@code = + - @}, a tab or a carriage return
 * gets a leading single quote, so that a spreadsheet shows it as text instead of running it as a
 * formula: audit records carry what users typed.
 */
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
        return cells.stream().map(AuditCsv::cell).collect(Collectors.joining(",", "", "\r\n"));
    }

    /** One cell: neutralised if a spreadsheet could take it for a formula, then quoted if it must be. */
    public static String cell(String value) {
        String neutral = value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
        boolean quoted = neutral.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return quoted ? '"' + neutral.replace("\"", "\"\"") + '"' : neutral;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
