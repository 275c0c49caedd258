package com.signalops.audit.domain;

import jakarta.json.stream.JsonGenerator;

/** An audit record as one JSON object of an export: every column, before and after as the JSON text stored. */
public final class AuditJson {

    private AuditJson() {
    }

    /** Writes {@code record} as the next object of the array {@code json} is writing. */
    public static void write(JsonGenerator json, AuditRecordView record) {
        json.writeStartObject().write("id", record.id());
        if (record.seq() == null) {
            json.writeNull("seq");
        } else {
            json.write("seq", record.seq());
        }
        json.write("occurredAt", record.occurredAt().toString());
        field(json, "actorType", record.actorType());
        field(json, "actorId", record.actorId());
        field(json, "actorName", record.actorName());
        field(json, "source", record.source());
        field(json, "action", record.action());
        field(json, "entityType", record.entityType());
        field(json, "entityId", record.entityId());
        field(json, "outcome", record.outcome());
        field(json, "requestId", record.requestId());
        field(json, "before", record.beforeJson());
        field(json, "after", record.afterJson());
        json.writeEnd();
    }

    private static void field(JsonGenerator json, String name, String value) {
        if (value == null) {
            json.writeNull(name);
        } else {
            json.write(name, value);
        }
    }
}
