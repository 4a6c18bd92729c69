package io.wssocket.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The batching rule of a corked connection: owned frames are held and their writes complete at
 * once; they leave, in order, when the last cork ends, when a write that cannot be held joins
 * them, before the socket closes, and, if the corking thread never comes back (user code that
 * sends and then blocks), when the loop finds them held too long.
 */
@Timeout(30)
class CorkedWritesTest {
    private static final TransportConfig CONFIG = new TransportConfig(1, 4096, 1 << 20, 1 << 19, 1 << 22, true, 0);

    private EventLoopGroup loops;
    private ServerSocketChannel listener;
    private SocketChannel peer;
    private Connection connection;

    @BeforeEach
    void connect() throws Exception {
        loops = new EventLoopGroup("corked-test", CONFIG);
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer = SocketChannel.open(listener.getLocalAddress());
        peer.socket().setSoTimeout(200);
        CompletableFuture<Connection> registered = new CompletableFuture<>();
        loops.next().register(listener.accept(), new DiscardingHandler(), registered::complete);
        connection = registered.get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        peer.close();
        listener.close();
        loops.close();
    }

    @Test
    void heldFramesCompleteAtOnceAndLeaveTogetherWhenTheCorkEnds() throws Exception {
        connection.cork();
        CompletableFuture<Void> first = write("one ");
        CompletableFuture<Void> second = write("two ");
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        connection.uncork();
        assertThat(read(8)).isEqualTo("one two ");
    }

    @Test
    void nestedCorksFlushOnlyWhenTheLastEnds() throws Exception {
        connection.cork();
        connection.cork();
        write("a");
        connection.uncork();
        write("b");
        connection.uncork();
        assertThat(read(2)).isEqualTo("ab");
    }

    @Test
    void aWriteThatCannotBeHeldTakesTheHeldFramesWithItInOrder() throws Exception {
        connection.cork();
        write("held ");
        CompletableFuture<Throwable> shared = new CompletableFuture<>();
        connection.write(ascii("shared"), shared::complete); // not owned: the caller keeps its buffer
        assertThat(shared.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(read(11)).isEqualTo("held shared");
        connection.uncork();
    }

    @Test
    void framesHeldByAThreadThatNeverUncorksStillReachThePeer() throws Exception {
        connection.cork(); // and, like a handler that blocks after sending, never uncork
        write("not stuck");
        assertThat(read(9)).isEqualTo("not stuck");
    }

    @Test
    void closingAfterFlushWritesTheHeldFramesFirst() throws Exception {
        connection.cork();
        write("last words");
        connection.closeAfterFlush();
        assertThat(read(10)).isEqualTo("last words");
        assertThat(peer.read(ByteBuffer.allocate(1))).isEqualTo(-1);
    }

    @Test
    void withoutACorkOwnedFramesAreWrittenAtOnce() throws Exception {
        write("direct");
        assertThat(read(6)).isEqualTo("direct");
    }

    private CompletableFuture<Void> write(String text) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.writeOwned(ascii(text), failure -> {
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        });
        return done;
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads exactly {@code n} bytes within five seconds. */
    private String read(int n) throws IOException {
        byte[] bytes = new byte[n];
        int got = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        java.io.InputStream in = peer.socket().getInputStream();
        while (got < n) {
            try {
                int r = in.read(bytes, got, n - got);
                if (r < 0) {
                    break;
                }
                got += r;
            } catch (SocketTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
        }
        return new String(bytes, 0, got, StandardCharsets.US_ASCII);
    }
}
