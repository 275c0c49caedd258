package com.signalops.integration.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComplianceRequestIdsTest {

    @Test
    void takesTheCustomerAndTheRequestedOrdersOfADataRequest() throws IOException {
        ComplianceRequestIds ids = ComplianceRequestIds.of(ShopifyTopic.CUSTOMERS_DATA_REQUEST, payload("customers-data_request.json"));
        assertEquals(191167L, ids.customerId());
        assertEquals(List.of(299938L, 280263L, 220458L), ids.orderIds());
    }

    @Test
    void takesTheCustomerAndTheOrdersToRedactOfARedaction() throws IOException {
        ComplianceRequestIds ids = ComplianceRequestIds.of(ShopifyTopic.CUSTOMERS_REDACT, payload("customers-redact.json"));
        assertEquals(191167L, ids.customerId());
        assertEquals(List.of(299938L, 280263L, 220458L), ids.orderIds());
        assertFalse(ids.toString().contains("@"), "no email is taken: " + ids);
    }

    @Test
    void aShopRedactionNamesNoCustomer() throws IOException {
        ComplianceRequestIds ids = ComplianceRequestIds.of(ShopifyTopic.SHOP_REDACT, payload("shop-redact.json"));
        assertNull(ids.customerId());
        assertEquals(List.of(), ids.orderIds());
    }

    @Test
    void refusesACustomerRequestWithoutCustomerIdQuotingNothingOfTheBody() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ComplianceRequestIds.of(
                ShopifyTopic.CUSTOMERS_REDACT, "{\"customer\":{\"email\":\"jane@example.com\"}}".getBytes()));
        assertFalse(refused.getMessage().contains("jane"), refused.getMessage());
    }

    private static byte[] payload(String name) throws IOException {
        try (InputStream in = ComplianceRequestIdsTest.class.getResourceAsStream("/shopify/webhooks/" + name)) {
            return in.readAllBytes();
        }
    }
}
