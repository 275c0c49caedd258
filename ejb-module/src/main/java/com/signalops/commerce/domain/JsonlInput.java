package com.signalops.commerce.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a JSONL file a line at a time, never more than one line (and a read buffer) in memory,
 * knowing the byte offset after each line so that a reader can resume exactly there. A line
 * longer than {@link #MAX_LINE_BYTES} is read past and reported as too long.
 */
public final class JsonlInput implements AutoCloseable {

    /** The longest line kept: far beyond any Shopify object, short of exhausting the heap. */
    public static final int MAX_LINE_BYTES = 8 * 1024 * 1024;
    private static final int BUFFER_BYTES = 256 * 1024;

    /** One line: its text (null when it was too long) and its 1-based number. */
    public record Line(String text, long number) {

        public boolean tooLong() {
            return text == null;
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private byte[] line = new byte[4096];
    private long offset;
    private long lineNumber;

    /**
     * {@code in} positioned at byte {@code offset}, just after line {@code lineNumber} (0 and 0
     * for the start of the file).
     */
    public JsonlInput(InputStream in, long offset, long lineNumber) throws IOException {
        this.in = in;
        in.skipNBytes(offset);
        this.offset = offset;
        this.lineNumber = lineNumber;
    }

    /** The next line, or null at the end of the file. A last line without a newline counts. */
    public Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            int newline = -1;
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline;
            int chunk = end - start;
            offset += chunk + (newline < 0 ? 0 : 1);
            position = newline < 0 ? limit : newline + 1;
            if (!tooLong) {
                if (length + chunk > MAX_LINE_BYTES) {
                    tooLong = true;
                } else {
                    if (length + chunk > line.length) {
                        line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
                    }
                    System.arraycopy(buffer, start, line, length, chunk);
                    length += chunk;
                }
            }
            if (newline >= 0) {
                break;
            }
        }
        lineNumber++;
        if (tooLong) {
            return new Line(null, lineNumber);
        }
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return new Line(new String(line, 0, end, StandardCharsets.UTF_8), lineNumber);
    }

    /** The byte offset just after the last line returned. */
    public long offset() {
        return offset;
    }

    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
