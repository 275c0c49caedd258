package com.signalops.approvals.domain;

import java.util.List;

/**
 * What a reviewer sees of a request: what it is about, the email as it will read (campaigns), the audience as it is
 * now with a masked sample, whether the subject is still what was requested, and the decisions so far.
 *
 * @param unchanged whether the subject hashes now as it did when requested (else approving it voids it)
 */
public record Review(ApprovalRequest request, String title, String description, String emailSubject, String emailBody, int recipientsNow,
        boolean unchanged, List<String> sample, List<ApprovalDecision> decisions) {
}
