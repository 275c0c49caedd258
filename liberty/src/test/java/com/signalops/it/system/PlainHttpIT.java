package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Nothing is served in clear text. */
@ExtendWith(SignalOpsSystem.class)
class PlainHttpIT {

    @Test
    void theDefaultHttpPortIsClosed() {
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", 9080).close());
    }

    @Test
    void plainHttpOnTheHttpsPortGetsNoContent() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", Https.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /health/ready HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer;
            try (InputStream in = socket.getInputStream()) {
                answer = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
            } catch (IOException closedOrReset) {
                answer = "";
            }
            assertFalse(answer.contains("\"status\""), "served content in clear: " + answer);
            assertFalse(answer.startsWith("HTTP/1.1 200"), answer);
        }
    }
}
