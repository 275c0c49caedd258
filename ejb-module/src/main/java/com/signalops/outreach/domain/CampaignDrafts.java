package com.signalops.outreach.domain;

import com.signalops.leaks.domain.LeakRule;

/** The first draft of a campaign proposed from a finding: a subject and plain text fitting the finding's rule, for staff to edit. */
public final class CampaignDrafts {

    /** A draft's subject and body. */
    public record Draft(String name, String subject, String body) {
    }

    private CampaignDrafts() {
    }

    public static Draft forFinding(LeakRule rule, long findingId, String storeName) {
        String signature = "\n\nThe " + storeName + " team";
        return switch (rule) {
            case UNFULFILLED_PAID, STALE_PAYMENT -> new Draft("Order update (finding " + findingId + ")", "An update on your order",
                    "Hello,\n\nThank you for your order. It is taking longer than we wanted to get it to you: it is being prepared "
                            + "now, and we will email you as soon as it ships." + signature);
            case STOCKOUT -> new Draft("Back in stock (finding " + findingId + ")", "It's back in stock",
                    "Hello,\n\nAn item you bought from us before is popular again and back in stock soon. Visit our shop to get "
                            + "yours before it runs out." + signature);
            default -> new Draft("Customer follow-up (finding " + findingId + ")", "A note from " + storeName,
                    "Hello,\n\nThank you for shopping with us. If anything about your recent order was not right, reply to this "
                            + "email and we will make it right." + signature);
        };
    }
}
