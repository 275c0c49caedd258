package com.signalops.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The staff allowlist comes from one configuration string. */
class PlatformStaffTest {

    @Test
    void listsCommaSeparatedAddressesTrimmedAndCaseInsensitively() {
        PlatformStaff staff = PlatformStaff.parse(" Ana@SignalOps.io ,ben@signalops.io,, ");
        assertEquals(2, staff.size());
        assertTrue(staff.isStaff("ana@signalops.io"));
        assertTrue(staff.isStaff("  BEN@signalops.IO "));
        assertFalse(staff.isStaff("carla@signalops.io"));
        assertFalse(staff.isStaff("ana@signalops.io.evil.example"));
        assertFalse(staff.isStaff(null));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", " , ,"})
    void aBlankListMeansNobody(String configured) {
        PlatformStaff staff = PlatformStaff.parse(configured);
        assertEquals(0, staff.size());
        assertFalse(staff.isStaff(""));
        assertFalse(staff.isStaff("ana@signalops.io"));
    }
}
