package com.signalops.integration.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    @Test
    void readsABodyOfExactlyTheLimit() throws IOException {
        byte[] body = new byte[BoundedBody.WEBHOOK_LIMIT];
        Arrays.fill(body, (byte) 'x');
        assertArrayEquals(body, BoundedBody.read(new ByteArrayInputStream(body), BoundedBody.WEBHOOK_LIMIT));
    }

    @Test
    void readsAnEmptyBody() throws IOException {
        assertEquals(0, BoundedBody.read(new ByteArrayInputStream(new byte[0]), 10).length);
    }

    @Test
    void refusesTheFirstByteOverTheLimit() {
        assertThrows(BoundedBody.TooLargeException.class,
                () -> BoundedBody.read(new ByteArrayInputStream(new byte[BoundedBody.WEBHOOK_LIMIT + 1]), BoundedBody.WEBHOOK_LIMIT));
    }

    @Test
    void stopsReadingAnEndlessBodyJustPastTheLimit() {
        CountingEndlessStream endless = new CountingEndlessStream();
        assertThrows(BoundedBody.TooLargeException.class, () -> BoundedBody.read(endless, BoundedBody.WEBHOOK_LIMIT));
        assertTrue(endless.served <= BoundedBody.WEBHOOK_LIMIT + 1L, "read " + endless.served + " bytes");
    }

    /** Serves zeros forever, counting them. */
    private static final class CountingEndlessStream extends InputStream {

        long served;

        @Override
        public int read() {
            served++;
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            served += length;
            return length;
        }
    }
}
