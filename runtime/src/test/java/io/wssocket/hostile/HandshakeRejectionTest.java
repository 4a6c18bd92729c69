package io.wssocket.hostile;

import io.wssocket.test.RawWebSocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Upgrade requests that break RFC 6455 §4.2.1 or the configured limits get the exact HTTP status
 * and the headers a client can act on, then the connection ends; a client too slow to finish its
 * request is dropped at the handshake timeout. Other connections keep being served throughout.
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class HandshakeRejectionTest {
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 1000;
    private static final int MAX_HEADER_BYTES = 16384;
    private static final Duration EOF_TIMEOUT = Duration.ofSeconds(3);

    @RegisterExtension
    static final RunningServer server = RunningServer.with(
            b -> b.handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS).maxHeaderBytes(MAX_HEADER_BYTES),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @RegisterExtension
    static final EchoCanary canary = EchoCanary.on(server, "/echo");


    /** Sends {@code request}, reads the whole response and asserts the server then ends the connection. */
    private static RawWebSocket.HttpResponse exchange(String request) throws IOException {
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            raw.sendRaw(request);
            RawWebSocket.HttpResponse response = raw.readHttpResponse();
            assertThat(response.header("Connection")).as("error responses close the connection").isEqualToIgnoringCase("close");
            raw.awaitEof(EOF_TIMEOUT);
            return response;
        }
    }

    private static String request(String requestLine, String... headerLines) {
        StringBuilder request = new StringBuilder(requestLine).append("\r\n");
        for (String header : headerLines) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    @Test
    void postIsMethodNotAllowed() throws IOException {
        // RFC 6455 §4.2.1 item 1: the handshake is a GET; RFC 9110 §15.5.6: 405 lists the allowed methods.
        RawWebSocket.HttpResponse response = exchange(request("POST /echo HTTP/1.1",
                "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: " + RawWebSocket.newKey(), "Sec-WebSocket-Version: 13",
                "Content-Length: 0"));
        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 405 Method Not Allowed");
        assertThat(response.header("Allow")).isEqualTo("GET");
    }

    @Test
    void missingKeyIsBadRequest() throws IOException {
        // RFC 6455 §4.2.1 item 5 and §4.2.2: without Sec-WebSocket-Key the answer is 400.
        RawWebSocket.HttpResponse response = exchange(request("GET /echo HTTP/1.1",
                "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13"));
        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(response.header("Sec-WebSocket-Accept")).isNull();
    }

    @Test
    void version8IsUpgradeRequiredNamingVersion13() throws IOException {
        // RFC 6455 §4.4: an unsupported version is answered with the versions the server speaks.
        RawWebSocket.HttpResponse response = exchange(request("GET /echo HTTP/1.1",
                "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: " + RawWebSocket.newKey(), "Sec-WebSocket-Version: 8"));
        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 426 Upgrade Required");
        assertThat(response.header("Sec-WebSocket-Version")).isEqualTo("13");
    }

    @Test
    void unknownPathIsNotFound() throws IOException {
        RawWebSocket.HttpResponse response = exchange(RawWebSocket.upgradeRequest("/nowhere", RawWebSocket.newKey()));
        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
    }

    @Test
    void plainGetWithoutUpgradeIsUpgradeRequired() throws IOException {
        // RFC 9110 §15.5.22: a 426 response must say which protocol to upgrade to.
        RawWebSocket.HttpResponse response = exchange(request("GET /echo HTTP/1.1", "Host: 127.0.0.1", "Accept: */*"));
        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 426 Upgrade Required");
        assertThat(response.header("Upgrade")).isEqualToIgnoringCase("websocket");
    }

    @Test
    void hundredKibibytesOfHeadersAreTooLarge() throws Exception {
        // RFC 6585 §5: 431 when the header fields are too large; answered while the client is still sending.
        StringBuilder head = new StringBuilder(RawWebSocket.upgradeRequest("/echo", RawWebSocket.newKey()));
        head.setLength(head.length() - 2); // reopen the head before its empty line
        String filler = "x".repeat(4096 - 16);
        for (int i = 0; i < 25; i++) {
            head.append(String.format("X-Filler-%02d: ", i)).append(filler).append("\r\n");
        }
        head.append("\r\n");
        byte[] request = head.toString().getBytes(StandardCharsets.US_ASCII);
        assertThat(request.length).isGreaterThan(100 * 1024);

        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            Thread sender = new Thread(() -> {
                try {
                    raw.sendRaw(request);
                } catch (IOException e) {
                    // The server may reset the connection before all of it is sent: expected.
                }
            }, "header-flood");
            sender.setDaemon(true);
            sender.start();
            RawWebSocket.HttpResponse response = raw.readHttpResponse();
            assertThat(response.statusLine()).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
            assertThat(response.body()).as("the body names the limit").contains(Integer.toString(MAX_HEADER_BYTES));
            raw.awaitDisconnect(EOF_TIMEOUT);
            sender.join(EOF_TIMEOUT.toMillis());
        }
    }

    @Test
    void requestDribbledPastTheHandshakeTimeoutIsDropped() throws Exception {
        byte[] request = RawWebSocket.upgradeRequest("/echo", RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII);
        long dribbleMillis = request.length * 100L;
        assertThat(dribbleMillis).as("the dribble would outlast the timeout by far").isGreaterThan(5 * HANDSHAKE_TIMEOUT_MILLIS);
        AtomicInteger sent = new AtomicInteger();

        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            long start = System.nanoTime();
            Thread dribbler = new Thread(() -> {
                try {
                    for (byte b : request) {
                        raw.sendRaw(new byte[] {b});
                        sent.incrementAndGet();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // Dropped by the server, or the test is over.
                }
            }, "dribbler");
            dribbler.setDaemon(true);
            dribbler.start();
            try {
                byte[] received = raw.awaitDisconnect(Duration.ofMillis(HANDSHAKE_TIMEOUT_MILLIS + 3000));
                long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(new String(received, StandardCharsets.ISO_8859_1)).doesNotStartWith("HTTP/1.1 101");
                assertThat(sent.get()).as("bytes sent before the drop").isLessThan(request.length);
                // Loose: dropped by the timeout, not at once.
                assertThat(elapsedMillis).isGreaterThanOrEqualTo(HANDSHAKE_TIMEOUT_MILLIS / 2);
            } finally {
                dribbler.interrupt();
                dribbler.join(1000);
            }
        }
    }

    @Test
    void silentClientIsDroppedAtTheHandshakeTimeout() throws IOException {
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            byte[] received = raw.awaitDisconnect(Duration.ofMillis(HANDSHAKE_TIMEOUT_MILLIS + 3000));
            assertThat(new String(received, StandardCharsets.ISO_8859_1)).doesNotStartWith("HTTP/1.1 101");
        }
    }
}
