package io.wssocket.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.test.TestCertificates;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;

/**
 * The lock order written down in {@link Connection}, held under contention: eight threads write
 * frames to one connection (plain, gathered and owned writes, corking and uncorking as a session's
 * callback thread does) while one thread ends it (after a flush, or at once) and the loop flushes
 * to a real loopback peer that reads slowly, over TCP and over TLS. No thread deadlocks; every
 * write's callback runs exactly once; each sender's frames arrive whole and in its order, and
 * exactly those reported written when the end came after a flush; the writability listener hears
 * "not writable" and "writable" alternately, one call at a time, and ends on "writable" when the
 * queue drained. The waits are liveness bounds, not timings.
 */
@Timeout(180)
class ConnectionContentionTest {
    /**
     * Small water marks and a small socket buffer: the queue crosses them again and again. The read
     * buffer holds a TLS record's plaintext (the server requires as much with TLS).
     */
    private static final TransportConfig CONFIG = new TransportConfig(1, 32 << 10, 16 << 10, 4 << 10, 64L << 20, true, 0);
    private static final Duration LIVENESS = Duration.ofSeconds(30);
    private static final int SENDERS = 8;
    private static final int FRAMES_PER_SENDER = 400;
    private static final int HEADER = 6; // sender, sequence number (4), payload length
    private static final int ROUNDS = 3;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private LoopbackLoops transport;

    @BeforeEach
    void listen() throws IOException {
        transport = new LoopbackLoops("contention-test", CONFIG, 50);
    }

    @AfterEach
    void close() throws Exception {
        transport.close();
    }

    @ParameterizedTest(name = "tls={0}, abort={1}")
    @CsvSource({"false, false", "false, true", "true, false", "true, true"})
    void sendersCorkersAndACloserRacingTheLoop(boolean tls, boolean abort) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            new Round(tls, abort, ThreadLocalRandom.current().nextInt(SENDERS * FRAMES_PER_SENDER + 1)).run();
        }
    }

    /** One connection, its senders, its closer and its reader. */
    private final class Round {
        private final boolean tls;
        private final boolean abort;
        /** The closer ends the connection once this many writes were made. */
        private final int closeAfterWrites;
        private final AtomicInteger writesMade = new AtomicInteger();
        /** Per write (sender * FRAMES_PER_SENDER + sequence): how often its callback ran. */
        private final AtomicIntegerArray calls = new AtomicIntegerArray(SENDERS * FRAMES_PER_SENDER);
        /** Per write: 1 written, 2 failed. */
        private final AtomicIntegerArray outcome = new AtomicIntegerArray(SENDERS * FRAMES_PER_SENDER);
        private final List<Boolean> writability = new ArrayList<>();
        private final AtomicInteger listenersInside = new AtomicInteger();
        /** Senders wait here while the connection is not writable, as a session's blocking senders do. */
        private final Object room = new Object();
        private final AtomicReference<Throwable> trouble = new AtomicReference<>();
        /** Per sender, the sequence numbers of the whole frames the peer read, in the order read. */
        private final List<List<Integer>> received = new ArrayList<>();

        Round(boolean tls, boolean abort, int closeAfterWrites) {
            this.tls = tls;
            this.abort = abort;
            this.closeAfterWrites = closeAfterWrites;
            for (int s = 0; s < SENDERS; s++) {
                received.add(new ArrayList<>());
            }
        }

        void run() throws Exception {
            Socket peer = connectPeer();
            DiscardingHandler handler = new DiscardingHandler();
            Connection connection = register(handler);
            connection.setWritabilityListener(this::heard);

            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                workers.add(thread("sender-" + s, () -> send(connection, sender, start)));
            }
            workers.add(thread("closer", () -> end(connection, start)));
            Thread reader = thread("reader", () -> read(peer));
            start.countDown();

            String what = (tls ? "TLS" : "TCP") + (abort ? ", aborted" : ", ended after a flush")
                    + " after " + closeAfterWrites + " writes";
            awaitLive(what, () -> workers.stream().noneMatch(Thread::isAlive) && !reader.isAlive()
                    && handler.closed.isDone() && allCalledBack());
            assertThat(trouble.get()).as(what).isNull();

            for (int w = 0; w < calls.length(); w++) {
                assertThat(calls.get(w)).as("%s: callbacks of write %d", what, w).isEqualTo(1);
            }
            for (int s = 0; s < SENDERS; s++) {
                List<Integer> got = received.get(s);
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i)).as("%s: sender %d's frames in its order", what, s).isEqualTo(i);
                }
                for (int seq = 0; seq < FRAMES_PER_SENDER; seq++) {
                    int result = outcome.get(s * FRAMES_PER_SENDER + seq);
                    if (seq < got.size()) {
                        assertThat(result).as("%s: a frame that arrived was reported written", what).isEqualTo(1);
                    } else if (!abort) {
                        assertThat(result).as("%s: after a flush, a frame reported written arrived", what).isEqualTo(2);
                    }
                }
            }
            List<Boolean> heard;
            synchronized (writability) {
                heard = List.copyOf(writability);
            }
            for (int i = 0; i < heard.size(); i++) {
                assertThat(heard.get(i)).as("%s: writability alternates from 'not writable': %s", what, heard)
                        .isEqualTo(i % 2 == 1);
            }
            if (!abort) {
                assertThat(heard.size() % 2).as("%s: the drained queue ended writable: %s", what, heard).isZero();
            }
        }

        private void heard(boolean writable) {
            if (listenersInside.incrementAndGet() != 1) {
                trouble.compareAndSet(null, new AssertionError("two writability calls at once"));
            }
            synchronized (writability) {
                writability.add(writable);
            }
            Thread.yield(); // widen the window in which another change could overtake this one
            listenersInside.decrementAndGet();
            if (writable) {
                synchronized (room) {
                    room.notifyAll();
                }
            }
        }

        private void send(Connection connection, int sender, CountDownLatch start) {
            awaitQuietly(start);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int seq = 0;
            while (seq < FRAMES_PER_SENDER) {
                awaitRoom(connection);
                boolean cork = random.nextInt(4) == 0;
                if (cork) {
                    connection.cork();
                }
                for (int batch = 1 + random.nextInt(4); batch > 0 && seq < FRAMES_PER_SENDER; batch--, seq++) {
                    write(connection, sender, seq, random.nextInt(3), random.nextInt(200));
                }
                if (cork) {
                    connection.uncork();
                }
            }
        }

        /** The lock order of a session's blocking sender: its own monitor, then the connection's (isWritable). */
        private void awaitRoom(Connection connection) {
            synchronized (room) {
                while (!connection.isWritable() && connection.isOpen()) {
                    try {
                        room.wait(1); // in slices: a connection that closes sends no "writable"
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        private void write(Connection connection, int sender, int seq, int how, int payload) {
            int id = sender * FRAMES_PER_SENDER + seq;
            WriteCallback callback = failure -> {
                calls.incrementAndGet(id);
                outcome.set(id, failure == null ? 1 : 2);
            };
            ByteBuffer frame = frame(sender, seq, payload);
            writesMade.incrementAndGet();
            switch (how) {
                case 0 -> connection.write(frame, callback);
                case 1 -> {
                    ByteBuffer header = frame.duplicate().limit(HEADER);
                    ByteBuffer body = frame.duplicate().position(HEADER);
                    connection.write(new ByteBuffer[] {header, body}, callback);
                }
                default -> connection.writeOwned(frame, callback);
            }
        }

        private void end(Connection connection, CountDownLatch start) {
            awaitQuietly(start);
            while (writesMade.get() < closeAfterWrites && Thread.currentThread().isAlive()) {
                LockSupport.parkNanos(50_000);
            }
            if (abort) {
                connection.abort(null);
            } else {
                // FIN once flushed (close_notify first over TLS): the peer reads to the end of the stream.
                connection.shutdownOutputAfterFlush();
            }
        }

        /**
         * Reads frames until the stream ends, a little slowly, so that the queue backs up; then
         * closes the peer, and the connection, its input ended, closes too.
         */
        private void read(Socket peer) {
            try (peer; DataInputStream in = new DataInputStream(new BufferedInputStream(peer.getInputStream(), 512))) {
                for (int frames = 0; ; frames++) {
                    int sender = in.read();
                    if (sender < 0) {
                        return;
                    }
                    int seq = in.readInt();
                    byte[] payload = new byte[in.readUnsignedByte()];
                    in.readFully(payload);
                    if (sender >= SENDERS || !Arrays.equals(payload, payload(seq, payload.length))) {
                        throw new AssertionError("frame " + seq + " of sender " + sender + " arrived damaged");
                    }
                    received.get(sender).add(seq);
                    if (frames % 256 == 0) {
                        Thread.sleep(1);
                    }
                }
            } catch (EOFException e) {
                if (!abort) {
                    trouble.compareAndSet(null, new AssertionError("the stream ended inside a frame", e));
                }
            } catch (IOException e) {
                if (!abort) {
                    trouble.compareAndSet(null, e); // a reset (or a TLS failure) only when aborted
                }
            } catch (Throwable t) {
                trouble.compareAndSet(null, t);
            }
        }

        private boolean allCalledBack() {
            for (int w = 0; w < calls.length(); w++) {
                if (calls.get(w) == 0) {
                    return false;
                }
            }
            return true;
        }

        private Socket connectPeer() throws Exception {
            InetSocketAddress address = transport.address();
            Socket peer = tls
                    ? TestCertificates.localhost().clientContext().getSocketFactory().createSocket()
                    : new Socket();
            peer.setReceiveBufferSize(4096);
            peer.connect(address, 5000);
            return peer;
        }

        private Connection register(DiscardingHandler handler) throws Exception {
            SocketChannel accepted = transport.listener.accept();
            accepted.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            SSLEngine engine = tls ? serverEngine() : null;
            CompletableFuture<Connection> registered = new CompletableFuture<>();
            transport.loops.next().register(accepted, engine, handler, registered::complete);
            return registered.get(5, TimeUnit.SECONDS);
        }

        private Thread thread(String name, Runnable body) {
            Thread thread = new Thread(() -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    trouble.compareAndSet(null, t);
                }
            }, "contention-" + name);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }
    }

    private static SSLEngine serverEngine() {
        TestCertificates.Material material = TestCertificates.localhost();
        return TlsContext.serverFromPkcs12(material.keystore(), TestCertificates.PASSWORD.toCharArray(),
                TlsContext.DEFAULT_PROTOCOLS).serverEngine();
    }

    /** Waits for {@code done}, failing at once if threads deadlock, and at the bound with the threads' stacks. */
    private void awaitLive(String what, java.util.concurrent.Callable<Boolean> done) {
        try {
            await(what).atMost(LIVENESS).pollInterval(Duration.ofMillis(50)).until(() -> {
                long[] deadlocked = threads.findDeadlockedThreads();
                if (deadlocked != null) {
                    throw new IllegalStateException("deadlock: " + describe(threads.getThreadInfo(deadlocked, true, true)));
                }
                return done.call();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(what + ": no progress within " + LIVENESS + "; threads: "
                    + describe(threads.dumpAllThreads(true, true)), e);
        }
    }

    private static String describe(ThreadInfo[] infos) {
        StringBuilder text = new StringBuilder();
        for (ThreadInfo info : infos) {
            if (info.getThreadName().startsWith("contention-")) {
                text.append('\n').append(info);
            }
        }
        return text.toString();
    }

    private static ByteBuffer frame(int sender, int seq, int payloadLength) {
        return ByteBuffer.allocate(HEADER + payloadLength).put((byte) sender).putInt(seq).put((byte) payloadLength)
                .put(payload(seq, payloadLength)).flip();
    }

    private static byte[] payload(int seq, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seq + i);
        }
        return bytes;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(LIVENESS.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
