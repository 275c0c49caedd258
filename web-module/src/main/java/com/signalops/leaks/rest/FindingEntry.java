package com.signalops.leaks.rest;

import com.signalops.leaks.domain.LeakFinding;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;

/** A finding as the API shows it: amounts as decimal strings, the evidence as the JSON object the rule wrote. */
public record FindingEntry(long id, long storeId, String code, String subject, String amount, String currency, String status,
        Instant firstSeenAt, Instant lastSeenAt, String statusChangedBy, Instant statusChangedAt, String statusReason,
        JsonObject evidence) {

    static FindingEntry of(LeakFinding f) {
        try (JsonReader reader = Json.createReader(new StringReader(f.evidence()))) {
            return new FindingEntry(f.id(), f.storeId(), f.rule().name(), f.subject(), f.amount().toPlainString(), f.currency(),
                    f.status().name(), f.firstSeenAt(), f.lastSeenAt(), f.statusChangedBy(), f.statusChangedAt(), f.statusReason(),
                    reader.readObject());
        }
    }
}
