package com.signalops.commerce.domain;

import com.signalops.commerce.domain.ImportLine.LineItemLine;
import com.signalops.commerce.domain.ImportLine.OrderLine;
import com.signalops.commerce.domain.ImportLine.ProductLine;
import com.signalops.commerce.domain.ImportLine.Refund;
import com.signalops.commerce.domain.ImportLine.VariantLine;
import java.time.Instant;
import java.util.List;

/**
 * What one Shopify webhook changes in a store's commerce tables, read from its REST payload by
 * {@link WebhookPayloads} and applied by {@link CommerceWebhookChanges}. Each change carries
 * what the tables keep of the payload, no more: an order's email only until the writer hashes it.
 */
public sealed interface WebhookChange {

    /** orders/create, orders/updated, orders/cancelled: the order's version of {@code updatedAt} and its line items. */
    record OrderChange(OrderLine order, List<LineItemLine> lineItems, Instant updatedAt) implements WebhookChange {

        public OrderChange {
            lineItems = List.copyOf(lineItems);
        }
    }

    /** refunds/create: one more refund of order {@code orderId}. */
    record RefundChange(long orderId, Refund refund) implements WebhookChange {
    }

    /**
     * products/update: the product and its variants. The payload has no unit cost and no
     * tracked flag of the inventory item, so the variants carry none; the writer keeps the known ones.
     */
    record ProductChange(ProductLine product, List<VariantLine> variants) implements WebhookChange {

        public ProductChange {
            variants = List.copyOf(variants);
        }
    }

    /** products/delete. */
    record ProductDeletion(long productId) implements WebhookChange {
    }

    /** inventory_levels/update: units available of an inventory item at one location, as of {@code updatedAt}. */
    record InventoryChange(long inventoryItemId, Integer available, Instant updatedAt) implements WebhookChange {
    }
}
