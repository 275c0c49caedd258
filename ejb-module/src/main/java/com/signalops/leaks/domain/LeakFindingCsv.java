package com.signalops.leaks.domain;

import com.signalops.shared.Csv;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Revenue-leak findings as CSV, a line per finding with its evidence as JSON in the last cell ({@link Csv}). */
public final class LeakFindingCsv {

    /** The columns, in order. */
    public static final List<String> HEADER = List.of("id", "store_id", "code", "subject", "amount", "currency", "status", "first_seen_at",
            "last_seen_at", "status_changed_by", "status_changed_at", "status_reason", "evidence");

    private LeakFindingCsv() {
    }

    public static String headerLine() {
        return Csv.line(HEADER);
    }

    /** {@code finding} as one CSV line, CRLF included. */
    public static String line(LeakFinding finding) {
        return Csv.line(List.of(Long.toString(finding.id()), Long.toString(finding.storeId()), finding.rule().name(), finding.subject(),
                finding.amount().toPlainString(), finding.currency(), finding.status().name(), finding.firstSeenAt().toString(),
                finding.lastSeenAt().toString(), orEmpty(finding.statusChangedBy()),
                Optional.ofNullable(finding.statusChangedAt()).map(Instant::toString).orElse(""), orEmpty(finding.statusReason()),
                finding.evidence()));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
