package com.signalops.audit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuditDiffTest {

    @Test
    void marksTheKeysWhoseValuesChangedAppearedOrWentAway() {
        List<AuditDiff.Line> diff = AuditDiff.of("{\"name\":\"Old\",\"currency\":\"USD\",\"district\":3}",
                "{\"name\":\"New\",\"currency\":\"USD\",\"timezone\":\"UTC\"}");

        assertEquals(List.of(
                new AuditDiff.Line("currency", "USD", "USD", false),
                new AuditDiff.Line("district", "3", null, true),
                new AuditDiff.Line("name", "Old", "New", true),
                new AuditDiff.Line("timezone", null, "UTC", true)), diff);
    }

    @Test
    void showsACreationAndATextThatIsNoObjectAsTheyAre() {
        assertEquals(List.of(new AuditDiff.Line("name", null, "New", true)), AuditDiff.of(null, "{\"name\":\"New\"}"));
        assertEquals(List.of(new AuditDiff.Line("", "not json", "[1]", true)), AuditDiff.of("not json", "[1]"));
        assertEquals(List.of(), AuditDiff.of(null, null));
    }
}
