package com.signalops.shared;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV as every download of SignalOps writes it (RFC 4180: fields with a comma, quote or line break are quoted, quotes
 * doubled, lines end in CRLF). A cell that starts with {@code = + - @}, a tab or a carriage return gets a leading
 * single quote, so that a spreadsheet shows it as text instead of running it as a formula: cells carry what users typed.
 */
public final class Csv {

    private Csv() {
    }

    /** {@code cells} as one CSV line, CRLF included. */
    public static String line(List<String> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",", "", "\r\n"));
    }

    /** One cell: neutralised if a spreadsheet could take it for a formula, then quoted if it must be. */
    public static String cell(String value) {
        String neutral = value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
        boolean quoted = neutral.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return quoted ? '"' + neutral.replace("\"", "\"\"") + '"' : neutral;
    }
}
