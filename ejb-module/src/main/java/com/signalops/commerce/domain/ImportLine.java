package com.signalops.commerce.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One accepted line of an import file, typed by its gid. Emails are carried only from the parser to
 * the writer, which keeps a customer's sealed and hashed and an order's hashed only; no
 * {@code toString} shows one.
 */
public sealed interface ImportLine {

    /** The numeric part of the line's gid. */
    long id();

    record ProductLine(long id, String title, String status, Instant updatedAt) implements ImportLine {
    }

    record VariantLine(long id, long productId, String sku, BigDecimal price, Integer inventoryQuantity, Long inventoryItemId,
            Boolean tracked, BigDecimal unitCost, String costCurrency) implements ImportLine {
    }

    record CustomerLine(long id, String email, Instant createdAt, String marketingState, String marketingOptInLevel,
            Instant consentUpdatedAt) implements ImportLine {

        @Override
        public String toString() {
            return "CustomerLine[id=" + id + "]";
        }
    }

    record OrderLine(long id, String name, Instant createdAt, Instant cancelledAt, boolean test, String email, Long customerId,
            String financialStatus, String fulfillmentStatus, String currency, BigDecimal subtotalPrice, BigDecimal totalPrice,
            BigDecimal totalDiscounts, BigDecimal totalShipping, BigDecimal totalRefunded, Set<String> discountCodes,
            List<Refund> refunds) implements ImportLine {

        public OrderLine {
            discountCodes = Set.copyOf(discountCodes);
            refunds = List.copyOf(refunds);
        }

        @Override
        public String toString() {
            return "OrderLine[id=" + id + "]";
        }
    }

    /** A refund of an order, with the units it refunded per line item. */
    record Refund(long id, Instant createdAt, BigDecimal totalRefunded, List<RefundedItem> items) {

        public Refund {
            items = List.copyOf(items);
        }
    }

    record RefundedItem(long lineItemId, int quantity) {
    }

    record LineItemLine(long id, long orderId, String sku, int quantity, boolean requiresShipping, Long variantId,
            BigDecimal originalUnitPrice, BigDecimal discountedUnitPrice) implements ImportLine {
    }
}
