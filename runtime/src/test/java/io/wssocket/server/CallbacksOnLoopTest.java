package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Option callbacks-on-loop: endpoint code runs on the event loop that read the message, and what
 * must not run there (a streamed message's handler, a SendHandler) still runs on the pool; a
 * send on the loop whose socket is full writes on the loop until it is sent.
 */
class CallbacksOnLoopTest {
    private static final BlockingQueue<String> THREADS = new LinkedBlockingQueue<>();
    private static final BlockingQueue<String> CLOSES = new LinkedBlockingQueue<>();
    /** Bytes of the big reply: far more than the socket buffers on both ends hold. */
    private static final int BIG = 8 << 20;

    @RegisterExtension
    static final RunningServer ON_LOOP = RunningServer.with(b -> b.callbacksOnLoop(true).eventLoops(1), c -> {
        c.addEndpoint(Where.class);
        c.addEndpoint(Big.class);
        c.addEndpoint(Streamed.class);
        c.addEndpoint(Handler.class);
    });

    @RegisterExtension
    static final RunningServer DEFAULT = RunningServer.withEndpoints(c -> {
        c.addEndpoint(Where.class);
        ServerEndpointConfig onLoop = ServerEndpointConfig.Builder.create(ProgrammaticWhere.class, "/where-on-loop").build();
        onLoop.getUserProperties().put(ServerConfig.CALLBACKS_ON_LOOP_PROPERTY, "true");
        c.addEndpoint(onLoop);
    });

    /** Answers each message with the name of the thread that ran onOpen and onMessage. */
    @ServerEndpoint("/where")
    public static class Where {
        static volatile Session last;
        private String openedOn;

        @OnOpen
        public void open(Session session) {
            openedOn = Thread.currentThread().getName();
            last = session;
        }

        @OnMessage
        public String echo(String message) {
            return openedOn + " " + Thread.currentThread().getName() + " " + message;
        }

        @OnClose
        public void close(Session session) {
            CLOSES.add(session.getId());
        }
    }

    /** As {@link Where}, deployed with a ServerEndpointConfig of its own (where a user property goes). */
    public static class ProgrammaticWhere extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            String openedOn = Thread.currentThread().getName();
            session.addMessageHandler(String.class, message -> session.getAsyncRemote()
                    .sendText(openedOn + " " + Thread.currentThread().getName() + " " + message));
        }
    }

    /** Answers with BIG bytes through a blocking send, or a future waited for, as asked. */
    @ServerEndpoint("/big")
    public static class Big {
        @OnMessage
        public void send(String how, Session session) throws Exception {
            byte[] payload = new byte[BIG];
            Arrays.fill(payload, (byte) 'x');
            if (how.equals("basic")) {
                session.getBasicRemote().sendBinary(ByteBuffer.wrap(payload));
            } else {
                session.getAsyncRemote().sendBinary(ByteBuffer.wrap(payload)).get(10, TimeUnit.SECONDS);
            }
            session.getBasicRemote().sendText("sent on " + Thread.currentThread().getName());
        }
    }

    /** Reads a message as a stream, which waits for frames the loop reads. */
    @ServerEndpoint("/streamed")
    public static class Streamed {
        @OnMessage
        public String read(Reader reader) throws IOException {
            StringBuilder text = new StringBuilder();
            char[] chars = new char[256];
            for (int n; (n = reader.read(chars)) >= 0; ) {
                text.append(chars, 0, n);
            }
            return text.length() + " on " + Thread.currentThread().getName();
        }
    }

    /**
     * Sends with a SendHandler, which names the thread it ran on: a small message the socket takes
     * at once, or BIG bytes that wait for a slow reader.
     */
    @ServerEndpoint("/handler")
    public static class Handler {
        @OnMessage
        public void echo(String message, Session session) {
            ByteBuffer payload = ByteBuffer.wrap(message.equals("big") ? new byte[BIG] : new byte[1]);
            session.getAsyncRemote().sendBinary(payload, (SendResult result) ->
                    session.getAsyncRemote().sendText("handler on " + Thread.currentThread().getName()));
        }
    }

    @Test
    void endpointCodeRunsOnTheLoopThatReadTheMessage() throws IOException {
        try (RawWebSocket ws = RawWebSocket.open(ON_LOOP.port(), "/where")) {
            ws.sendText("hi");
            assertThat(ws.readFrame().text()).isEqualTo("wssocket-loop-0 wssocket-loop-0 hi");
            ws.sendText("again");
            assertThat(ws.readFrame().text()).isEqualTo("wssocket-loop-0 wssocket-loop-0 again");
        }
    }

    @Test
    void byDefaultEndpointCodeRunsOffTheLoops() throws IOException {
        try (RawWebSocket ws = RawWebSocket.open(DEFAULT.port(), "/where")) {
            ws.sendText("hi");
            String[] threads = ws.readFrame().text().split(" ");
            assertThat(threads[0]).doesNotStartWith("wssocket-loop");
            assertThat(threads[1]).doesNotStartWith("wssocket-loop");
        }
    }

    @Test
    void anEndpointsUserPropertyPutsItsCodeOnTheLoopWhateverTheOption() throws IOException {
        try (RawWebSocket ws = RawWebSocket.open(DEFAULT.port(), "/where-on-loop")) {
            ws.sendText("hi");
            assertThat(ws.readFrame().text()).matches("wssocket-loop-\\d+ wssocket-loop-\\d+ hi");
        }
    }

    @Test
    void aSessionClosedFromAnotherThreadClosesAndHearsOnClose() throws Exception {
        String id;
        try (RawWebSocket ws = RawWebSocket.open(ON_LOOP.port(), "/where")) {
            ws.sendText("hi");
            ws.readFrame();
            Session session = Where.last;
            id = session.getId();
            CompletableFuture.runAsync(() -> {
                try {
                    session.close();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).get(5, TimeUnit.SECONDS);
            assertThat(ws.readCloseFrame().code()).isEqualTo(1000);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> CLOSES.contains(id));
    }

    @Test
    void aBlockingSendOnTheLoopWritesAllOfABigMessageToASlowReader() throws Exception {
        bigReplyReachesASlowReader("basic");
    }

    @Test
    void aFutureWaitedForOnTheLoopCompletes() throws Exception {
        bigReplyReachesASlowReader("future");
    }

    private static void bigReplyReachesASlowReader(String how) throws Exception {
        try (RawWebSocket ws = RawWebSocket.connectWithReceiveBuffer(ON_LOOP.port(), 16 * 1024)) {
            ws.handshake("/big");
            ws.sendText(how);
            Thread.sleep(200); // the socket fills: the loop must write the rest while the send waits
            RawWebSocket.Frame frame = ws.readFrame();
            assertThat(frame.opcode()).isEqualTo(RawWebSocket.BINARY);
            assertThat(frame.payload()).hasSize(BIG);
            assertThat(frame.payload()[0]).isEqualTo((byte) 'x');
            assertThat(frame.payload()[BIG - 1]).isEqualTo((byte) 'x');
            assertThat(ws.readFrame().text()).isEqualTo("sent on wssocket-loop-0");
        }
    }

    @Test
    void aStreamedMessageIsReadOffTheLoop() throws IOException {
        try (RawWebSocket ws = RawWebSocket.open(ON_LOOP.port(), "/streamed")) {
            byte[] part = "a".repeat(1000).getBytes(StandardCharsets.UTF_8);
            ws.sendFrame(false, RawWebSocket.TEXT, part);
            ws.sendFrame(false, RawWebSocket.CONTINUATION, part);
            ws.sendFrame(true, RawWebSocket.CONTINUATION, part);
            String answer = ws.readFrame().text();
            assertThat(answer).startsWith("3000 on ").doesNotContain("wssocket-loop");
        }
    }

    @Test
    void theSendHandlerOfASendTheSocketTookAtOnceRunsOnTheSendersThread() throws IOException {
        try (RawWebSocket ws = RawWebSocket.open(ON_LOOP.port(), "/handler")) {
            ws.sendText("small");
            assertThat(ws.readFrame().payload()).hasSize(1);
            assertThat(ws.readFrame().text()).isEqualTo("handler on wssocket-loop-0");
        }
    }

    @Test
    void theSendHandlerOfASendThatWaitedForThePeerRunsOffTheLoop() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connectWithReceiveBuffer(ON_LOOP.port(), 16 * 1024)) {
            ws.handshake("/handler");
            ws.sendText("big");
            Thread.sleep(200); // the socket fills: the send completes later, on the loop's write
            assertThat(ws.readFrame().payload()).hasSize(BIG);
            assertThat(ws.readFrame().text()).startsWith("handler on ").doesNotContain("wssocket-loop");
        }
    }

    @Test
    void otherConnectionsOfTheLoopAreServedAfterABigSend() throws Exception {
        try (RawWebSocket other = RawWebSocket.open(ON_LOOP.port(), "/where")) {
            bigReplyReachesASlowReader("basic");
            other.sendText("still");
            assertThat(other.readFrame().text()).endsWith(" still");
        }
    }
}
