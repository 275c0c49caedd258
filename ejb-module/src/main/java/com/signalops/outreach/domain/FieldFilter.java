package com.signalops.outreach.domain;

import com.signalops.shared.BusinessException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which fields may leave through one destination. A personal field (the email) may be listed only when personal fields
 * may leave at all, and even then it goes only with an export whose approval allowed personal data. A destination
 * without a filter of its own has {@link #DEFAULT}: every non-personal field, no personal one.
 */
public record FieldFilter(Set<ExportField> allowed, boolean personalAllowed) {

    /** Every non-personal field; personal fields stay. */
    public static final FieldFilter DEFAULT = new FieldFilter(
            Arrays.stream(ExportField.values()).filter(field -> !field.personal()).collect(Collectors.toCollection(() -> EnumSet.noneOf(ExportField.class))),
            false);

    /** @throws BusinessException ({@code outreach-settings.invalid}) for a personal field listed while personal fields may not leave */
    public FieldFilter {
        EnumSet<ExportField> copy = EnumSet.noneOf(ExportField.class);
        copy.addAll(allowed);
        for (ExportField field : copy) {
            if (field.personal() && !personalAllowed) {
                throw new BusinessException("outreach-settings.invalid", field.key() + " is a personal field: it may be listed only where "
                        + "personal fields may leave");
            }
        }
        allowed = Collections.unmodifiableSet(copy);
    }

    /**
     * The filter of the fields named {@code keys}.
     *
     * @throws BusinessException ({@code export.field-unknown}, {@code outreach-settings.invalid}) for an unknown name or a
     *                           personal field while personal fields may not leave
     */
    public static FieldFilter of(Collection<String> keys, boolean personalAllowed) {
        return new FieldFilter(keys.stream().map(ExportField::of).collect(Collectors.toSet()), personalAllowed);
    }

    /** The filter as {@code export_destination_filter} stores it: the allowed fields' keys, comma-separated. */
    public static FieldFilter stored(String allowedFields, boolean personalAllowed) {
        Set<ExportField> fields = EnumSet.noneOf(ExportField.class);
        for (String key : allowedFields.split(",")) {
            // a field no longer known lets nothing through
            ExportField.fromKey(key.trim()).filter(field -> personalAllowed || !field.personal()).ifPresent(fields::add);
        }
        return new FieldFilter(fields, personalAllowed);
    }

    /**
     * The fields of {@code asked} that may leave, in the order asked: those the filter lists, of which the personal ones
     * only when the export's approval allowed personal data ({@code approvedPersonal}).
     */
    public List<ExportField> letThrough(List<ExportField> asked, boolean approvedPersonal) {
        return asked.stream().distinct().filter(allowed::contains).filter(field -> !field.personal() || (personalAllowed && approvedPersonal))
                .toList();
    }

    public boolean allows(ExportField field) {
        return allowed.contains(field);
    }

    /** The allowed fields' keys, comma-separated in catalogue order. */
    public String csv() {
        return allowed.stream().map(ExportField::key).collect(Collectors.joining(","));
    }

    /** The filter for the audit record and the console. */
    public Map<String, Object> asMap() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("allowedFields", allowed.stream().map(ExportField::key).toList());
        values.put("personalAllowed", personalAllowed);
        return values;
    }
}
