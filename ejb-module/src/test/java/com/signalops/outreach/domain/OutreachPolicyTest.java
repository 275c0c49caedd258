package com.signalops.outreach.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.signalops.shared.BusinessException;
import org.junit.jupiter.api.Test;

/** The bounds of the approval settings, and how many approvers a request needs. */
class OutreachPolicyTest {

    @Test
    void theDefaultsAreSevenDaysOneApproverAndNoAi() {
        assertEquals(new OutreachPolicy(7, null, false), OutreachPolicy.DEFAULTS);
        assertEquals(1, OutreachPolicy.DEFAULTS.approvalsRequired(1_000_000));
    }

    @Test
    void theExpiryLiesBetweenOneAndNinetyDays() {
        assertEquals(1, new OutreachPolicy(1, null, false).approvalExpiryDays());
        assertEquals(90, new OutreachPolicy(90, null, false).approvalExpiryDays());
        assertEquals("Approvals expire after 1 to 90 days, not 0",
                assertThrows(BusinessException.class, () -> new OutreachPolicy(0, null, false)).getMessage());
        BusinessException tooLong = assertThrows(BusinessException.class, () -> new OutreachPolicy(91, null, false));
        assertEquals("outreach-settings.invalid", tooLong.code());
    }

    @Test
    void aThresholdIsANumberOfRecipientsAboveWhichTwoApproversAreNeeded() {
        OutreachPolicy policy = new OutreachPolicy(7, 100, false);
        assertEquals(1, policy.approvalsRequired(100));
        assertEquals(2, policy.approvalsRequired(101));
        assertEquals(2, new OutreachPolicy(7, 0, false).approvalsRequired(1));
        assertEquals("outreach-settings.invalid", assertThrows(BusinessException.class, () -> new OutreachPolicy(7, -1, false)).code());
    }

    @Test
    void theFormsTextIsParsedWithAClearMessageForWhatIsNoNumber() {
        assertEquals(new OutreachPolicy(14, null, true), OutreachPolicy.parse(" 14 ", "", true));
        assertEquals(new OutreachPolicy(14, 250, false), OutreachPolicy.parse("14", "250", false));
        assertEquals("The approval expiry must be a whole number, not soon",
                assertThrows(BusinessException.class, () -> OutreachPolicy.parse("soon", "", false)).getMessage());
        assertEquals("The second approver threshold must be a whole number, not 1e3",
                assertThrows(BusinessException.class, () -> OutreachPolicy.parse("7", "1e3", false)).getMessage());
        assertEquals("The approval expiry needs a number of days from 1 to 90",
                assertThrows(BusinessException.class, () -> OutreachPolicy.parse(" ", "", false)).getMessage());
    }
}
