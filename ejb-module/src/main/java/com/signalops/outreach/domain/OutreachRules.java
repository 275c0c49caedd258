package com.signalops.outreach.domain;

import com.signalops.shared.BusinessException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A workspace's rules for outward actions: how long requests and approvals live (1 to 90 days), above how many
 * recipients two approvers are needed, whether AI suggestions are on.
 *
 * @param secondApproverThreshold null: one approver is always enough
 */
public record OutreachRules(int approvalExpiryDays, Integer secondApproverThreshold, boolean aiEnabled) {

    public static final int DEFAULT_EXPIRY_DAYS = 7;
    public static final int MIN_EXPIRY_DAYS = 1;
    public static final int MAX_EXPIRY_DAYS = 90;

    /** @throws BusinessException ({@code outreach-settings.invalid}) naming the value out of its bounds */
    public OutreachRules {
        if (approvalExpiryDays < MIN_EXPIRY_DAYS || approvalExpiryDays > MAX_EXPIRY_DAYS) {
            throw new BusinessException("outreach-settings.invalid", "Approvals expire after " + MIN_EXPIRY_DAYS + " to " + MAX_EXPIRY_DAYS
                    + " days, not " + approvalExpiryDays);
        }
        if (secondApproverThreshold != null && secondApproverThreshold < 0) {
            throw new BusinessException("outreach-settings.invalid", "The second approver threshold is a number of recipients from 0 "
                    + "(or empty for none), not " + secondApproverThreshold);
        }
    }

    /** The rules of a workspace that set none. */
    public static OutreachRules defaults() {
        return new OutreachRules(DEFAULT_EXPIRY_DAYS, null, false);
    }

    /**
     * The rules as a form gives them: {@code expiryDays} a whole number of days, {@code threshold} a whole number of
     * recipients or blank for none.
     *
     * @throws BusinessException ({@code outreach-settings.invalid}) for a value that is no whole number or out of bounds
     */
    public static OutreachRules parse(String expiryDays, String threshold, boolean aiEnabled) {
        Integer days = number("The approval expiry", expiryDays);
        if (days == null) {
            throw new BusinessException("outreach-settings.invalid", "The approval expiry needs a number of days from " + MIN_EXPIRY_DAYS
                    + " to " + MAX_EXPIRY_DAYS);
        }
        return new OutreachRules(days, number("The second approver threshold", threshold), aiEnabled);
    }

    public Duration approvalLifetime() {
        return Duration.ofDays(approvalExpiryDays);
    }

    /** How many approvers a request of {@code recipients} recipients needs. */
    public int approversFor(int recipients) {
        return secondApproverThreshold != null && recipients > secondApproverThreshold ? 2 : 1;
    }

    /** The rules by name, for the audit record and the console. */
    public Map<String, Object> asMap() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("approvalExpiryDays", approvalExpiryDays);
        values.put("secondApproverThreshold", secondApproverThreshold);
        values.put("aiEnabled", aiEnabled);
        return values;
    }

    /** A campaign's body as its reviewers see it: with the unsubscribe line every message ends with. */
    public static String previewBody(String body) {
        return body + "\n\n--\nUnsubscribe: <a link of the recipient's own>";
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
