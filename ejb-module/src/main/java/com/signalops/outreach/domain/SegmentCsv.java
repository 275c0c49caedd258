package com.signalops.outreach.domain;

import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.domain.SealedSecret;
import com.signalops.shared.Csv;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CSV of an approved segment export, written from the database as it stands: the fields asked that its
 * destination's filter lets through, personal ones only when the filter and the approval both allow them, one line
 * per customer of the segment, by customer id. Emails are opened by the vault only when the email leaves.
 */
public final class SegmentCsv {

    /** The file's text, the fields it carries, how many customers, and where it goes (the address for SMTP). */
    public record Written(String csv, List<ExportField> fields, int rows, ExportDestination destination, String recipient) {
    }

    private final long workspaceId;
    private final CredentialVault vault;

    public SegmentCsv(long workspaceId, CredentialVault vault) {
        this.workspaceId = workspaceId;
        this.vault = vault;
    }

    /** The CSV of the segment export made as data export {@code dataExportId}; empty when there is no such export. */
    public Optional<Written> write(Connection connection, long dataExportId, Instant now) throws SQLException {
        Object[] export = row(connection, "SELECT e.id, e.store_id, e.segment_id, e.fields, s.kind, s.hours, s.variant_id, s.days, s.finding_id, "
                + "(SELECT f.subject FROM leak_finding f WHERE f.workspace_id = s.workspace_id AND f.store_id = s.store_id AND f.id = s.finding_id), "
                + "(SELECT r.personal_data FROM approval_request r WHERE r.workspace_id = e.workspace_id AND r.subject_kind = 'EXPORT' "
                + "AND r.subject_id = e.id AND r.status = 'APPROVED' AND r.used_at IS NOT NULL ORDER BY r.id DESC LIMIT 1), e.destination, e.recipient "
                + "FROM segment_export e JOIN segment s ON s.workspace_id = e.workspace_id AND s.id = e.segment_id "
                + "WHERE e.workspace_id = ? AND e.data_export_id = ?", workspaceId, dataExportId);
        if (export == null) {
            return Optional.empty();
        }
        long storeId = ((Number) export[1]).longValue();
        boolean approvedPersonal = export[10] != null && (export[10] instanceof Boolean b ? b : ((Number) export[10]).intValue() != 0);
        ExportDestination destination = ExportDestination.valueOf((String) export[11]);
        Object[] stored = row(connection, "SELECT allowed_fields, personal_allowed FROM export_destination_filter WHERE workspace_id = ? "
                + "AND destination = ?", workspaceId, destination.name());
        FieldFilter filter = stored == null ? FieldFilter.DEFAULT
                : FieldFilter.stored((String) stored[0], stored[1] instanceof Boolean b ? b : ((Number) stored[1]).intValue() != 0);
        List<ExportField> asked = java.util.Arrays.stream(((String) export[3]).split(",")).map(ExportField::of).toList();
        List<ExportField> fields = filter.letThrough(asked, approvedPersonal);
        SegmentDefinition definition = new SegmentDefinition(SegmentKind.valueOf((String) export[4]), integer(export[5]), longer(export[6]),
                integer(export[7]), longer(export[8]));
        SegmentMembers.Statement select = SegmentMembers.of(workspaceId, storeId, definition, now, (String) export[9]).select(
                "c.customer_id, c.marketing_state, c.email_key_version, c.email_nonce, c.email_ciphertext, "
                        + "(SELECT COUNT(*) FROM commerce_order o WHERE o.workspace_id = c.workspace_id AND o.store_id = c.store_id "
                        + "AND o.customer_id = c.customer_id AND o.test = FALSE AND o.cancelled_at IS NULL), "
                        + "(SELECT SUM(o.total_price - o.total_refunded) FROM commerce_order o WHERE o.workspace_id = c.workspace_id "
                        + "AND o.store_id = c.store_id AND o.customer_id = c.customer_id AND o.test = FALSE AND o.cancelled_at IS NULL), "
                        + "(SELECT MAX(o.created_at) FROM commerce_order o WHERE o.workspace_id = c.workspace_id AND o.store_id = c.store_id "
                        + "AND o.customer_id = c.customer_id AND o.test = FALSE AND o.cancelled_at IS NULL)",
                false, "ORDER BY c.customer_id");
        StringBuilder csv = new StringBuilder(Csv.line(fields.stream().map(ExportField::key).toList()));
        int rows = 0;
        try (PreparedStatement query = connection.prepareStatement(select.sql())) {
            for (int i = 0; i < select.values().size(); i++) {
                query.setObject(i + 1, select.values().get(i));
            }
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    List<String> cells = new ArrayList<>();
                    for (ExportField field : fields) {
                        cells.add(cell(field, result, storeId));
                    }
                    csv.append(Csv.line(cells));
                    rows++;
                }
            }
        }
        return Optional.of(new Written(csv.toString(), fields, rows, destination, (String) export[12]));
    }

    private String cell(ExportField field, ResultSet row, long storeId) throws SQLException {
        return switch (field) {
            case CUSTOMER_ID -> Long.toString(row.getLong(1));
            case MARKETING_STATE -> Optional.ofNullable(row.getString(2)).orElse("");
            case EMAIL -> row.getBytes(5) == null ? ""
                    : CustomerEmails.open(vault, new SealedSecret(row.getInt(3), row.getBytes(4), row.getBytes(5)), workspaceId, storeId);
            case ORDERS_COUNT -> Long.toString(row.getLong(6));
            case TOTAL_SPENT -> Optional.ofNullable(row.getBigDecimal(7)).map(java.math.BigDecimal::toPlainString).orElse("0");
            case LAST_ORDER_AT -> {
                Timestamp last = row.getTimestamp(8);
                yield last == null ? "" : last.toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
            }
        };
    }

    private static Object[] row(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                query.setObject(i + 1, values[i]);
            }
            try (ResultSet result = query.executeQuery()) {
                if (!result.next()) {
                    return null;
                }
                Object[] columns = new Object[result.getMetaData().getColumnCount()];
                for (int i = 0; i < columns.length; i++) {
                    columns[i] = result.getObject(i + 1);
                }
                return columns;
            }
        }
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    private static Long longer(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
