package com.signalops.outreach.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.signalops.shared.BusinessException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which asked fields a destination's filter lets leave: personal ones only when the filter and the approval both allow them. */
class FieldFilterTest {

    private static final List<ExportField> ALL = List.of(ExportField.EMAIL, ExportField.CUSTOMER_ID, ExportField.TOTAL_SPENT,
            ExportField.MARKETING_STATE, ExportField.ORDERS_COUNT, ExportField.LAST_ORDER_AT);

    @Test
    void onlyTheEmailIsPersonal() {
        assertEquals(List.of(ExportField.EMAIL), List.of(ExportField.values()).stream().filter(ExportField::personal).toList());
        assertEquals("last_order_at", ExportField.LAST_ORDER_AT.key());
        assertEquals("export.field-unknown", assertThrows(BusinessException.class, () -> ExportField.of("phone")).code());
    }

    @Test
    void withoutAFilterOfItsOwnADestinationLetsEveryNonPersonalFieldGo() {
        assertEquals(List.of(ExportField.CUSTOMER_ID, ExportField.TOTAL_SPENT, ExportField.MARKETING_STATE, ExportField.ORDERS_COUNT,
                ExportField.LAST_ORDER_AT), FieldFilter.DEFAULT.letThrough(ALL, true));
    }

    @Test
    void thePersonalFieldLeavesOnlyWhenTheFilterAndTheApprovalBothAllowIt() {
        FieldFilter personal = FieldFilter.of(List.of("customer_id", "email"), true);
        assertEquals(List.of(ExportField.EMAIL, ExportField.CUSTOMER_ID), personal.letThrough(ALL, true));
        assertEquals(List.of(ExportField.CUSTOMER_ID), personal.letThrough(ALL, false), "the approval did not allow personal data");
        assertEquals(List.of(ExportField.CUSTOMER_ID), FieldFilter.of(List.of("customer_id"), true).letThrough(ALL, true),
                "the filter does not list the email");
    }

    @Test
    void aPersonalFieldCannotBeListedWherePersonalFieldsMayNotLeave() {
        BusinessException refused = assertThrows(BusinessException.class, () -> FieldFilter.of(List.of("email"), false));
        assertEquals("outreach-settings.invalid", refused.code());
        assertEquals("email is a personal field: it may be listed only where personal fields may leave", refused.getMessage());
    }

    @Test
    void theStoredFormKeepsTheFieldsAndIgnoresWhatIsNoLongerKnown() {
        FieldFilter filter = FieldFilter.of(List.of("total_spent", "customer_id", "email"), true);
        assertEquals("customer_id,total_spent,email", filter.csv());
        assertEquals(filter, FieldFilter.stored(filter.csv(), true));
        assertEquals(FieldFilter.of(List.of("customer_id"), false), FieldFilter.stored("customer_id,phone,email", false));
    }
}
