package com.signalops.jobs.domain;

import jakarta.ejb.ScheduleExpression;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A calendar schedule written as six fields, {@code second minute hour dayOfMonth month dayOfWeek},
 * each in EJB timer syntax ({@code *}, {@code 5}, {@code 1-5}, {@code 0,30}, {@code *}{@code /15}),
 * evaluated in UTC unless a time zone is given; or {@code off}.
 */
public final class ScheduleSpec implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*/,\\-]+");
    public static final ScheduleSpec OFF = new ScheduleSpec(null, "UTC");

    private final String[] fields;
    private final String timeZone;

    private ScheduleSpec(String[] fields, String timeZone) {
        this.fields = fields;
        this.timeZone = timeZone;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException when it is neither {@code off} nor six well-formed fields
     */
    public static ScheduleSpec parse(String text, String timeZone) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.toLowerCase(Locale.ROOT).equals("off")) {
            return OFF;
        }
        String[] parts = trimmed.split("\\s+");
        if (parts.length != 6) {
            throw new IllegalArgumentException("A schedule has six fields (second minute hour dayOfMonth month dayOfWeek) or is 'off': "
                    + trimmed);
        }
        for (String part : parts) {
            if (!FIELD.matcher(part).matches()) {
                throw new IllegalArgumentException("Not a schedule field: " + part);
            }
        }
        return new ScheduleSpec(parts, Objects.requireNonNull(timeZone));
    }

    public boolean isOff() {
        return fields == null;
    }

    /** The EJB calendar expression for this schedule; not defined for {@link #OFF}. */
    public ScheduleExpression toExpression() {
        if (isOff()) {
            throw new IllegalStateException("An 'off' schedule has no expression");
        }
        return new ScheduleExpression()
                .second(fields[0]).minute(fields[1]).hour(fields[2])
                .dayOfMonth(fields[3]).month(fields[4]).dayOfWeek(fields[5])
                .timezone(timeZone);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScheduleSpec that && toString().equals(that.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return isOff() ? "off" : String.join(" ", fields) + " " + timeZone;
    }
}
