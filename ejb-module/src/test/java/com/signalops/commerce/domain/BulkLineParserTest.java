package com.signalops.commerce.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.commerce.domain.ImportLine.CustomerLine;
import com.signalops.commerce.domain.ImportLine.LineItemLine;
import com.signalops.commerce.domain.ImportLine.OrderLine;
import com.signalops.commerce.domain.ImportLine.VariantLine;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The import format of issue 6 and clarifications 9-14, line by line, over the sample files of src/test/resources/shopify/bulk. */
class BulkLineParserTest {

    @Test
    void readsTheSampleProductsAndNamesEveryBadLine() throws IOException {
        Map<Long, Object> lines = parseAll(ImportResource.PRODUCTS);
        assertEquals(SkipReason.INVALID_JSON, lines.get(3L));
        assertEquals(SkipReason.ORPHAN, lines.get(4L));
        assertEquals(SkipReason.MISSING_ID, lines.get(5L));
        assertEquals(SkipReason.UNKNOWN_GID_TYPE, lines.get(6L));
        assertFalse(lines.containsKey(7L), "a blank line is neither read nor skipped");
        assertEquals(SkipReason.INVALID_JSON, lines.get(11L), "a JSON value that is not an object");
        VariantLine tee = (VariantLine) lines.get(2L);
        assertEquals(1001, tee.productId());
        assertEquals(new BigDecimal("25.00"), tee.price());
        assertEquals(12, tee.inventoryQuantity());
        assertEquals(3001L, tee.inventoryItemId());
        assertEquals(new BigDecimal("9.50"), tee.unitCost());
        VariantLine mug = (VariantLine) lines.get(9L);
        assertNull(mug.unitCost(), "a null unitCost is no cost");
        assertEquals(new BigDecimal("12.5"), mug.price());
        assertEquals(Instant.parse("2026-10-02T10:00:00Z"), ((ImportLine.ProductLine) lines.get(8L)).updatedAt(),
                "a timestamp without an offset is UTC");
    }

    @Test
    void readsCustomersKeepingTheEmailOnlyForTheWriterAndNeverInToString() throws IOException {
        Map<Long, Object> lines = parseAll(ImportResource.CUSTOMERS);
        CustomerLine ann = (CustomerLine) lines.get(1L);
        assertEquals("ann@example.com", ann.email());
        assertEquals("SUBSCRIBED", ann.marketingState());
        assertEquals(Instant.parse("2026-01-02T08:00:00Z"), ann.consentUpdatedAt());
        assertFalse(ann.toString().contains("ann@"), ann.toString());
        assertNull(((CustomerLine) lines.get(3L)).email());
        assertEquals(SkipReason.MISSING_ID, lines.get(4L));
    }

    @Test
    void readsOrdersWithMoneyRefundsCodesAndChildren() throws IOException {
        Map<Long, Object> lines = parseAll(ImportResource.ORDERS);
        OrderLine first = (OrderLine) lines.get(1L);
        assertEquals(new BigDecimal("50.99"), first.totalPrice());
        assertEquals(new BigDecimal("5.99"), first.totalShipping());
        assertEquals(5001L, first.customerId());
        assertEquals(Set.of("WELCOME10"), first.discountCodes());
        assertEquals(9001, first.refunds().get(0).id());
        assertEquals(List.of(new ImportLine.RefundedItem(8001, 1)), first.refunds().get(0).items());
        assertFalse(first.toString().contains("ann@"), first.toString());
        LineItemLine noVariant = (LineItemLine) lines.get(3L);
        assertNull(noVariant.variantId());
        assertEquals(new BigDecimal("10.00"), noVariant.discountedUnitPrice(), "a missing discounted price is the original");
        OrderLine cancelled = (OrderLine) lines.get(4L);
        assertTrue(cancelled.cancelledAt() != null && !cancelled.test(), "test missing is not a test order");
        assertEquals(BigDecimal.ZERO, cancelled.totalDiscounts(), "a null money field is 0");
        assertEquals(BigDecimal.ZERO, cancelled.totalShipping(), "a missing money field is 0");
        assertEquals(Set.of("save", "SAVE"), cancelled.discountCodes(), "a code twice on one order counts once");
        assertEquals(List.of(new ImportLine.RefundedItem(8005, 2)), cancelled.refunds().get(0).items(), "edges read like nodes");
        assertEquals(SkipReason.ORPHAN, lines.get(5L));
        assertEquals(SkipReason.INVALID_FIELD, lines.get(6L));
        assertEquals(SkipReason.ORPHAN, lines.get(7L), "the child of a skipped parent is an orphan");
    }

    @Test
    void refusesAChildWhoseParentIsOfAnotherTypeOrAnAmountThatIsNoDecimal() {
        BulkLineParser parser = new BulkLineParser(ImportResource.ORDERS);
        SkippedLine wrongParent = assertThrows(SkippedLine.class, () -> parser.parse(
                "{\"id\":\"gid://shopify/LineItem/1\",\"__parentId\":\"gid://shopify/Product/7\"}", id -> true));
        assertEquals(SkipReason.ORPHAN, wrongParent.reason());
        SkippedLine badAmount = assertThrows(SkippedLine.class, () -> parser.parse("{\"id\":\"gid://shopify/Order/1\","
                + "\"createdAt\":\"2026-10-01T00:00:00Z\",\"totalPriceSet\":{\"shopMoney\":{\"amount\":\"ann@example.com\"}}}", id -> true));
        assertEquals(SkipReason.INVALID_FIELD, badAmount.reason());
        assertFalse(badAmount.getMessage().contains("ann@"), "a skip never quotes the line");
        SkippedLine notAGid = assertThrows(SkippedLine.class, () -> parser.parse("{\"id\":\"7001\"}", id -> true));
        assertEquals(SkipReason.UNKNOWN_GID_TYPE, notAGid.reason());
        SkippedLine empty = assertThrows(SkippedLine.class, () -> parser.parse("{\"id\":\"\"}", id -> true));
        assertEquals(SkipReason.MISSING_ID, empty.reason());
    }

    /** Every line of a sample file: its accepted line or its skip reason, by line number, as the import reads them. */
    static Map<Long, Object> parseAll(ImportResource resource) throws IOException {
        BulkLineParser parser = new BulkLineParser(resource);
        LongIdSet parents = new LongIdSet();
        Map<Long, Object> lines = new LinkedHashMap<>();
        try (InputStream in = BulkLineParserTest.class.getResourceAsStream("/shopify/bulk/" + resource.fileName());
                JsonlInput input = new JsonlInput(in, 0, 0)) {
            for (JsonlInput.Line line = input.next(); line != null; line = input.next()) {
                if (line.text().isBlank()) {
                    continue;
                }
                try {
                    ImportLine accepted = parser.parse(line.text(), parents::contains);
                    if (accepted instanceof ImportLine.ProductLine || accepted instanceof OrderLine) {
                        parents.add(accepted.id());
                    }
                    lines.put(line.number(), accepted);
                } catch (SkippedLine skipped) {
                    lines.put(line.number(), skipped.reason());
                }
            }
        }
        return lines;
    }
}
