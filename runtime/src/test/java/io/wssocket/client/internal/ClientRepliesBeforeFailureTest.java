package io.wssocket.client.internal;

import static io.wssocket.test.Bytes.bytes;
import static io.wssocket.test.Bytes.concat;
import static io.wssocket.test.Bytes.utf8;
import static io.wssocket.test.RawWebSocket.CONTINUATION;
import static io.wssocket.test.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.client.ClientConfig;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import jakarta.websocket.ClientEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client fails a connection in the same strict order as the server (it shares the protocol
 * and session layers): what its endpoint answers to the messages read before the server's
 * violation goes out first, then the close frame with the violation's code. The server here is
 * {@link RawWebSocket}'s dumb server end, so it can send what a real server never would.
 */
@Timeout(60)
class ClientRepliesBeforeFailureTest {
    private static final int PROTOCOL_ERROR = 1002;
    private static final int INVALID_PAYLOAD = 1007;

    @Test
    void aTextThenAReservedOpcodeInOneSegmentIsEchoedBeforeThe1002() throws Exception {
        assertEchoThenClose(concat(unmasked(true, TEXT, utf8("hello")), unmasked(true, 3, utf8("x"))),
                "hello", PROTOCOL_ERROR);
    }

    @Test
    void aTextThenInvalidUtf8IsEchoedBeforeThe1007() throws Exception {
        assertEchoThenClose(concat(unmasked(true, TEXT, utf8("hello")), unmasked(true, TEXT, bytes('a', 0xC3, 0x28))),
                "hello", INVALID_PAYLOAD);
    }

    @Test
    void aFragmentedMessageThenAContinuationWithoutAStartIsEchoedBeforeThe1002() throws Exception {
        assertEchoThenClose(concat(unmasked(false, TEXT, utf8("Hel")), unmasked(true, CONTINUATION, utf8("lo")),
                unmasked(true, CONTINUATION, utf8("orphan"))), "Hello", PROTOCOL_ERROR);
    }

    @Test
    void aTextThenAMaskedServerFrameIsEchoedBeforeThe1002() throws Exception {
        // RFC 6455 §5.1: a client must fail the connection on a masked frame from the server.
        assertEchoThenClose(concat(unmasked(true, TEXT, utf8("hello")), RawWebSocket.frame(true, 0, TEXT, utf8("m"), true)),
                "hello", PROTOCOL_ERROR);
    }

    /**
     * Connects an echoing client, sends {@code frames} from the server in one write, and asserts
     * that the client sends the echo of {@code echoed}, then a close frame with {@code code}, then
     * ends its output.
     */
    private static void assertEchoThenClose(byte[] frames, String echoed, int code) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             WsClientContainer client = new WsClientContainer(ClientConfig.builder().build(), ClientTransport.shared())) {
            CompletableFuture<RawWebSocket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return RawWebSocket.acceptClient(listener);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            client.connectToServer(new EchoEndpoint(), ClientEndpointConfig.Builder.create().build(),
                    URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/"));
            try (RawWebSocket server = accepted.get(10, TimeUnit.SECONDS)) {
                server.sendRaw(frames);
                RawWebSocket.Frame echo = server.readFrame();
                assertThat(echo.opcode()).as("the echo, before the close frame (payload '%s')", echo.text()).isEqualTo(TEXT);
                assertThat(echo.fin()).isTrue();
                assertThat(echo.text()).isEqualTo(echoed);
                RawWebSocket.Close close = server.readCloseFrame();
                assertThat(close.code()).as("close code, reason '%s'", close.reason()).isEqualTo(code);
                server.awaitEof(Duration.ofSeconds(10));
            }
        }
    }

    private static byte[] unmasked(boolean fin, int opcode, byte[] payload) {
        return RawWebSocket.frame(fin, 0, opcode, payload, false);
    }
}
