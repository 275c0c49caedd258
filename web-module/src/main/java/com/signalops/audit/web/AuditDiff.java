package com.signalops.audit.web;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An entity before and after a change, key by key: every top-level key of either side, its two
 * values, and whether they differ. A side that is no JSON object shows as one line of its text.
 */
public final class AuditDiff {

    /** One key's values before and after (null where the side lacks it). */
    public record Line(String key, String before, String after, boolean changed) {
    }

    private AuditDiff() {
    }

    public static List<Line> of(String beforeJson, String afterJson) {
        if (beforeJson == null && afterJson == null) {
            return List.of();
        }
        JsonObject before = object(beforeJson);
        JsonObject after = object(afterJson);
        if ((beforeJson != null && before == null) || (afterJson != null && after == null)) {
            return List.of(new Line("", beforeJson, afterJson, !Objects.equals(beforeJson, afterJson)));
        }
        TreeSet<String> keys = new TreeSet<>();
        if (before != null) {
            keys.addAll(before.keySet());
        }
        if (after != null) {
            keys.addAll(after.keySet());
        }
        List<Line> lines = new ArrayList<>();
        for (String key : keys) {
            String was = text(before, key);
            String is = text(after, key);
            lines.add(new Line(key, was, is, !Objects.equals(was, is)));
        }
        return lines;
    }

    private static JsonObject object(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonValue value = Json.createReader(new StringReader(json)).readValue();
            return value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : null;
        } catch (JsonException e) {
            return null;
        }
    }

    private static String text(JsonObject object, String key) {
        if (object == null || !object.containsKey(key)) {
            return null;
        }
        JsonValue value = object.get(key);
        return value.getValueType() == JsonValue.ValueType.STRING ? ((jakarta.json.JsonString) value).getString() : value.toString();
    }
}
