package com.signalops.outreach.domain;

import com.signalops.shared.BusinessException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A field an export of a segment's customers may carry, by its column name in the file. Only the email is personal:
 * it leaves only when the destination's filter lets personal fields go and the export's approval allowed them.
 */
public enum ExportField {

    CUSTOMER_ID(false),
    MARKETING_STATE(false),
    ORDERS_COUNT(false),
    TOTAL_SPENT(false),
    LAST_ORDER_AT(false),
    EMAIL(true);

    private final boolean personal;

    ExportField(boolean personal) {
        this.personal = personal;
    }

    /** The name of the field in files, filters and the console: {@code last_order_at}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the field tells who a person is. */
    public boolean personal() {
        return personal;
    }

    /** The field named {@code key}, if there is one. */
    public static Optional<ExportField> fromKey(String key) {
        return Arrays.stream(values()).filter(field -> field.key().equals(key)).findFirst();
    }

    /**
     * The field named {@code key}.
     *
     * @throws BusinessException ({@code export.field-unknown}) naming the key and the known fields
     */
    public static ExportField of(String key) {
        return fromKey(key == null ? "" : key.trim()).orElseThrow(() -> new BusinessException("export.field-unknown",
                "Unknown export field " + key + "; known: " + Arrays.stream(values()).map(ExportField::key).toList()));
    }
}
