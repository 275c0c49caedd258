package com.signalops.commerce.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.commerce.domain.ImportLine.LineItemLine;
import com.signalops.commerce.domain.ImportLine.OrderLine;
import com.signalops.commerce.domain.ImportLine.RefundedItem;
import com.signalops.commerce.domain.ImportLine.VariantLine;
import com.signalops.commerce.domain.WebhookChange.InventoryChange;
import com.signalops.commerce.domain.WebhookChange.OrderChange;
import com.signalops.commerce.domain.WebhookChange.ProductChange;
import com.signalops.commerce.domain.WebhookChange.RefundChange;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Shopify's example webhook payloads read into what the commerce tables keep. */
class WebhookPayloadsTest {

    @Test
    void readsShopifysOrderExampleInShopMoneyAndDisplayStatuses() {
        OrderChange change = WebhookPayloads.order(WebhookSamples.ORDERS_CREATE.bytes());

        OrderLine order = change.order();
        assertEquals(820982911946154508L, order.id());
        assertEquals("#9999", order.name());
        assertEquals(Instant.parse("2022-01-01T00:00:00Z"), order.createdAt());
        assertEquals(Instant.parse("2022-01-01T00:00:00Z"), order.cancelledAt());
        assertTrue(order.test());
        assertEquals(115310627314723954L, order.customerId());
        assertEquals("VOIDED", order.financialStatus());
        assertEquals("PENDING", order.fulfillmentStatus());
        assertEquals("USD", order.currency());
        assertEquals(new BigDecimal("388.00"), order.subtotalPrice());
        assertEquals(new BigDecimal("388.00"), order.totalPrice());
        assertEquals(new BigDecimal("20.00"), order.totalDiscounts());
        assertEquals(new BigDecimal("10.00"), order.totalShipping());
        assertEquals(BigDecimal.ZERO, order.totalRefunded());
        assertEquals(Set.of(), order.discountCodes());
        assertEquals(Instant.parse("2022-01-01T00:00:00Z"), change.updatedAt());
        assertEquals(List.of(new LineItemLine(866550311766439020L, order.id(), "IPOD2008PINK", 1, true, 808950810L,
                new BigDecimal("199.00"), new BigDecimal("199.00")), new LineItemLine(141249953214522974L, order.id(), "IPOD2008PINK", 1,
                        true, 808950810L, new BigDecimal("199.00"), new BigDecimal("199.00"))), change.lineItems());
        assertFalse(order.toString().contains("@"), "no email in the order's text");
    }

    @Test
    void mapsRestStatusesToTheGraphQlDisplayValues() {
        assertEquals("PAID", WebhookPayloads.financialStatus("paid"));
        assertEquals("PARTIALLY_REFUNDED", WebhookPayloads.financialStatus("partially_refunded"));
        assertEquals("PENDING", WebhookPayloads.financialStatus("pending"));
        assertNull(WebhookPayloads.financialStatus(null));
        assertEquals("UNFULFILLED", WebhookPayloads.fulfillmentStatus(null));
        assertEquals("PARTIALLY_FULFILLED", WebhookPayloads.fulfillmentStatus("partial"));
        assertEquals("FULFILLED", WebhookPayloads.fulfillmentStatus("fulfilled"));
        assertEquals("RESTOCKED", WebhookPayloads.fulfillmentStatus("restocked"));
    }

    @Test
    void aLineItemsDiscountedUnitPriceIsItsPriceLessItsAllocationsPerUnit() {
        JsonObject firstItem = WebhookSamples.read(WebhookSamples.ORDERS_CREATE.bytes()).getJsonArray("line_items").getJsonObject(0);
        byte[] body = WebhookSamples.ORDERS_CREATE.with(order -> order.add("line_items", WebhookSamples.array(
                WebhookSamples.object(firstItem).add("quantity", 3).add(
                        "discount_allocations", WebhookSamples.array(WebhookSamples.allocation("10.00"), WebhookSamples.allocation("0.01"))))));

        LineItemLine item = WebhookPayloads.order(body).lineItems().get(0);

        assertEquals(3, item.quantity());
        assertEquals(new BigDecimal("195.6633"), item.discountedUnitPrice(), "199.00 - 10.01 / 3, to the column's 4 decimals");
    }

    @Test
    void aRefundTotalsItsShopCurrencyTransactionsElseItsLineSubtotalsAndTaxes() {
        RefundChange byLines = WebhookPayloads.refund(WebhookSamples.REFUNDS_CREATE.bytes(), "USD");
        assertEquals(820982911946154508L, byLines.orderId());
        assertEquals(890088186047892319L, byLines.refund().id());
        assertEquals(Instant.parse("2022-01-01T00:00:00Z"), byLines.refund().createdAt());
        assertEquals(List.of(new RefundedItem(487817672276298554L, 1)), byLines.refund().items());
        assertEquals(new BigDecimal("199.00"), byLines.refund().totalRefunded());

        byte[] withTransactions = WebhookSamples.REFUNDS_CREATE.with(refund -> refund.add("transactions", WebhookSamples.array(
                WebhookSamples.transaction("refund", "success", "150.00", "USD"), WebhookSamples.transaction("refund", "failure", "150.00",
                        "USD"), WebhookSamples.transaction("refund", "success", "7.50", "USD"))));
        assertEquals(new BigDecimal("157.50"), WebhookPayloads.refund(withTransactions, "USD").refund().totalRefunded());
        // transactions in the buyer's currency are not shop money: the line items' shop money counts
        assertEquals(new BigDecimal("199.00"), WebhookPayloads.refund(withTransactions, "CAD").refund().totalRefunded());
    }

    @Test
    void anOrdersRefundsMakeItsRefundedTotal() {
        byte[] refund = WebhookSamples.REFUNDS_CREATE.bytes();
        byte[] body = WebhookSamples.ORDERS_CREATE.with(order -> order.add("refunds", WebhookSamples.array(WebhookSamples.read(refund))));

        OrderLine order = WebhookPayloads.order(body).order();

        assertEquals(1, order.refunds().size());
        assertEquals(new BigDecimal("199.00"), order.totalRefunded());
    }

    @Test
    void readsShopifysProductExampleWithoutCostOrTracking() {
        ProductChange change = WebhookPayloads.product(WebhookSamples.PRODUCTS_UPDATE.bytes());

        assertEquals(788032119674292922L, change.product().id());
        assertEquals("Example T-Shirt", change.product().title());
        assertEquals("ACTIVE", change.product().status());
        assertEquals(Instant.parse("2022-01-01T00:00:00Z"), change.product().updatedAt());
        assertEquals(List.of(new VariantLine(642667041472713922L, 788032119674292922L, "example-shirt-s", new BigDecimal("19.99"), 75, null,
                null, null, null), new VariantLine(757650484644203962L, 788032119674292922L, "example-shirt-m", new BigDecimal("19.99"), 50,
                        null, null, null, null)), change.variants());
    }

    @Test
    void readsShopifysInventoryLevelAndDeletionExamples() {
        InventoryChange level = WebhookPayloads.inventoryLevel(WebhookSamples.INVENTORY_LEVELS_UPDATE.bytes());
        assertEquals(new InventoryChange(271878346596884015L, 6, Instant.parse("2022-01-01T00:00:00Z")), level);
        assertEquals(788032119674292922L, WebhookPayloads.productDeletion(WebhookSamples.PRODUCTS_DELETE.bytes()).productId());
    }

    @Test
    void refusesAPayloadThatDoesNotReadWithoutQuotingIt() {
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> WebhookPayloads.order("{\"email\":\"ann@example.com\"".getBytes(StandardCharsets.UTF_8)));
        assertFalse(notJson.getMessage().contains("ann"));
        IllegalArgumentException noId = assertThrows(IllegalArgumentException.class,
                () -> WebhookPayloads.order("{\"email\":\"ann@example.com\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("id is missing or not a numeric id", noId.getMessage());
    }
}
