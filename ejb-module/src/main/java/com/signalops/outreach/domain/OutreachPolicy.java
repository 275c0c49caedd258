package com.signalops.outreach.domain;

import com.signalops.shared.BusinessException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A workspace's approval and AI settings: how many days an approval (and a request waiting for one) lasts, above how
 * many recipients a request needs a second approver (none: one approver is always enough), and whether AI suggestions
 * may be asked for. A workspace that never changed them has {@link #DEFAULTS}.
 *
 * @param secondApproverThreshold null when one approver is always enough
 */
public record OutreachPolicy(int approvalExpiryDays, Integer secondApproverThreshold, boolean aiEnabled) {

    public static final int MIN_EXPIRY_DAYS = 1;
    public static final int MAX_EXPIRY_DAYS = 90;
    public static final int MAX_THRESHOLD = 100_000_000;

    /** Seven days, one approver, AI off. */
    public static final OutreachPolicy DEFAULTS = new OutreachPolicy(7, null, false);

    /** @throws BusinessException ({@code outreach-settings.invalid}) naming the value out of its bounds */
    public OutreachPolicy {
        if (approvalExpiryDays < MIN_EXPIRY_DAYS || approvalExpiryDays > MAX_EXPIRY_DAYS) {
            throw new BusinessException("outreach-settings.invalid", "Approvals expire after " + MIN_EXPIRY_DAYS + " to " + MAX_EXPIRY_DAYS
                    + " days, not " + approvalExpiryDays);
        }
        if (secondApproverThreshold != null && (secondApproverThreshold < 0 || secondApproverThreshold > MAX_THRESHOLD)) {
            throw new BusinessException("outreach-settings.invalid", "The second approver threshold is a number of recipients from 0 to "
                    + MAX_THRESHOLD + " (or empty for none), not " + secondApproverThreshold);
        }
    }

    /**
     * The settings as a form gives them: {@code expiryDays} a whole number of days, {@code threshold} a whole number of
     * recipients or blank for none.
     *
     * @throws BusinessException ({@code outreach-settings.invalid}) for a value that is no whole number or out of bounds
     */
    public static OutreachPolicy parse(String expiryDays, String threshold, boolean aiEnabled) {
        Integer days = number("The approval expiry", expiryDays);
        if (days == null) {
            throw new BusinessException("outreach-settings.invalid", "The approval expiry needs a number of days from " + MIN_EXPIRY_DAYS
                    + " to " + MAX_EXPIRY_DAYS);
        }
        return new OutreachPolicy(days, number("The second approver threshold", threshold), aiEnabled);
    }

    /** How many approvers a request of {@code recipientCount} recipients needs: two above the threshold, else one. */
    public int approvalsRequired(int recipientCount) {
        return secondApproverThreshold != null && recipientCount > secondApproverThreshold ? 2 : 1;
    }

    /** The settings by name, for the audit record and the console. */
    public Map<String, Object> asMap() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("approvalExpiryDays", approvalExpiryDays);
        values.put("secondApproverThreshold", secondApproverThreshold);
        values.put("aiEnabled", aiEnabled);
        return values;
    }

    private static Integer number(String what, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new BusinessException("outreach-settings.invalid", what + " must be a whole number, not " + value.trim());
        }
    }
}
