package com.signalops.outreach.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.signalops.shared.BusinessException;
import org.junit.jupiter.api.Test;

/** The bounds of the approval settings, and how many approvers a request needs. */
class OutreachRulesTest {

    @Test
    void theDefaultsAreSevenDaysOneApproverAndNoAi() {
        assertEquals(new OutreachRules(7, null, false), OutreachRules.defaults());
        assertEquals(1, OutreachRules.defaults().approversFor(1_000_000));
    }

    @Test
    void theExpiryLiesBetweenOneAndNinetyDays() {
        assertEquals(1, new OutreachRules(1, null, false).approvalExpiryDays());
        assertEquals(90, new OutreachRules(90, null, false).approvalExpiryDays());
        assertEquals("Approvals expire after 1 to 90 days, not 0",
                assertThrows(BusinessException.class, () -> new OutreachRules(0, null, false)).getMessage());
        BusinessException tooLong = assertThrows(BusinessException.class, () -> new OutreachRules(91, null, false));
        assertEquals("outreach-settings.invalid", tooLong.code());
    }

    @Test
    void aThresholdIsANumberOfRecipientsAboveWhichTwoApproversAreNeeded() {
        OutreachRules policy = new OutreachRules(7, 100, false);
        assertEquals(1, policy.approversFor(100));
        assertEquals(2, policy.approversFor(101));
        assertEquals(2, new OutreachRules(7, 0, false).approversFor(1));
        assertEquals("outreach-settings.invalid", assertThrows(BusinessException.class, () -> new OutreachRules(7, -1, false)).code());
    }

    @Test
    void theFormsTextIsParsedWithAClearMessageForWhatIsNoNumber() {
        assertEquals(new OutreachRules(14, null, true), OutreachRules.parse(" 14 ", "", true));
        assertEquals(new OutreachRules(14, 250, false), OutreachRules.parse("14", "250", false));
        assertEquals("The approval expiry must be a whole number, not soon",
                assertThrows(BusinessException.class, () -> OutreachRules.parse("soon", "", false)).getMessage());
        assertEquals("The second approver threshold must be a whole number, not 1e3",
                assertThrows(BusinessException.class, () -> OutreachRules.parse("7", "1e3", false)).getMessage());
        assertEquals("The approval expiry needs a number of days from 1 to 90",
                assertThrows(BusinessException.class, () -> OutreachRules.parse(" ", "", false)).getMessage());
    }
}
