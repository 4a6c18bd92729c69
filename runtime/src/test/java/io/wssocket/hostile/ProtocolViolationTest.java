package io.wssocket.hostile;

import static io.wssocket.test.Bytes.bytes;
import static io.wssocket.test.Bytes.utf8;
import static io.wssocket.test.RawWebSocket.BINARY;
import static io.wssocket.test.RawWebSocket.CLOSE;
import static io.wssocket.test.RawWebSocket.CONTINUATION;
import static io.wssocket.test.RawWebSocket.PING;
import static io.wssocket.test.RawWebSocket.PONG;
import static io.wssocket.test.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Frames that break RFC 6455 fail the connection (§7.1.7) with the exact close code of §7.4.1,
 * and the server then ends the TCP connection; meanwhile other connections keep being served.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ProtocolViolationTest {
    private static final int PROTOCOL_ERROR = 1002;
    private static final int INVALID_PAYLOAD = 1007;
    private static final Duration EOF_TIMEOUT = Duration.ofSeconds(3);

    @RegisterExtension
    static final RunningServer server = RunningServer.with(
            b -> b.handshakeTimeoutMillis(1000),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @RegisterExtension
    static final EchoCanary canary = EchoCanary.on(server, "/echo");
    private RawWebSocket ws;

    @BeforeEach
    void connect() throws IOException {
        ws = RawWebSocket.open(server.port(), "/echo");
    }

    @AfterEach
    void closeConnection() throws IOException {
        if (ws != null) {
            ws.close();
        }
    }

    /** Asserts a close frame with {@code code} and then end of stream: the failed-connection sequence. */
    private void assertFailedWith(int code) throws IOException {
        RawWebSocket.Close close = ws.readCloseFrame();
        assertThat(close.code()).as("close code, reason '%s'", close.reason()).isEqualTo(code);
        ws.awaitEof(EOF_TIMEOUT);
    }

    // ------------------------------------------------------------------ frame header rules

    @Test
    void unmaskedClientFrameIsAProtocolError() throws IOException {
        // RFC 6455 §5.1: a server must close the connection on an unmasked client frame.
        ws.sendFrame(true, 0, TEXT, utf8("hello"), false);
        assertFailedWith(PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "RSV bits {0}")
    @ValueSource(ints = {4, 2, 1})
    void rsvBitWithoutExtensionIsAProtocolError(int rsv) throws IOException {
        // RFC 6455 §5.2: RSV1-3 must be 0 unless a negotiated extension defines them.
        ws.sendFrame(true, rsv, TEXT, utf8("hello"), true);
        assertFailedWith(PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {3, 11})
    void reservedOpcodeIsAProtocolError(int opcode) throws IOException {
        // RFC 6455 §5.2: 0x3-0x7 are reserved data opcodes, 0xB-0xF reserved control opcodes.
        ws.sendFrame(true, 0, opcode, utf8("x"), true);
        assertFailedWith(PROTOCOL_ERROR);
    }

    @Test
    void pingOf126BytesIsAProtocolError() throws IOException {
        // RFC 6455 §5.5: control frames carry at most 125 bytes.
        byte[] payload = new byte[126];
        Arrays.fill(payload, (byte) 'p');
        ws.sendFrame(true, PING, payload);
        assertFailedWith(PROTOCOL_ERROR);
    }

    @Test
    void fragmentedPingIsAProtocolError() throws IOException {
        // RFC 6455 §5.5: control frames must not be fragmented.
        ws.sendFrame(false, PING, utf8("half"));
        assertFailedWith(PROTOCOL_ERROR);
    }

    // ------------------------------------------------------------------ fragmentation rules

    @Test
    void continuationWithoutAStartIsAProtocolError() throws IOException {
        // RFC 6455 §5.4: a continuation frame continues a started message.
        ws.sendFrame(true, CONTINUATION, utf8("orphan"));
        assertFailedWith(PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "second opcode {0}")
    @ValueSource(ints = {TEXT, BINARY})
    void newDataFrameInsideAnUnfinishedMessageIsAProtocolError(int secondOpcode) throws IOException {
        // RFC 6455 §5.4: fragments of one message must not be interleaved with another message.
        ws.sendFrame(false, TEXT, utf8("first half"));
        ws.sendFrame(true, secondOpcode, utf8("another message"));
        assertFailedWith(PROTOCOL_ERROR);
    }

    // ------------------------------------------------------------------ UTF-8 rules

    @Test
    void invalidUtf8InATextMessageIsInvalidPayload() throws IOException {
        // RFC 6455 §8.1: text must be valid UTF-8, else fail with 1007 (§7.4.1). 0xC3 0x28: bad continuation.
        ws.sendFrame(true, TEXT, bytes('a', 0xC3, 0x28, 'b'));
        assertFailedWith(INVALID_PAYLOAD);
    }

    @Test
    void invalidUtf8SplitAcrossFragmentsIsInvalidPayload() throws IOException {
        // Each fragment alone could be valid; the sequence 0xE2 0x82 | 0x28 is not.
        ws.sendFrame(false, TEXT, bytes('a', 0xE2, 0x82));
        ws.sendFrame(true, CONTINUATION, bytes(0x28, 'b'));
        assertFailedWith(INVALID_PAYLOAD);
    }

    @Test
    void textMessageEndingInsideAUtf8SequenceIsInvalidPayload() throws IOException {
        ws.sendFrame(false, TEXT, bytes('a', 0xE2));
        ws.sendFrame(true, CONTINUATION, bytes(0x82));
        assertFailedWith(INVALID_PAYLOAD);
    }

    @Test
    void invalidUtf8InACloseReasonIsInvalidPayload() throws IOException {
        // RFC 6455 §5.5.1 / §7.1.6: the close reason is UTF-8.
        ws.sendFrame(true, CLOSE, RawWebSocket.closePayload(1000, bytes('b', 0xFF, 'e')));
        assertFailedWith(INVALID_PAYLOAD);
    }

    // ------------------------------------------------------------------ close frame rules

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 2999, 5000})
    void invalidCloseCodeIsAProtocolError(int code) throws IOException {
        // RFC 6455 §7.4.1/§7.4.2: 0-999 unused, 1004-1006 and 1015 reserved or never sent,
        // 1016-2999 for future revisions, 5000 and up undefined.
        ws.sendFrame(true, CLOSE, RawWebSocket.closePayload(code, new byte[0]));
        assertFailedWith(PROTOCOL_ERROR);
    }

    @Test
    void oneByteClosePayloadIsAProtocolError() throws IOException {
        // RFC 6455 §5.5.1: a close body, if any, starts with a two-byte status code.
        ws.sendFrame(true, CLOSE, bytes(0x03));
        assertFailedWith(PROTOCOL_ERROR);
    }

    // ------------------------------------------------------------------ positive controls

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {1000, 1001, 1003, 1007, 1011, 1012, 1014, 3000, 4999})
    void validCloseIsEchoed(int code) throws IOException {
        // RFC 6455 §5.5.1: the endpoint answers a close frame with one, typically echoing the code.
        ws.sendClose(code, "bye ✓");
        RawWebSocket.Close close = ws.readCloseFrame();
        assertThat(close.code()).isEqualTo(code);
        ws.awaitEof(EOF_TIMEOUT);
    }

    @Test
    void emptyCloseIsAnsweredWithoutAStatusCode() throws IOException {
        ws.sendFrame(true, CLOSE, new byte[0]);
        RawWebSocket.Close close = ws.readCloseFrame();
        // RFC 6455 §7.4.1: 1005 must not be sent, so the answer is an empty close or a valid code.
        assertThat(close.code()).isIn(1005, 1000);
        ws.awaitEof(EOF_TIMEOUT);
    }

    @ParameterizedTest(name = "{0}-byte ping")
    @ValueSource(ints = {0, 5, 125})
    void pingIsAnsweredWithAPongCarryingTheSamePayload(int length) throws IOException {
        // RFC 6455 §5.5.2/§5.5.3: the pong carries the ping's application data.
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) i;
        }
        ws.sendFrame(true, PING, payload);
        RawWebSocket.Frame pong = ws.readFrame();
        assertThat(pong.opcode()).isEqualTo(PONG);
        assertThat(pong.payload()).containsExactly(payload);
        assertConnectionStillEchoes();
    }

    @Test
    void pingBetweenFragmentsIsAnsweredAndTheMessageCompletes() throws IOException {
        // RFC 6455 §5.4: control frames may be injected in the middle of a fragmented message.
        ws.sendFrame(false, TEXT, utf8("Hel"));
        ws.sendFrame(true, PING, utf8("in between"));
        RawWebSocket.Frame pong = ws.readFrame();
        assertThat(pong.opcode()).isEqualTo(PONG);
        assertThat(pong.text()).isEqualTo("in between");
        ws.sendFrame(true, CONTINUATION, utf8("lo"));
        RawWebSocket.Frame echo = ws.readFrame();
        assertThat(echo.opcode()).isEqualTo(TEXT);
        assertThat(echo.text()).isEqualTo("Hello");
    }

    @Test
    void characterSplitAcrossFragmentsIsValid() throws IOException {
        // "€" is E2 82 AC; a fragment may end inside a character (RFC 6455 §5.6, validated per message).
        ws.sendFrame(false, TEXT, bytes('a', 0xE2));
        ws.sendFrame(false, CONTINUATION, bytes(0x82));
        ws.sendFrame(true, CONTINUATION, bytes(0xAC, 'b'));
        RawWebSocket.Frame echo = ws.readFrame();
        assertThat(echo.opcode()).isEqualTo(TEXT);
        assertThat(echo.text()).isEqualTo("a€b");
    }

    @Test
    void unsolicitedPongIsIgnored() throws IOException {
        // RFC 6455 §5.5.3: a pong may be sent unsolicited; no response is expected.
        ws.sendFrame(true, PONG, utf8("heartbeat"));
        assertConnectionStillEchoes();
    }

    /** The raw connection itself still works: a masked text comes back, then a clean close. */
    private void assertConnectionStillEchoes() throws IOException {
        ws.sendText("still open");
        RawWebSocket.Frame echo = ws.readFrame();
        assertThat(echo.opcode()).isEqualTo(TEXT);
        assertThat(echo.text()).isEqualTo("still open");
        ws.sendClose(1000, "");
        assertThat(ws.readCloseFrame().code()).isEqualTo(1000);
        ws.awaitEof(EOF_TIMEOUT);
    }
}
