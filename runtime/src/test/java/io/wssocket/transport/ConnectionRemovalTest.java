package io.wssocket.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A loop's connections leave it in any order, each exactly once: after a close in shuffled order
 * of half of them, the loop holds exactly the other half and counts them; stopping it closes the
 * rest. Two sockets per connection, so the count stays far below the machine's 20,000 open files
 * (the set itself is taken through 20,000 in {@link IndexedSetProperties}).
 */
@Timeout(60)
class ConnectionRemovalTest {
    private static final TransportConfig CONFIG = new TransportConfig(1, 4096, 1 << 20, 1 << 19, 1 << 22, true, 0);
    private static final int CONNECTIONS = 2_000;

    private final List<SocketChannel> peers = new ArrayList<>();
    private LoopbackLoops transport;

    @BeforeEach
    void listen() throws Exception {
        transport = new LoopbackLoops("removal-test", CONFIG, CONNECTIONS);
    }

    @AfterEach
    void close() throws Exception {
        for (SocketChannel peer : peers) {
            peer.close();
        }
        transport.close();
    }

    @Test
    void connectionsClosedInAnyOrderLeaveTheLoopOnceAndStoppingClosesTheRest() throws Exception {
        EventLoop loop = transport.loops.loops().get(0);
        List<DiscardingHandler> handlers = new ArrayList<>(CONNECTIONS);
        List<SocketConnection> all = new ArrayList<>(CONNECTIONS);
        for (int i = 0; i < CONNECTIONS; i++) {
            DiscardingHandler handler = new DiscardingHandler();
            handlers.add(handler);
            all.add(connect(loop, handler));
        }
        assertThat(loop.connectionCount()).isEqualTo(CONNECTIONS);
        Collections.shuffle(all, new Random(14));
        List<SocketConnection> closed = all.subList(0, CONNECTIONS / 2);
        Set<SocketConnection> open = identitySet(all.subList(CONNECTIONS / 2, CONNECTIONS));

        CompletableFuture<List<SocketConnection>> left = new CompletableFuture<>();
        loop.execute(() -> {
            for (SocketConnection c : closed) {
                c.close(null);
                c.close(null); // a second close is nothing
            }
            left.complete(loop.connections());
        });

        assertThat(identitySet(left.get(10, TimeUnit.SECONDS))).isEqualTo(open);
        assertThat(loop.connectionCount()).isEqualTo(CONNECTIONS / 2);
        assertThat(closes(handlers)).isEqualTo(CONNECTIONS / 2);
        for (SocketConnection c : closed) {
            assertThat(c.loopIndex).isEqualTo(IndexedSet.NONE);
        }

        transport.loops.stop();
        assertThat(loop.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(loop.connectionCount()).isZero();
        for (DiscardingHandler handler : handlers) {
            assertThat(handler.closes).as("each connection closed exactly once").hasValue(1);
        }
        for (SocketConnection c : all) {
            assertThat(c.loopIndex).isEqualTo(IndexedSet.NONE);
        }
    }

    private SocketConnection connect(EventLoop loop, DiscardingHandler handler) throws Exception {
        peers.add(SocketChannel.open(transport.address()));
        CompletableFuture<SocketConnection> registered = new CompletableFuture<>();
        loop.register(transport.listener.accept(), handler, registered::complete);
        return registered.get(5, TimeUnit.SECONDS);
    }

    private static long closes(List<DiscardingHandler> handlers) {
        return handlers.stream().mapToInt(h -> h.closes.get()).sum();
    }

    private static Set<SocketConnection> identitySet(List<SocketConnection> connections) {
        Set<SocketConnection> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(connections);
        return set;
    }
}
