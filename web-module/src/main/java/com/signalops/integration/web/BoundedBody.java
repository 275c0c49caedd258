package com.signalops.integration.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body of at most a given size, never holding more than that in memory: it stops
 * reading at the first byte over the limit, whatever the request declared.
 */
public final class BoundedBody {

    /** The largest webhook body accepted: 1 MiB. */
    public static final int WEBHOOK_LIMIT = 1024 * 1024;

    private BoundedBody() {
    }

    /**
     * All of {@code in}, if it holds at most {@code limit} bytes.
     *
     * @throws TooLargeException as soon as byte {@code limit + 1} arrives
     */
    public static byte[] read(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(limit, 16 * 1024));
        byte[] buffer = new byte[8192];
        int total = 0;
        while (true) {
            // never ask for more than one byte past the limit
            int read = in.read(buffer, 0, Math.min(buffer.length, limit - total + 1));
            if (read < 0) {
                return body.toByteArray();
            }
            total += read;
            if (total > limit) {
                throw new TooLargeException(limit);
            }
            body.write(buffer, 0, read);
        }
    }

    /** The body is larger than the limit. */
    public static final class TooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        public TooLargeException(int limit) {
            super("The body is larger than " + limit + " bytes");
        }
    }
}
