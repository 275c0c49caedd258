package com.signalops.ai.domain;

import java.util.Objects;

/**
 * The audience a model proposes, as one of the segment kinds with its parameters (the others null): customers whose
 * paid orders are unfulfilled over {@code hours}, who bought {@code variantId} in the last {@code days}, or the
 * customers affected by finding {@code findingId}.
 */
public record SegmentProposal(Kind kind, Integer hours, Long variantId, Integer days, Long findingId) {

    /** The segment kinds a model may propose. */
    public enum Kind { UNFULFILLED_PAID, BOUGHT_VARIANT, FINDING_CUSTOMERS }

    public static final int MAX_HOURS = 8760;
    public static final int MAX_DAYS = 365;

    public SegmentProposal {
        Objects.requireNonNull(kind, "kind");
        boolean consistent = switch (kind) {
            case UNFULFILLED_PAID -> hours != null && variantId == null && days == null && findingId == null;
            case BOUGHT_VARIANT -> variantId != null && days != null && hours == null && findingId == null;
            case FINDING_CUSTOMERS -> findingId != null && hours == null && variantId == null && days == null;
        };
        if (!consistent) {
            throw new IllegalArgumentException("a " + kind + " segment has exactly its own parameters");
        }
    }

    /** A short description for people: {@code customers of finding 42}. */
    public String describe() {
        return switch (kind) {
            case UNFULFILLED_PAID -> "customers with paid orders unfulfilled over " + hours + " h";
            case BOUGHT_VARIANT -> "customers who bought variant " + variantId + " in the last " + days + " days";
            case FINDING_CUSTOMERS -> "customers of finding " + findingId;
        };
    }
}
