package com.signalops.audit.web;

import com.signalops.audit.domain.AuditFilter;
import com.signalops.shared.BusinessException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The filter fields of the audit viewer as the form and the export URL carry them. Times are UTC,
 * written {@code 2026-11-25T12:00} or as an instant {@code 2026-11-25T12:00:00Z}.
 */
public class AuditFilterForm implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The query parameters of the export, in the order of the form. */
    static final String[] PARAMETERS = {"actorType", "actorId", "action", "entityType", "entityId", "outcome", "source", "from", "to"};

    private final Map<String, String> values = new LinkedHashMap<>();

    /** The filter of these fields, pages of {@code pageSize}; an unreadable time is an invalid filter. */
    AuditFilter toFilter(int pageSize) {
        return new AuditFilter(get("actorType"), get("actorId"), get("action"), get("entityType"), get("entityId"), get("outcome"),
                get("source"), instant(get("from"), "from"), instant(get("to"), "to"), pageSize);
    }

    /** The form of the query parameters {@code parameters} (the export's). */
    static AuditFilterForm of(Map<String, String[]> parameters) {
        AuditFilterForm form = new AuditFilterForm();
        for (String name : PARAMETERS) {
            String[] given = parameters.get(name);
            form.values.put(name, given == null || given.length == 0 ? null : given[0]);
        }
        return form;
    }

    /** The filled-in fields as a query string. */
    String queryString() {
        return values.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().strip(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Instant instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return text.endsWith("Z") ? Instant.parse(text) : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BusinessException("audit.invalid-filter", "Invalid audit filter: " + name + " is not a time");
        }
    }

    private String get(String name) {
        return values.get(name);
    }

    public Map<String, String> getValues() {
        return values;
    }
}
