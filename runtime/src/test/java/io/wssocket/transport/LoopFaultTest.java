package io.wssocket.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The loop's side of failures and floods, without a protocol on top: an Error while handling one
 * connection (or running one task) closes that connection and nothing else, the handler hears of
 * it first; sockets handed to a busy loop beyond its bound are closed, not queued; and another
 * thread's read-interest calls leave at most one task queued per connection.
 */
@Timeout(30)
class LoopFaultTest {
    private static final TransportConfig CONFIG = new TransportConfig(1, 4096, 1 << 20, 1 << 19, 1 << 22, true, 0);
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final int PENDING_BOUND = 4;

    private EventLoopGroup loops;
    private ServerSocketChannel listener;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        loops = new EventLoopGroup("fault-test", CONFIG, null, OutboundBudget.unlimited(), PENDING_BOUND);
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void close() throws Exception {
        for (Socket client : clients) {
            client.close();
        }
        listener.close();
        loops.close();
    }

    @Test
    void anErrorWhileHandlingOneConnectionClosesItAndTheLoopServesTheOthers() throws Exception {
        EchoUnlessBoom handler = new EchoUnlessBoom();
        Socket victim = connect(handler);
        Socket bystander = connect(handler);
        EventLoop loop = loops.loops().get(0);

        send(victim, "boom");

        assertThat(readUntilClosed(victim)).as("nothing echoed before the close").isEmpty();
        assertThat(handler.internalError.get()).isInstanceOf(OutOfMemoryError.class);
        assertThat(handler.closedBy.get(5, TimeUnit.SECONDS)).isSameAs(handler.internalError.get());
        assertThat(echo(bystander, "still here")).isEqualTo("still here");
        assertThat(loops.loops().get(0)).as("the loop itself lives on").isSameAs(loop);
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void anErrorInATaskDoesNotEndTheLoop() throws Exception {
        Socket client = connect(new EchoUnlessBoom());
        EventLoop loop = loops.loops().get(0);

        loop.execute(() -> {
            throw new StackOverflowError("injected in a task");
        });

        assertThat(echo(client, "after the task")).isEqualTo("after the task");
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void socketsBeyondTheRegistrationBoundAreClosedAtOnce() throws Exception {
        EventLoop loop = loops.loops().get(0);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        loop.execute(() -> {
            busy.countDown();
            awaitQuietly(release); // the loop is busy: what is handed to it waits
        });
        busy.await(5, TimeUnit.SECONDS);
        int handed = PENDING_BOUND + 6;
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger registered = new AtomicInteger();
        List<SocketChannel> accepted = new ArrayList<>();
        for (int i = 0; i < handed; i++) {
            clients.add(new Socket(InetAddress.getLoopbackAddress(), listener.socket().getLocalPort()));
            SocketChannel channel = listener.accept();
            accepted.add(channel);
            loop.register(channel, null, new EchoUnlessBoom(), c -> registered.incrementAndGet(), refused::incrementAndGet);
        }

        assertThat(refused).as("sockets closed at once, beyond the bound").hasValue(handed - PENDING_BOUND);
        assertThat(loop.pendingRegistrations()).isEqualTo(PENDING_BOUND);
        assertThat(accepted.stream().filter(c -> !c.isOpen()).count()).isEqualTo(handed - PENDING_BOUND);
        release.countDown();
        await().atMost(WITHIN).until(() -> registered.get() == PENDING_BOUND);
        assertThat(echo(clients.get(0), "waited its turn")).isEqualTo("waited its turn");
        assertThat(readUntilClosed(clients.get(handed - 1))).isEmpty();
    }

    @Test
    void readInterestCallsFromAnotherThreadQueueOneTaskPerConnection() throws Exception {
        AtomicReference<Connection> connection = new AtomicReference<>();
        Socket client = connect(new EchoUnlessBoom(), connection);
        EventLoop loop = loops.loops().get(0);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> awaitQuietly(release));
        await().atMost(WITHIN).until(() -> loop.queuedTasks() == 0); // the blocking task runs

        for (int i = 0; i < 10_000; i++) {
            connection.get().suspendReads();
            connection.get().resumeReads();
        }

        assertThat(loop.queuedTasks()).isEqualTo(1);
        release.countDown();
        assertThat(echo(client, "reads resumed: the last call wins")).isEqualTo("reads resumed: the last call wins");
    }

    // ------------------------------------------------------------------ helpers

    private Socket connect(ConnectionHandler handler) throws Exception {
        return connect(handler, new AtomicReference<>());
    }

    private Socket connect(ConnectionHandler handler, AtomicReference<Connection> registered) throws Exception {
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.socket().getLocalPort());
        client.setSoTimeout(5000);
        clients.add(client);
        CompletableFuture<Connection> done = new CompletableFuture<>();
        loops.next().register(listener.accept(), handler, done::complete);
        registered.set(done.get(5, TimeUnit.SECONDS));
        return client;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static String echo(Socket socket, String text) throws IOException {
        socket.setSoTimeout(5000);
        send(socket, text);
        byte[] back = socket.getInputStream().readNBytes(text.length());
        return new String(back, StandardCharsets.US_ASCII);
    }

    /** Reads until the server ends the connection (FIN or reset); returns what came before. */
    private static String readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout(5000);
        InputStream in = socket.getInputStream();
        StringBuilder got = new StringBuilder();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                got.append((char) b);
            }
        } catch (SocketException reset) {
            // a reset ends it too
        }
        return got.toString();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Echoes what it reads; "boom" makes it throw an OutOfMemoryError, as if the heap ran out mid-read. */
    private static final class EchoUnlessBoom implements ConnectionHandler {
        final AtomicReference<Throwable> internalError = new AtomicReference<>();
        final CompletableFuture<Throwable> closedBy = new CompletableFuture<>();

        @Override
        public void onData(Connection connection, ByteBuffer in) {
            ByteBuffer copy = ByteBuffer.allocate(in.remaining()).put(in).flip();
            if (StandardCharsets.US_ASCII.decode(copy.duplicate()).toString().contains("boom")) {
                throw new OutOfMemoryError("injected while reading");
            }
            connection.write(copy, WriteCallback.NONE);
        }

        @Override
        public void onInputClosed(Connection connection) {
            connection.closeAfterFlush();
        }

        @Override
        public long onTimer(Connection connection, long now) {
            return 0;
        }

        @Override
        public void onInternalError(Connection connection, Throwable error) {
            internalError.set(error);
        }

        @Override
        public void onClosed(Connection connection, Throwable cause) {
            closedBy.complete(cause);
        }
    }
}
