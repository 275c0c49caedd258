package com.signalops.integration.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {

    @Test
    void retriesAfterAPauseThatDoublesUpToAnHour() {
        assertEquals(Duration.ofSeconds(30), WebhookDelivery.retryPause(1));
        assertEquals(Duration.ofSeconds(60), WebhookDelivery.retryPause(2));
        assertEquals(Duration.ofMinutes(32), WebhookDelivery.retryPause(7));
        assertEquals(Duration.ofHours(1), WebhookDelivery.retryPause(8));
        assertEquals(Duration.ofHours(1), WebhookDelivery.retryPause(40));
    }
}
