package com.signalops.outreach.domain;

import com.signalops.shared.BusinessException;
import java.util.Objects;

/**
 * What a segment selects: its kind and the kind's parameters, the others null.
 *
 * @param hours     UNFULFILLED_PAID: unfulfilled for more than this many hours (1 to 8,760)
 * @param variantId BOUGHT_VARIANT: the variant (its Shopify id)
 * @param days      BOUGHT_VARIANT: bought in this many last days (1 to 3,660)
 * @param findingId FINDING_CUSTOMERS: the finding
 */
public record SegmentDefinition(SegmentKind kind, Integer hours, Long variantId, Integer days, Long findingId) {

    public static final int MAX_HOURS = 8760;
    public static final int MAX_DAYS = 3660;

    public SegmentDefinition {
        Objects.requireNonNull(kind, "kind");
        boolean shaped = switch (kind) {
            case UNFULFILLED_PAID -> hours != null && variantId == null && days == null && findingId == null;
            case BOUGHT_VARIANT -> variantId != null && days != null && hours == null && findingId == null;
            case FINDING_CUSTOMERS -> findingId != null && hours == null && variantId == null && days == null;
        };
        if (!shaped) {
            throw new BusinessException("segment.definition-invalid", "A " + kind + " segment needs exactly its own parameters");
        }
        if (hours != null && (hours < 1 || hours > MAX_HOURS)) {
            throw new BusinessException("segment.hours-invalid", "Hours must be between 1 and " + MAX_HOURS);
        }
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw new BusinessException("segment.days-invalid", "Days must be between 1 and " + MAX_DAYS);
        }
        if (variantId != null && variantId < 1) {
            throw new BusinessException("segment.variant-invalid", "Name a variant by its Shopify id");
        }
    }

    public static SegmentDefinition unfulfilledPaid(int hours) {
        return new SegmentDefinition(SegmentKind.UNFULFILLED_PAID, hours, null, null, null);
    }

    public static SegmentDefinition boughtVariant(long variantId, int days) {
        return new SegmentDefinition(SegmentKind.BOUGHT_VARIANT, null, variantId, days, null);
    }

    public static SegmentDefinition findingCustomers(long findingId) {
        return new SegmentDefinition(SegmentKind.FINDING_CUSTOMERS, null, null, null, findingId);
    }

    /** The definition in words, as reviewers read it. */
    public String describe() {
        return switch (kind) {
            case UNFULFILLED_PAID -> "Customers whose paid orders are unfulfilled over " + hours + " h";
            case BOUGHT_VARIANT -> "Customers who bought variant " + variantId + " in the last " + days + " days";
            case FINDING_CUSTOMERS -> "Customers affected by finding " + findingId;
        };
    }
}
