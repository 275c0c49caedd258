package com.signalops.ai.domain;

import com.signalops.leaks.domain.LeakRule;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What a suggestion is asked from: one finding (its rule, subject, amount and evidence as the analysis wrote them) and
 * its store, with the values the caller marks personal beyond those the {@link Pseudonymizer} finds by their shape. These
 * are the real values: nothing of this record leaves SignalOps as it is.
 *
 * @param evidence the finding's evidence, a JSON object
 * @param personal further values to replace wherever they appear (customers' names, a custom shop domain, ids)
 */
public record SuggestionContext(long findingId, LeakRule rule, String subject, BigDecimal amount, String currency, String evidence,
        String storeCode, String shopDomain, List<Marked> personal) {

    /** A value the caller marks personal, with what it is. */
    public record Marked(Pseudonymizer.Kind kind, String value) {

        public Marked {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }
    }

    public SuggestionContext {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(storeCode, "storeCode");
        Objects.requireNonNull(shopDomain, "shopDomain");
        personal = List.copyOf(personal);
    }
}
