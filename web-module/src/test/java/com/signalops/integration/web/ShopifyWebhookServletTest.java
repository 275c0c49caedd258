package com.signalops.integration.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShopifyWebhookServletTest {

    @Test
    void acceptsAWellFormedJsonObjectOnly() {
        assertTrue(ShopifyWebhookServlet.isJsonObject("{\"id\":1,\"line_items\":[{\"sku\":\"A\"}],\"note\":null}".getBytes()));
        for (String malformed : new String[] {"", "{", "{\"id\":1", "{\"id\" 1}", "{\"id\":1}}", "{\"id\":1} x", "[1,2]", "42",
                "{\"id\":tru}", "{'id':1}"}) {
            assertFalse(ShopifyWebhookServlet.isJsonObject(malformed.getBytes()), malformed);
        }
    }
}
