package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Decoder;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reader and InputStream handlers read a message while its frames arrive: they are called on its
 * first frame, are not bounded by the session's buffer size (only by max-message-size), pause
 * reading while they fall behind, get an IOException when the connection ends mid-message, and
 * may stop reading early; messages after a streamed one wait for its handler. A stream decoder that
 * comes first for its type reads the message as it arrives too.
 */
@Timeout(60)
class StreamedMessageTest {
    static final int FRAME = 1 << 20;
    static final long MAX_MESSAGE = 64L << 20;
    /** Far over the session's buffer size (1 KiB here): nothing is gathered. */
    static final int LARGE_FRAMES = 48;

    static volatile CountDownLatch invoked = new CountDownLatch(1);
    static volatile CountDownLatch gate = new CountDownLatch(0);
    static final AtomicReference<Throwable> readFailure = new AtomicReference<>();
    static final List<String> events = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.option("max-binary-buffer", "1024")
                    .option("max-text-buffer", "1024").option("max-message-size", String.valueOf(MAX_MESSAGE))
                    .option("max-pending-bytes", "1048576"),
            c -> {
                c.addEndpoint(ServerEndpointConfig.Builder.create(Counting.class, "/count").build());
                c.addEndpoint(ServerEndpointConfig.Builder.create(EarlyReturn.class, "/early").build());
                c.addEndpoint(ServerEndpointConfig.Builder.create(SlowPartial.class, "/partial").build());
                c.addEndpoint(AnnotatedReader.class);
                c.addEndpoint(ServerEndpointConfig.Builder.create(CountingLines.class, "/lines")
                        .decoders(List.of(LineCounter.class)).build());
                c.addEndpoint(AnnotatedSum.class);
            });

    @BeforeEach
    void reset() {
        invoked = new CountDownLatch(1);
        gate = new CountDownLatch(0);
        readFailure.set(null);
        events.clear();
    }

    /** Reads each binary message through an InputStream and answers "bytes crc". */
    public static class Counting extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(InputStream.class, in -> {
                invoked.countDown();
                try {
                    gate.await();
                    CRC32 crc = new CRC32();
                    long bytes = 0;
                    byte[] buffer = new byte[8192];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        crc.update(buffer, 0, n);
                        bytes += n;
                    }
                    session.getBasicRemote().sendText(bytes + " " + crc.getValue());
                } catch (IOException e) {
                    readFailure.set(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /** Reads ten bytes of each binary message and returns; text messages are recorded. */
    public static class EarlyReturn extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(InputStream.class, in -> {
                try {
                    events.add("binary, first bytes read: " + in.readNBytes(10).length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            session.addMessageHandler(String.class, text -> {
                events.add(text);
                session.getAsyncRemote().sendText(text);
            });
        }
    }

    /** A partial handler that blocks in its first piece until the gate opens, then counts. */
    public static class SlowPartial extends Endpoint {
        static final AtomicLong received = new AtomicLong();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (piece, last) -> {
                invoked.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                long total = received.addAndGet(piece.remaining());
                if (last) {
                    session.getAsyncRemote().sendText(String.valueOf(total));
                }
            });
        }
    }

    /** An annotated Reader parameter: answers with the text's length in chars and its hash. */
    @ServerEndpoint("/reader")
    public static class AnnotatedReader {
        @OnMessage
        public String onMessage(Reader reader) throws IOException {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[7]; // small, to cross frame boundaries inside the decoder too
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                text.append(buffer, 0, n);
            }
            return text.length() + " " + text.toString().hashCode();
        }
    }

    /** How many lines a text message has. */
    public record Lines(long count) {
    }

    /** A stream decoder, first for its type: it reads the message as it arrives. */
    public static class LineCounter implements Decoder.TextStream<Lines> {
        @Override
        public Lines decode(Reader reader) {
            invoked.countDown();
            return new Lines(new java.io.BufferedReader(reader).lines().count());
        }
    }

    /** Programmatic: a handler of a type its endpoint's stream decoder makes. */
    public static class CountingLines extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(Lines.class, lines -> session.getAsyncRemote().sendText(lines.count() + " lines"));
        }
    }

    /** The sum of a binary message's bytes. */
    public record Sum(long value) {
    }

    /** A binary stream decoder. */
    public static class ByteSum implements Decoder.BinaryStream<Sum> {
        @Override
        public Sum decode(InputStream in) throws IOException {
            invoked.countDown();
            long sum = 0;
            int b;
            byte[] buffer = new byte[8192];
            while ((b = in.read(buffer)) >= 0) {
                for (int i = 0; i < b; i++) {
                    sum += buffer[i];
                }
            }
            return new Sum(sum);
        }
    }

    /** Annotated: a parameter of a type its endpoint's binary stream decoder makes. */
    @ServerEndpoint(value = "/sum", decoders = ByteSum.class)
    public static class AnnotatedSum {
        @OnMessage
        public String onMessage(Sum sum) {
            return "sum " + sum.value();
        }
    }

    /** A 1 MiB frame of pseudo-random bytes, masked once here and sent as often as needed. */
    static final class FixedFrames {
        final byte[] payload = new byte[FRAME];
        final byte[] first;
        final byte[] continuation;
        final byte[] last;

        FixedFrames(int opcode) {
            new java.util.Random(42).nextBytes(payload);
            first = RawWebSocket.frame(false, 0, opcode, payload, true);
            continuation = RawWebSocket.frame(false, 0, RawWebSocket.CONTINUATION, payload, true);
            last = RawWebSocket.frame(true, 0, RawWebSocket.CONTINUATION, payload, true);
        }

        /** What the receiver should answer for {@code frames} frames. */
        String expected(int frames) {
            CRC32 crc = new CRC32();
            for (int i = 0; i < frames; i++) {
                crc.update(payload);
            }
            return (long) frames * FRAME + " " + crc.getValue();
        }

        void send(RawWebSocket client, int frames, AtomicLong written) throws IOException {
            for (int i = 0; i < frames; i++) {
                client.sendRaw(i == 0 ? first : i == frames - 1 ? last : continuation);
                written.addAndGet(FRAME);
            }
        }
    }

    static final FixedFrames BINARY = new FixedFrames(RawWebSocket.BINARY);

    @Test
    void theHandlerIsCalledOnTheFirstFrameAndReadsAMessageLargerThanTheSessionBuffer() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/count")) {
            client.sendRaw(BINARY.first);
            assertThat(invoked.await(10, TimeUnit.SECONDS)).as("handler called before the message is complete").isTrue();
            for (int i = 1; i < 7; i++) {
                client.sendRaw(i == 6 ? BINARY.last : BINARY.continuation);
            }
            assertThat(client.readFrame().text()).isEqualTo(BINARY.expected(7));
        }
    }

    @Test
    void aSlowReaderPausesReadingAndStillGetsEveryByte() throws Exception {
        gate = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/count")) {
            Thread writer = writer(() -> BINARY.send(client, LARGE_FRAMES, written));
            assertThat(invoked.await(10, TimeUnit.SECONDS)).isTrue();
            long stalledAt = awaitStall(written);
            assertThat(stalledAt).as("bytes the client could write while the handler did not read (socket buffers "
                    + "plus 64 KiB in the stream)").isLessThan((long) LARGE_FRAMES * FRAME / 2);

            gate.countDown();
            writer.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(client.readFrame().text()).isEqualTo(BINARY.expected(LARGE_FRAMES));
        }
    }

    @Test
    void aPartialHandlerThatFallsBehindPausesReadingToo() throws Exception {
        gate = new CountDownLatch(1);
        SlowPartial.received.set(0);
        AtomicLong written = new AtomicLong();
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/partial")) {
            Thread writer = writer(() -> BINARY.send(client, LARGE_FRAMES, written));
            assertThat(invoked.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(awaitStall(written)).as("bytes written while the partial handler was blocked")
                    .isLessThan((long) LARGE_FRAMES * FRAME / 2);

            gate.countDown();
            writer.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(client.readFrame().text()).isEqualTo(String.valueOf((long) LARGE_FRAMES * FRAME));
        }
    }

    @Test
    void aConnectionLostMidMessageGivesTheReaderAnIOException() throws Exception {
        gate = new CountDownLatch(1);
        RawWebSocket client = RawWebSocket.open(server.port(), "/count");
        client.sendRaw(BINARY.first);
        assertThat(invoked.await(10, TimeUnit.SECONDS)).isTrue();
        client.close(); // no close frame: the socket just ends
        gate.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> readFailure.get() != null);
        assertThat(readFailure.get()).isInstanceOf(IOException.class).hasMessageContaining("cut off");
    }

    @Test
    void aMessageOverMaxMessageSizeClosesWith1009AndTheReaderIsToldSo() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/count")) {
            client.sendRaw(BINARY.first);
            assertThat(invoked.await(10, TimeUnit.SECONDS)).isTrue();
            // A continuation announcing the rest of max-message-size and one byte more: refused at its header.
            client.sendRaw(frameHeader(MAX_MESSAGE - FRAME + 1));
            assertThat(client.readCloseFrame().code()).isEqualTo(1009);
            await().atMost(Duration.ofSeconds(20)).until(() -> readFailure.get() != null);
            assertThat(readFailure.get()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aHandlerThatReturnsEarlyDiscardsTheRestAndTheNextMessageFollows() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/early")) {
            AtomicLong written = new AtomicLong();
            BINARY.send(client, 16, written); // 16 MiB: far more than one stream's worth, so reading paused meanwhile
            client.sendText("after");
            assertThat(client.readFrame().text()).isEqualTo("after");
            assertThat(events).containsExactly("binary, first bytes read: 10", "after");
        }
    }

    @Test
    void anAnnotatedReaderDecodesCharactersSplitBetweenFramesAndKeepsOrder() throws Exception {
        String text = "grüße – 日本語 – \uD83C\uDF89 ".repeat(3000); // 2-, 3- and 4-byte characters, ~80 KiB
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/reader")) {
            for (int frameSize : new int[] {1, 2, 3, 5, 7, 4093}) {
                for (int at = 0; at < utf8.length; at += frameSize) {
                    int n = Math.min(frameSize, utf8.length - at);
                    client.sendFrame(at + n == utf8.length, at == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION,
                            java.util.Arrays.copyOfRange(utf8, at, at + n));
                    if (frameSize < 4093 && at > 600) {
                        // Small frames cost a frame each: a short prefix covers every boundary offset.
                        client.sendFrame(true, RawWebSocket.CONTINUATION, java.util.Arrays.copyOfRange(utf8, at + n, utf8.length));
                        break;
                    }
                }
            }
            for (int i = 0; i < 6; i++) {
                assertThat(client.readFrame().text()).as("message %d", i).isEqualTo(text.length() + " " + text.hashCode());
            }
        }
    }

    @Test
    void aStreamDecoderFirstForItsTypeReadsTheMessageAsItArrives() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/lines")) {
            byte[] lines = "a line of text\n".repeat(100_000).getBytes(StandardCharsets.UTF_8); // 1.5 MB, over the 1 KiB buffer
            client.sendFrame(false, RawWebSocket.TEXT, java.util.Arrays.copyOf(lines, 1000));
            assertThat(invoked.await(10, TimeUnit.SECONDS)).as("decoder called before the message is complete").isTrue();
            client.sendFrame(true, RawWebSocket.CONTINUATION, java.util.Arrays.copyOfRange(lines, 1000, lines.length));
            assertThat(client.readFrame().text()).isEqualTo("100000 lines");
        }
        invoked = new CountDownLatch(1);
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/sum")) {
            client.sendRaw(BINARY.first);
            assertThat(invoked.await(10, TimeUnit.SECONDS)).as("annotated endpoint's decoder called on the first frame").isTrue();
            client.sendRaw(BINARY.last);
            long sum = 0;
            for (byte b : BINARY.payload) {
                sum += b;
            }
            assertThat(client.readFrame().text()).isEqualTo("sum " + 2 * sum);
        }
    }

    /** A masked continuation frame header, FIN set, announcing {@code length} bytes, with a zero mask key. */
    static byte[] frameHeader(long length) {
        return ByteBuffer.allocate(14).put((byte) 0x80).put((byte) (0x80 | 127)).putLong(length).putInt(0).array();
    }

    interface Sending {
        void run() throws IOException;
    }

    static Thread writer(Sending sending) {
        Thread writer = new Thread(() -> {
            try {
                sending.run();
            } catch (IOException e) {
                // the assertions on what arrived report what matters
            }
        }, "streamed-message-writer");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    /** Waits until the writer has made no progress for a while: the server stopped reading. */
    static long awaitStall(AtomicLong written) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            long before = written.get();
            TimeUnit.MILLISECONDS.sleep(300);
            return written.get() == before && before < (long) LARGE_FRAMES * FRAME;
        });
        return written.get();
    }
}
