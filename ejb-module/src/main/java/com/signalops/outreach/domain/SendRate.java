package com.signalops.outreach.domain;

import java.time.Duration;

/**
 * A store's campaign pacing: at most {@code messagesPerMinute} messages a minute, spread evenly (one every
 * {@code 60 s / rate}) rather than in bursts. {@link #delayBeforeNext} says how long to wait before the next
 * message at a given moment of a monotonic clock (nanoseconds, as {@link System#nanoTime}); {@link #sent} books one.
 * A send that falls behind (a slow SMTP server) does not burst to catch up by more than one message.
 */
public final class SendRate {

    /** The bounds of store_send_limit.messages_per_minute. */
    public static final int MIN = 1;
    public static final int MAX = 1_000_000;

    private final int messagesPerMinute;
    private final long interval;
    private long next = Long.MIN_VALUE;

    public SendRate(int messagesPerMinute) {
        if (messagesPerMinute < MIN || messagesPerMinute > MAX) {
            throw new IllegalArgumentException("a send rate is between " + MIN + " and " + MAX + " messages a minute, not "
                    + messagesPerMinute);
        }
        this.messagesPerMinute = messagesPerMinute;
        this.interval = Duration.ofMinutes(1).toNanos() / messagesPerMinute;
    }

    public int messagesPerMinute() {
        return messagesPerMinute;
    }

    /** How long to wait at {@code now} before the next message may go (zero: at once). */
    public Duration delayBeforeNext(long now) {
        return next == Long.MIN_VALUE || now - next >= 0 ? Duration.ZERO : Duration.ofNanos(next - now);
    }

    /** Books a message sent at {@code now}: the next is due one interval after this one's slot (after {@code now} when it fell behind by more than one). */
    public void sent(long now) {
        long slot = next == Long.MIN_VALUE || now - next > interval ? now : next;
        next = slot + interval;
    }
}
