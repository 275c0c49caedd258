package com.signalops.jobs.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.ScheduleExpression;
import org.junit.jupiter.api.Test;

class ScheduleSpecTest {

    @Test
    void parsesSixFieldsIntoACalendarExpression() {
        ScheduleExpression expression = ScheduleSpec.parse(" 0 30 2 * * * ", "UTC").toExpression();
        assertEquals("0", expression.getSecond());
        assertEquals("30", expression.getMinute());
        assertEquals("2", expression.getHour());
        assertEquals("*", expression.getDayOfMonth());
        assertEquals("*", expression.getMonth());
        assertEquals("*", expression.getDayOfWeek());
        assertEquals("UTC", expression.getTimezone());
    }

    @Test
    void offDisablesTheSchedule() {
        assertTrue(ScheduleSpec.parse("OFF", "UTC").isOff());
        assertThrows(IllegalStateException.class, () -> ScheduleSpec.OFF.toExpression());
    }

    @Test
    void rejectsTheWrongNumberOfFields() {
        assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse("30 2 * * *", "UTC"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse("", "UTC"));
    }

    @Test
    void rejectsCharactersOutsideTheTimerSyntax() {
        assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse("0 30 2 * * ;rm", "UTC"));
    }

    @Test
    void equalSpecsCompareEqualIncludingTheTimeZone() {
        assertEquals(ScheduleSpec.parse("0 0 3 * * *", "UTC"), ScheduleSpec.parse("0  0 3 * * *", "UTC"));
        assertEquals("0 0 3 * * * Europe/Berlin", ScheduleSpec.parse("0 0 3 * * *", "Europe/Berlin").toString());
    }
}
