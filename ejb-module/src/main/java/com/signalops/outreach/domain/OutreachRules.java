package com.signalops.outreach.domain;

import java.time.Duration;

/**
 * A workspace's rules for outward actions: how long requests and approvals live, above how many recipients two
 * approvers are needed, whether AI suggestions are on.
 *
 * @param secondApproverThreshold null: one approver is always enough
 */
public record OutreachRules(int approvalExpiryDays, Integer secondApproverThreshold, boolean aiEnabled) {

    public static final int DEFAULT_EXPIRY_DAYS = 7;

    /** The rules of a workspace that set none. */
    public static OutreachRules defaults() {
        return new OutreachRules(DEFAULT_EXPIRY_DAYS, null, false);
    }

    public Duration approvalLifetime() {
        return Duration.ofDays(approvalExpiryDays);
    }

    /** How many approvers a request of {@code recipients} recipients needs. */
    public int approversFor(int recipients) {
        return secondApproverThreshold != null && recipients > secondApproverThreshold ? 2 : 1;
    }

    /** A campaign's body as its reviewers see it: with the unsubscribe line every message ends with. */
    public static String previewBody(String body) {
        return body + "\n\n--\nUnsubscribe: <a link of the recipient's own>";
    }
}
