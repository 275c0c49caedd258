package com.signalops.privacy.domain;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Rows of a query as JSON objects keyed by column label, for the exports: numbers exact, DATETIMEs
 * (stored in UTC) as ISO instants, JSON columns ({@code evidence}) embedded as JSON. Binary
 * columns are never selected by the exports' queries and are refused here.
 */
final class JsonRows {

    private JsonRows() {
    }

    /** Runs {@code query} with {@code parameters} and writes each row as an object of the array being written. */
    static int write(JsonGenerator json, Connection connection, String query, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                int count = 0;
                while (rows.next()) {
                    json.writeStartObject();
                    fields(json, rows);
                    json.writeEnd();
                    count++;
                }
                return count;
            }
        }
    }

    /** Writes the current row's columns as fields of the object being written. */
    static void fields(JsonGenerator json, ResultSet row) throws SQLException {
        ResultSetMetaData meta = row.getMetaData();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
            field(json, meta.getColumnLabel(column), meta.getColumnType(column), row, column);
        }
    }

    /** Writes {@code value} as field {@code name}, or null. */
    static void text(JsonGenerator json, String name, String value) {
        if (value == null) {
            json.writeNull(name);
        } else {
            json.write(name, value);
        }
    }

    /** Column {@code column} of {@code row}, a UTC DATETIME, as an ISO instant; null for NULL. */
    static String instant(ResultSet row, int column) throws SQLException {
        LocalDateTime at = row.getObject(column, LocalDateTime.class);
        return at == null ? null : at.toInstant(ZoneOffset.UTC).toString();
    }

    private static void field(JsonGenerator json, String name, int type, ResultSet row, int column) throws SQLException {
        switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE -> {
                String at = instant(row, column);
                if (at == null) {
                    json.writeNull(name);
                } else {
                    json.write(name, at);
                }
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                throw new IllegalStateException("Column " + name + " is binary: an export writes no binary column");
            case Types.BIT, Types.BOOLEAN -> {
                boolean value = row.getBoolean(column);
                if (row.wasNull()) {
                    json.writeNull(name);
                } else {
                    json.write(name, value);
                }
            }
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
                long value = row.getLong(column);
                if (row.wasNull()) {
                    json.writeNull(name);
                } else {
                    json.write(name, value);
                }
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                BigDecimal value = row.getBigDecimal(column);
                if (value == null) {
                    json.writeNull(name);
                } else {
                    json.write(name, value);
                }
            }
            default -> {
                String value = row.getString(column);
                if (value == null) {
                    json.writeNull(name);
                } else if (name.equals("evidence")) {
                    json.write(name, Json.createReader(new StringReader(value)).readValue());
                } else {
                    json.write(name, value);
                }
            }
        }
    }
}
