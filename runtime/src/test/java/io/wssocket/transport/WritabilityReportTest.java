package io.wssocket.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The writability listener is told one change at a time, in order: while a writer tells it
 * "not writable", the loop that drains the queue below the low water mark does not tell it
 * "writable" at the same moment (it would be heard before, or during, the older news); the
 * writer, done telling, finds the change and tells it next.
 */
@Timeout(30)
class WritabilityReportTest {
    private static final TransportConfig CONFIG = new TransportConfig(1, 32 << 10, 16 << 10, 4 << 10, 16L << 20, true, 0);
    private static final int BYTES = 1 << 20;

    @Test
    void theLoopsWritableWaitsForTheWritersNotWritableAndFollowsIt() throws Exception {
        try (LoopbackLoops transport = new LoopbackLoops("writability-test", CONFIG, 50);
             Socket peer = new Socket()) {
            peer.setReceiveBufferSize(4096);
            peer.connect(transport.address(), 5000);
            SocketChannel accepted = transport.listener.accept();
            accepted.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            CompletableFuture<Connection> registered = new CompletableFuture<>();
            transport.loops.next().register(accepted, new DiscardingHandler(), registered::complete);
            Connection connection = registered.get(5, TimeUnit.SECONDS);

            CountDownLatch startReading = new CountDownLatch(1);
            AtomicLong read = new AtomicLong();
            Thread reader = new Thread(() -> readAll(peer, startReading, read), "writability-test-reader");
            reader.start();
            List<String> heard = new ArrayList<>();
            AtomicInteger inside = new AtomicInteger();
            connection.setWritabilityListener(writable -> {
                int at = inside.incrementAndGet();
                synchronized (heard) {
                    heard.add(writable + (at == 1 ? "" : " while another call was running") + " on "
                            + Thread.currentThread().getName());
                }
                if (!writable) {
                    // Hold "not writable" until the loop has drained the queue below the low water mark.
                    startReading.countDown();
                    await().atMost(Duration.ofSeconds(10)).until(connection::isWritable);
                    sleepQuietly(50); // room for a wrongly concurrent "writable" to come in meanwhile
                }
                inside.decrementAndGet();
            });

            CompletableFuture<Throwable> written = new CompletableFuture<>();
            connection.write(ByteBuffer.allocate(BYTES), written::complete);

            assertThat(written.get(10, TimeUnit.SECONDS)).isNull();
            await().atMost(Duration.ofSeconds(10)).until(() -> read.get() == BYTES);
            String writer = Thread.currentThread().getName();
            synchronized (heard) {
                assertThat(heard).containsExactly("false on " + writer, "true on " + writer);
            }
        }
    }

    private static void readAll(Socket peer, CountDownLatch start, AtomicLong read) {
        try {
            start.await(10, TimeUnit.SECONDS);
            InputStream in = peer.getInputStream();
            byte[] buffer = new byte[8192];
            int n;
            while (read.get() < BYTES && (n = in.read(buffer)) > 0) {
                read.addAndGet(n);
            }
        } catch (Exception e) {
            // the assertions on what was read say what went wrong
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
