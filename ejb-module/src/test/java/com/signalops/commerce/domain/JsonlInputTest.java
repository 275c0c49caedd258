package com.signalops.commerce.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading a line at a time with byte offsets, and resuming at an offset. */
class JsonlInputTest {

    private static final byte[] FILE = "{\"a\":\"é\"}\r\n\n{\"b\":2}\n{\"c\":3}".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsLinesWithTheirNumbersAndTheLastLineWithoutANewline() throws IOException {
        try (JsonlInput input = new JsonlInput(new ByteArrayInputStream(FILE), 0, 0)) {
            assertEquals(new JsonlInput.Line("{\"a\":\"é\"}", 1), input.next(), "CR of CRLF dropped, UTF-8 decoded");
            assertEquals(new JsonlInput.Line("", 2), input.next());
            assertEquals(new JsonlInput.Line("{\"b\":2}", 3), input.next());
            long offset = input.offset();
            assertEquals(new JsonlInput.Line("{\"c\":3}", 4), input.next());
            assertNull(input.next());
            assertEquals(FILE.length, input.offset());
            try (JsonlInput resumed = new JsonlInput(new ByteArrayInputStream(FILE), offset, 3)) {
                assertEquals(new JsonlInput.Line("{\"c\":3}", 4), resumed.next(), "resumes just after line 3");
            }
        }
    }

    @Test
    void readsPastALineLongerThanTheLimitAndGoesOn() throws IOException {
        byte[] longLine = new byte[JsonlInput.MAX_LINE_BYTES + 10];
        java.util.Arrays.fill(longLine, (byte) 'x');
        byte[] file = new byte[longLine.length + 9];
        System.arraycopy(longLine, 0, file, 0, longLine.length);
        System.arraycopy("\n{\"d\":4}".getBytes(StandardCharsets.UTF_8), 0, file, longLine.length, 8);
        try (JsonlInput input = new JsonlInput(new ByteArrayInputStream(file, 0, longLine.length + 8), 0, 0)) {
            assertTrue(input.next().tooLong());
            assertEquals(new JsonlInput.Line("{\"d\":4}", 2), input.next());
        }
    }
}
