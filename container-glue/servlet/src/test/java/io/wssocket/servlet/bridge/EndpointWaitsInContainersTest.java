package io.wssocket.servlet.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.servlet.WebSocketInitializer;
import io.wssocket.servlet.containers.EmbeddedServletContainer;
import io.wssocket.servlet.containers.ServletContainers;
import io.wssocket.servlet.containers.WebApplication;
import io.wssocket.test.RawWebSocket;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Endpoint code that waits on its peer completes in every container. It sends more than the socket
 * takes at once, and waits for it: with a blocking send, with an asynchronous send's future waited
 * on, and with two sessions whose endpoints send to each other at the same time (each client reads
 * nothing for a while, with a small receive buffer so that the server's writes fill the socket, and
 * then everything). It reads a streamed message whose frames come one by one.
 *
 * <p>In Tomcat the endpoint code runs on the thread of Tomcat's read event, holding the connection
 * as Tomcat's own WebSocket does: a send that waited there for Tomcat's write event would wait for
 * ever (that event waits for the read event to end), and two such sends to each other's sessions
 * would wait for each other. The waiting thread writes instead (Tomcat's blocking write).
 */
class EndpointWaitsInContainersTest {
    private static final String CONTAINERS = "io.wssocket.servlet.containers.ServletContainers#all";
    /** Far more than a small receive buffer and the server's socket buffer hold. */
    private static final int CHUNK = 64 * 1024;
    private static final int CHUNKS = 64;
    private static final int RECEIVE_BUFFER = 8 * 1024;
    /** How long the clients leave the socket full before they read. */
    private static final long STALL_MILLIS = 300;

    /**
     * Answers {@code "blocking"}, {@code "future"} or {@code "handler"} with {@link #CHUNKS} binary
     * messages of {@link #CHUNK} bytes, sent so and waited for, then "done".
     */
    @ServerEndpoint("/flood")
    public static final class Flood {
        @OnMessage
        public void flood(String how, Session session) throws Exception {
            CountDownLatch handled = new CountDownLatch(CHUNKS);
            for (int i = 0; i < CHUNKS; i++) {
                ByteBuffer chunk = chunk(i);
                switch (how) {
                    case "blocking" -> session.getBasicRemote().sendBinary(chunk);
                    case "future" -> session.getAsyncRemote().sendBinary(chunk).get(30, TimeUnit.SECONDS);
                    default -> session.getAsyncRemote().sendBinary(chunk, result -> handled.countDown());
                }
            }
            if (how.equals("handler") && !handled.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the send handlers were not all told");
            }
            session.getBasicRemote().sendText("done " + Thread.currentThread().getName());
        }
    }

    /** Each message sends the chunks to every other session of the room, blocking, then "done" to its sender. */
    @ServerEndpoint("/room")
    public static final class Room {
        static final Set<Session> MEMBERS = ConcurrentHashMap.newKeySet();

        @OnOpen
        public void join(Session session) {
            MEMBERS.add(session);
        }

        @OnMessage
        public void flood(String message, Session session) throws IOException {
            for (Session other : MEMBERS) {
                if (other != session) {
                    for (int i = 0; i < CHUNKS; i++) {
                        other.getBasicRemote().sendBinary(chunk(i));
                    }
                }
            }
            session.getBasicRemote().sendText("done");
        }

        @OnClose
        public void leave(Session session) {
            MEMBERS.remove(session);
        }
    }

    /** What {@link FailingEncoder} refuses to encode. */
    public record Unencodable(String text) {
    }

    /** An encoder that always fails. */
    public static final class FailingEncoder implements Encoder.Text<Unencodable> {
        @Override
        public String encode(Unencodable object) throws EncodeException {
            throw new EncodeException(object, "refused");
        }
    }

    /** Sends an object its encoder refuses and answers with what the SendHandler was told, waiting for it. */
    @ServerEndpoint(value = "/encoder-fails", encoders = FailingEncoder.class)
    public static final class EncoderFails {
        @OnMessage
        public String send(String message, Session session) throws InterruptedException {
            BlockingQueue<SendResult> result = new ArrayBlockingQueue<>(1);
            session.getAsyncRemote().sendObject(new Unencodable(message), result::add);
            SendResult told = result.poll(10, TimeUnit.SECONDS);
            return told == null ? "not told" : told.isOK() ? "ok" : "failed: " + told.getException().getMessage();
        }
    }

    /** Reads each binary message as a stream and answers with its length and checksum. */
    @ServerEndpoint("/stream")
    public static final class StreamReader {
        @OnMessage
        public String read(InputStream in) throws IOException {
            CRC32 crc = new CRC32();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; total += n) {
                crc.update(buffer, 0, n);
            }
            return total + " " + crc.getValue();
        }
    }

    static ByteBuffer chunk(int index) {
        byte[] bytes = new byte[CHUNK];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (index * 31 + i);
        }
        return ByteBuffer.wrap(bytes);
    }

    /** Each container with each way endpoint code waits for its sends: see {@link Flood}. */
    static Stream<Arguments> containersAndWaits() {
        return Stream.of("blocking", "future", "handler")
                .flatMap(how -> ServletContainers.all().map(container -> Arguments.of(container, how)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("containersAndWaits")
    void sendingMoreThanTheSocketTakesAndWaitingForItCompletes(EmbeddedServletContainer container, String how) throws Exception {
        int port = container.start(WebApplication.at("").initializer(new WebSocketInitializer()).classes(Flood.class));

        try (RawWebSocket client = slowReader(port, "/flood")) {
            client.sendText(how);
            Thread.sleep(STALL_MILLIS);
            readChunksThenDone(client);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void twoSessionsSendingToEachOtherAtOnceBothComplete(EmbeddedServletContainer container) throws Exception {
        Room.MEMBERS.clear();
        int port = container.start(WebApplication.at("").initializer(new WebSocketInitializer()).classes(Room.class));
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try (RawWebSocket a = slowReader(port, "/room"); RawWebSocket b = slowReader(port, "/room")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Room.MEMBERS.size() == 2);
            a.sendText("go");
            b.sendText("go");
            Thread.sleep(STALL_MILLIS);
            List<CompletableFuture<Void>> reads = new ArrayList<>();
            for (RawWebSocket client : List.of(a, b)) {
                reads.add(CompletableFuture.runAsync(() -> readFromTheOtherAndDone(client), readers));
            }
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            readers.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void theSendHandlerOfASendWhoseEncoderFailedIsToldWhileTheEndpointWaits(EmbeddedServletContainer container) throws Exception {
        int port = container.start(WebApplication.at("").initializer(new WebSocketInitializer()).classes(EncoderFails.class));

        try (RawWebSocket client = RawWebSocket.open(port, "/encoder-fails")) {
            client.sendText("x");
            assertThat(client.readFrame().text()).isEqualTo("failed: refused");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void aStreamedMessageWhoseFramesComeOneByOneIsReadToTheEnd(EmbeddedServletContainer container) throws Exception {
        int port = container.start(WebApplication.at("").initializer(new WebSocketInitializer()).classes(StreamReader.class));

        try (RawWebSocket client = RawWebSocket.open(port, "/stream")) {
            CRC32 crc = new CRC32();
            int frames = 16;
            for (int i = 0; i < frames; i++) {
                byte[] piece = chunk(i).array();
                crc.update(piece);
                client.sendFrame(i == frames - 1, i == 0 ? 0x2 : 0x0, piece);
                Thread.sleep(20); // the handler has read what came and waits for more
            }
            RawWebSocket.Frame answer = client.readFrame();
            assertThat(new String(answer.payload(), StandardCharsets.UTF_8)).isEqualTo((long) frames * CHUNK + " " + crc.getValue());
        }
    }

    @Test
    void inTomcatEndpointCodeRunsOnTheThreadOfTomcatsEvent() throws Exception {
        try (EmbeddedServletContainer tomcat = ServletContainers.tomcat()) {
            int port = tomcat.start(WebApplication.at("").initializer(new WebSocketInitializer()).classes(Flood.class));
            try (RawWebSocket client = slowReader(port, "/flood")) {
                client.sendText("blocking");
                String done = readChunksThenDone(client);
                assertThat(done).as("the thread onMessage ran on").doesNotContain("wssocket").contains("exec");
            }
        }
    }

    private static RawWebSocket slowReader(int port, String path) throws IOException {
        RawWebSocket client = RawWebSocket.connectWithReceiveBuffer(port, RECEIVE_BUFFER);
        client.handshake(path);
        return client;
    }

    /** @return the text that ended them */
    private static String readChunksThenDone(RawWebSocket client) throws IOException {
        for (int i = 0; i < CHUNKS; i++) {
            RawWebSocket.Frame frame = client.readFrame();
            assertThat(frame.opcode()).as("frame %d", i).isEqualTo(0x2);
            assertThat(ByteBuffer.wrap(frame.payload())).as("chunk %d", i).isEqualTo(chunk(i));
        }
        RawWebSocket.Frame done = client.readFrame();
        assertThat(done.opcode()).isEqualTo(0x1);
        String text = new String(done.payload(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("done");
        return text;
    }

    /** The other's chunks and this one's "done", in whichever order the two endpoints' sends interleave. */
    private static void readFromTheOtherAndDone(RawWebSocket client) {
        try {
            int chunks = 0;
            boolean done = false;
            while (chunks < CHUNKS || !done) {
                RawWebSocket.Frame frame = client.readFrame();
                if (frame.opcode() == 0x1) {
                    assertThat(new String(frame.payload(), StandardCharsets.UTF_8)).isEqualTo("done");
                    done = true;
                } else {
                    assertThat(ByteBuffer.wrap(frame.payload())).as("chunk %d", chunks).isEqualTo(chunk(chunks));
                    chunks++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
