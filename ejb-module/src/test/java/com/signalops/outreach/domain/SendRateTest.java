package com.signalops.outreach.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SendRateTest {

    @Test
    void spreadsTheMessagesOfAMinuteEvenly() {
        SendRate rate = new SendRate(120);
        long now = 1_000_000_000L;
        assertEquals(Duration.ZERO, rate.delayBeforeNext(now));
        rate.sent(now);
        assertEquals(Duration.ofMillis(500), rate.delayBeforeNext(now));
        assertEquals(Duration.ofMillis(200), rate.delayBeforeNext(now + 300_000_000L));
        // 120 messages sent as soon as allowed take 59.5 s
        long clock = now;
        for (int i = 1; i < 120; i++) {
            clock += rate.delayBeforeNext(clock).toNanos();
            rate.sent(clock);
        }
        assertEquals(Duration.ofMillis(59_500), Duration.ofNanos(clock - now));
    }

    @Test
    void aSlowMessageLetsTheNextGoAtOnceButNoBurst() {
        SendRate rate = new SendRate(60);
        long now = 0;
        rate.sent(now);
        // the second message took until 1.5 s: it is booked at its slot (1 s), the third is due at 2 s
        rate.sent(1_500_000_000L);
        assertEquals(Duration.ofMillis(500), rate.delayBeforeNext(1_500_000_000L));
        // a stall of a minute: no catching up in a burst, the next is due one interval later
        rate.sent(62_000_000_000L);
        assertEquals(Duration.ofSeconds(1), rate.delayBeforeNext(62_000_000_000L));
    }

    @Test
    void refusesRatesOutOfBounds() {
        assertThrows(IllegalArgumentException.class, () -> new SendRate(0));
        assertThrows(IllegalArgumentException.class, () -> new SendRate(1_000_001));
    }
}
