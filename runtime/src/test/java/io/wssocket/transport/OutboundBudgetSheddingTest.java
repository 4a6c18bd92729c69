package io.wssocket.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server-wide outbound budget drops the connection with the most queued first, whichever
 * connection's write crossed it, and only as many as it takes; the bytes of the dropped one leave
 * the budget, and two budgets (two servers) do not see each other.
 */
@Timeout(30)
class OutboundBudgetSheddingTest {
    private static final long LOW_WATER = 64 << 10;
    private static final TransportConfig CONFIG = new TransportConfig(1, 4096, 128 << 10, LOW_WATER, 16L << 20, true, 0);
    private static final long BUDGET = 3L << 20;

    private final OutboundBudget budget = new OutboundBudget(BUDGET);
    private final List<SocketChannel> peers = new ArrayList<>();
    private EventLoopGroup loops;
    private ServerSocketChannel listener;

    @BeforeEach
    void start() throws Exception {
        loops = new EventLoopGroup("budget-test", CONFIG, budget);
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() throws Exception {
        for (SocketChannel peer : peers) {
            peer.close();
        }
        listener.close();
        loops.close();
    }

    @Test
    void theLargestIsDroppedWhenAnotherConnectionsWriteCrossesTheBudget() throws Exception {
        DiscardingHandler largeEnd = new DiscardingHandler();
        DiscardingHandler smallEnd = new DiscardingHandler();
        Connection large = connectNonReader(largeEnd);
        Connection small = connectNonReader(smallEnd);
        fillUntilQueued(large, 2L << 20);
        fillUntilQueued(small, 600 << 10);
        assertThat(budget.heavyConnections()).isEqualTo(2);
        assertThat(budget.used()).isEqualTo(large.queuedBytes() + small.queuedBytes());

        small.write(ByteBuffer.allocate(512 << 10), failure -> { }); // crosses 3 MiB

        Throwable cause = largeEnd.closed.get(5, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOf(OutboundBudgetExceededException.class)
                .hasMessageContaining("max-outbound-bytes");
        assertThat(smallEnd.closed).as("the writer, not the largest, keeps its connection").isNotDone();
        assertThat(budget.used()).as("only the dropped connection's bytes left the budget")
                .isEqualTo(small.queuedBytes()).isLessThanOrEqualTo(BUDGET);
        assertThat(budget.heavyConnections()).isEqualTo(1);
    }

    @Test
    void connectionsBelowTheirLowWaterMarkAreNeverDroppedAndServersDoNotShareABudget() throws Exception {
        OutboundBudget tiny = new OutboundBudget(1);
        try (EventLoopGroup other = new EventLoopGroup("budget-test-other", CONFIG, tiny)) {
            DiscardingHandler end = new DiscardingHandler();
            Connection light = connectNonReader(other, end);
            // Queue something, but no more than one write of 64 KiB, which is the low water mark.
            fillUntilQueued(light, 1);
            assertThat(light.queuedBytes()).isLessThanOrEqualTo(LOW_WATER);
            assertThat(tiny.used()).as("over its budget of 1 byte").isEqualTo(light.queuedBytes());
            light.write(ByteBuffer.allocate(0), failure -> { }); // a write that finds the budget exceeded
            assertThat(end.closed).as("below its low water mark: never a candidate").isNotDone();
            assertThat(budget.used()).as("the other server's budget").isZero();
        }
    }

    @Test
    void closingAConnectionGivesItsBytesBack() throws Exception {
        DiscardingHandler end = new DiscardingHandler();
        Connection connection = connectNonReader(end);
        fillUntilQueued(connection, 1L << 20);
        assertThat(budget.used()).isPositive();
        connection.abort(null);
        end.closed.get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.used() == 0 && budget.heavyConnections() == 0);
    }

    /** A connection whose peer has a small receive window and never reads. */
    private Connection connectNonReader(DiscardingHandler handler) throws Exception {
        return connectNonReader(loops, handler);
    }

    private Connection connectNonReader(EventLoopGroup group, DiscardingHandler handler) throws Exception {
        SocketChannel peer = SocketChannel.open();
        peer.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        peer.connect(listener.getLocalAddress());
        peers.add(peer);
        CompletableFuture<Connection> registered = new CompletableFuture<>();
        group.next().register(listener.accept(), handler, registered::complete);
        return registered.get(5, TimeUnit.SECONDS);
    }

    /** Writes 64 KiB at a time until the connection queues at least {@code bytes} (the kernel takes the first few MiB). */
    private static void fillUntilQueued(Connection connection, long bytes) {
        for (int i = 0; i < 1024 && connection.queuedBytes() < bytes; i++) {
            connection.write(ByteBuffer.allocate(64 << 10), failure -> { });
        }
        assertThat(connection.queuedBytes()).isGreaterThanOrEqualTo(bytes);
    }
}
