package io.wssocket.protocol;

import static io.wssocket.test.RawWebSocket.BINARY;
import static io.wssocket.test.RawWebSocket.CLOSE;
import static io.wssocket.test.Bytes.bytes;
import static io.wssocket.test.Bytes.concat;
import static io.wssocket.test.Bytes.utf8;
import static io.wssocket.test.RawWebSocket.CONTINUATION;
import static io.wssocket.test.RawWebSocket.PING;
import static io.wssocket.test.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Strict order when a connection fails (RFC 6455 §7.1.7; Autobahn's "strict" verdict): every
 * message read before the frame that breaks the protocol reaches the endpoint, what the endpoint
 * sends in reply goes out, then the close frame with the violation's code (§7.4.1), then the end
 * of the stream; nothing sent after the violation is read. The bytes are checked exactly.
 */
@Timeout(120)
class RepliesBeforeFailureTest {
    private static final int PROTOCOL_ERROR = 1002;
    private static final int INVALID_PAYLOAD = 1007;
    private static final int TOO_BIG = 1009;
    private static final int MAX_MESSAGE = 2048;
    private static final int TEXT_BUFFER = 1024;
    private static final Duration END_WITHIN = Duration.ofSeconds(10);

    @RegisterExtension
    static final RunningServer server = RunningServer.with(
            b -> b.maxMessageSize(MAX_MESSAGE).maxTextMessageBufferSize(TEXT_BUFFER),
            c -> {
                c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
                c.addEndpoint(ServerEndpointConfig.Builder.create(SlowEchoEndpoint.class, "/slow-echo").build());
            });

    /** Echoes a text after a pause, so that the peer's end of stream is read before the reply is sent. */
    public static class SlowEchoEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                try {
                    Thread.sleep(100);
                    session.getBasicRemote().sendText(text);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static final CountDownLatch release = new CountDownLatch(1);
    static final CompletableFuture<CloseReason> blockedSessionClosed = new CompletableFuture<>();

    /** Blocks in its handler until the test releases it (at most 30 s), then reports how the session ended. */
    public static class BlockingEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            blockedSessionClosed.complete(reason);
        }
    }

    @RegisterExtension
    static final RunningServer shortCloseTimeout = RunningServer.with(b -> b.closeTimeoutMillis(300),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(BlockingEndpoint.class, "/block").build()));

    // ------------------------------------------------------------------ one case each

    @Test
    void aTextThenAReservedOpcodeInOneSegmentIsEchoedBeforeThe1002() throws IOException {
        byte[] sent = concat(masked(true, TEXT, utf8("hello")), masked(true, 3, utf8("x")));
        assertEchoesThenClose(sent, List.of(echo(TEXT, utf8("hello"))), PROTOCOL_ERROR);
    }

    @Test
    void aTextThenInvalidUtf8IsEchoedBeforeThe1007() throws IOException {
        // 0xC3 0x28: a lead byte followed by no continuation byte (RFC 3629).
        byte[] sent = concat(masked(true, TEXT, utf8("hello")), masked(true, TEXT, bytes('a', 0xC3, 0x28, 'b')));
        assertEchoesThenClose(sent, List.of(echo(TEXT, utf8("hello"))), INVALID_PAYLOAD);
    }

    @Test
    void aFragmentedMessageThenAContinuationWithoutAStartIsEchoedBeforeThe1002() throws IOException {
        byte[] sent = concat(masked(false, TEXT, utf8("Hel")), masked(false, CONTINUATION, utf8("lo, ")),
                masked(true, CONTINUATION, utf8("world")), masked(true, CONTINUATION, utf8("orphan")));
        assertEchoesThenClose(sent, List.of(echo(TEXT, utf8("Hello, world"))), PROTOCOL_ERROR);
    }

    @Test
    void aFragmentedMessageThenInvalidUtf8InTheNextFragmentedOneIsEchoedBeforeThe1007() throws IOException {
        // "€" is E2 82 AC, split between fragments (valid); then E2 82 | 28 (invalid across fragments).
        byte[] sent = concat(masked(false, TEXT, bytes('a', 0xE2)), masked(true, CONTINUATION, bytes(0x82, 0xAC)),
                masked(false, TEXT, bytes('b', 0xE2, 0x82)), masked(true, CONTINUATION, bytes(0x28)));
        assertEchoesThenClose(sent, List.of(echo(TEXT, utf8("a€"))), INVALID_PAYLOAD);
    }

    @Test
    void aBinaryThenOneOverMaxMessageSizeIsEchoedBeforeThe1009() throws IOException {
        byte[] data = new byte[200];
        new Random(7).nextBytes(data);
        byte[] sent = concat(masked(true, BINARY, data), masked(true, BINARY, new byte[MAX_MESSAGE + 1]));
        assertEchoesThenClose(sent, List.of(echo(BINARY, data)), TOO_BIG);
    }

    @Test
    void aTextThenOneOverTheTextBufferIsEchoedBeforeThe1009() throws IOException {
        // Refused by the session's buffer (the message layer), not by the wire: the same order holds.
        byte[] big = utf8("y".repeat(TEXT_BUFFER + 1));
        byte[] sent = concat(masked(true, TEXT, utf8("first")), masked(true, TEXT, big));
        assertEchoesThenClose(sent, List.of(echo(TEXT, utf8("first"))), TOO_BIG);
    }

    @Test
    void nothingSentAfterTheViolationIsRead() throws IOException {
        byte[] sent = concat(masked(true, TEXT, utf8("before")), masked(true, 0xB, utf8("reserved control")),
                masked(true, TEXT, utf8("after")));
        assertEchoesThenClose(sent, List.of(echo(TEXT, utf8("before"))), PROTOCOL_ERROR);
    }

    @Test
    void aPeerThatEndsItsOutputAfterTheViolationStillGetsTheRepliesThenTheClose() throws IOException {
        byte[] sent = concat(masked(true, TEXT, utf8("hello")), masked(true, 3, utf8("x")));
        assertEchoesThenClose("/slow-echo", ws -> {
            ws.sendRaw(sent);
            ws.shutdownOutput(); // read by the server while the handler still works on "hello"
        }, List.of(echo(TEXT, utf8("hello"))), PROTOCOL_ERROR, "");
    }

    @Test
    void aHandlerThatNeverReturnsDoesNotHoldTheConnectionPastTheCloseTimeout() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(shortCloseTimeout.port(), "/block")) {
            ws.sendRaw(concat(masked(true, TEXT, utf8("block")), masked(true, 3, utf8("x"))));
            // Bounded by the 300 ms close timeout: the close frame (if the socket takes it), then a reset.
            ws.awaitDisconnect(END_WITHIN);
        } finally {
            release.countDown();
        }
        assertThat(blockedSessionClosed.get(10, TimeUnit.SECONDS).getCloseCode().getCode()).isEqualTo(PROTOCOL_ERROR);
    }

    // ------------------------------------------------------------------ property: any valid sequence, any violation

    /** A violation, as the bytes a client sends, and the code it must close with. */
    private record Violation(String name, byte[] bytes, int code) {
    }

    private static Violation violation(Random random) {
        switch (random.nextInt(10)) {
            case 0:
                return new Violation("reserved data opcode", masked(true, 3 + random.nextInt(5), utf8("x")), PROTOCOL_ERROR);
            case 1:
                return new Violation("reserved control opcode", masked(true, 0xB + random.nextInt(5), utf8("x")),
                        PROTOCOL_ERROR);
            case 2:
                return new Violation("RSV bit", RawWebSocket.frame(true, 1 + random.nextInt(7), TEXT, utf8("r"), true),
                        PROTOCOL_ERROR);
            case 3:
                return new Violation("unmasked frame", RawWebSocket.frame(true, 0, TEXT, utf8("u"), false), PROTOCOL_ERROR);
            case 4:
                return new Violation("continuation without a start", masked(true, CONTINUATION, utf8("c")), PROTOCOL_ERROR);
            case 5:
                return new Violation("new message inside a fragmented one",
                        concat(masked(false, TEXT, utf8("half")), masked(true, BINARY, utf8("other"))), PROTOCOL_ERROR);
            case 6:
                return new Violation("invalid UTF-8", masked(true, TEXT, bytes('a', 0xC3, 0x28)), INVALID_PAYLOAD);
            case 7:
                return new Violation("ping of 126 bytes", masked(true, PING, new byte[126]), PROTOCOL_ERROR);
            case 8:
                return new Violation("close code 999", masked(true, CLOSE, RawWebSocket.closePayload(999, new byte[0])),
                        PROTOCOL_ERROR);
            default:
                return new Violation("message over max-message-size", masked(true, BINARY, new byte[MAX_MESSAGE + 1]),
                        TOO_BIG);
        }
    }

    @Test
    void everyValidMessageBeforeAnyViolationIsEchoedInOrderBeforeTheClose() throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int run = 0; run < 150; run++) {
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            List<byte[]> echoes = new ArrayList<>();
            List<String> description = new ArrayList<>();
            int messages = random.nextInt(9);
            for (int i = 0; i < messages; i++) {
                boolean text = random.nextBoolean();
                byte[] payload = text ? utf8(randomText(random)) : randomBytes(random);
                int opcode = text ? TEXT : BINARY;
                int fragments = 1 + random.nextInt(4);
                sent.writeBytes(fragmented(random, opcode, payload, fragments));
                echoes.add(echo(opcode, payload));
                description.add((text ? "text " : "binary ") + payload.length + " B in " + fragments);
            }
            Violation violation = violation(random);
            sent.writeBytes(violation.bytes());
            // A valid message after the violation: it must never be read, so never echoed.
            sent.writeBytes(masked(true, TEXT, utf8("after the violation")));
            description.add(violation.name());
            String what = "seed " + seed + ", run " + run + ": " + description;
            assertEchoesThenClose(sent.toByteArray(), echoes, violation.code(), random.nextBoolean() ? 0 : 1 + random.nextInt(40),
                    what);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void assertEchoesThenClose(byte[] sent, List<byte[]> echoes, int code) throws IOException {
        assertEchoesThenClose(sent, echoes, code, 0, "");
    }

    /**
     * Sends {@code sent} in one write (or in pieces of at most {@code chunk} bytes), reads until
     * the server ends the stream, and asserts exactly: the echoes in order, then one close frame
     * with {@code code}, then nothing.
     */
    private static void assertEchoesThenClose(byte[] sent, List<byte[]> echoes, int code, int chunk, String what)
            throws IOException {
        assertEchoesThenClose("/echo", ws -> {
            if (chunk == 0) {
                ws.sendRaw(sent);
            } else {
                for (int at = 0; at < sent.length; at += chunk) {
                    ws.sendRaw(Arrays.copyOfRange(sent, at, Math.min(sent.length, at + chunk)));
                }
            }
        }, echoes, code, what);
    }

    /** What a test's client does before it reads. */
    @FunctionalInterface
    private interface Sending {
        void send(RawWebSocket ws) throws IOException;
    }

    private static void assertEchoesThenClose(String path, Sending sending, List<byte[]> echoes, int code, String what)
            throws IOException {
        byte[] expected = concat(echoes.toArray(new byte[0][]));
        byte[] received;
        try (RawWebSocket ws = RawWebSocket.open(server.port(), path)) {
            sending.send(ws);
            received = ws.awaitDisconnect(END_WITHIN);
        }
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(received)).as("%s: the echoes, in order, before anything else", what)
                .startsWith(hex.formatHex(expected));
        byte[] close = Arrays.copyOfRange(received, expected.length, received.length);
        assertThat(close.length).as("%s: a close frame follows the echoes: %s", what, hex.formatHex(close))
                .isGreaterThanOrEqualTo(4);
        assertThat(close[0] & 0xFF).as("%s: FIN and the close opcode, no RSV", what).isEqualTo(0x80 | CLOSE);
        int length = close[1] & 0xFF;
        assertThat(length).as("%s: an unmasked close body of at most 125 bytes", what).isBetween(2, 125);
        assertThat(close.length).as("%s: nothing after the close frame", what).isEqualTo(2 + length);
        int closeCode = (close[2] & 0xFF) << 8 | close[3] & 0xFF;
        assertThat(closeCode).as("%s: close code, reason '%s'", what,
                new String(close, 4, length - 2, StandardCharsets.UTF_8)).isEqualTo(code);
    }

    /** What the echo endpoint sends back: one unmasked final frame with the whole message. */
    private static byte[] echo(int opcode, byte[] payload) {
        return RawWebSocket.frame(true, 0, opcode, payload, false);
    }

    private static byte[] masked(boolean fin, int opcode, byte[] payload) {
        return RawWebSocket.frame(fin, 0, opcode, payload, true);
    }

    /** The message in {@code fragments} frames cut at random bytes (inside a character too: RFC 6455 §5.6 allows it). */
    private static byte[] fragmented(Random random, int opcode, byte[] payload, int fragments) {
        int[] cuts = new int[fragments + 1];
        cuts[fragments] = payload.length;
        for (int i = 1; i < fragments; i++) {
            cuts[i] = random.nextInt(payload.length + 1);
        }
        Arrays.sort(cuts, 1, fragments);
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int i = 0; i < fragments; i++) {
            frames.writeBytes(masked(i == fragments - 1, i == 0 ? opcode : CONTINUATION,
                    Arrays.copyOfRange(payload, cuts[i], cuts[i + 1])));
        }
        return frames.toByteArray();
    }

    private static final String[] PIECES = {"a", "z", " ", "é", "€", "😀", "字", "0"};

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(120);
        for (int i = 0; i < length; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private static byte[] randomBytes(Random random) {
        byte[] data = new byte[random.nextInt(300)];
        random.nextBytes(data);
        return data;
    }
}
