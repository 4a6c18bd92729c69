package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.test.RawWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The well-behaved side of a room with non-readers in it ({@link BroadcastToAll}): readers that
 * read on their own threads, as real clients would, and a publisher on the first reader's
 * connection that keeps a few messages ahead of the slowest of them.
 */
final class PacedBroadcast {

    /**
     * Messages the publisher lets the slowest reader fall behind by: their bytes stay under the
     * queue limit and the low water mark of the tests that use this, so a reader that reads as
     * fast as the machine lets it never loses one to a full queue (the async sends to it would
     * fail, as they must); what is tested is that the non-readers' full queues do not hold the
     * readers back.
     */
    private static final int PUBLISH_AHEAD = 4;

    private PacedBroadcast() {
    }

    /** Opens the non-readers: 4 KiB receive windows, handshake done, never read again. */
    static List<RawWebSocket> openNonReaders(int port, String path, int count) throws Exception {
        List<RawWebSocket> slow = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RawWebSocket ws = RawWebSocket.connectWithReceiveBuffer(port, 4096);
            slow.add(ws);
            ws.handshake(path);
        }
        return slow;
    }

    /**
     * Publishes {@code messages} numbered texts of {@code size} bytes and checks that every reader
     * got every one, in order.
     */
    static void publishAndCheckEveryReader(List<RawWebSocket> readers, int messages, int size) throws Exception {
        publishAndCheckEveryReader(readers, 0, messages, size);
    }

    /**
     * As {@link #publishAndCheckEveryReader(List, int, int)}, numbering from {@code first}: a
     * test that needs the room to keep talking calls this again with the next number.
     */
    static void publishAndCheckEveryReader(List<RawWebSocket> readers, int first, int messages, int size)
            throws Exception {
        ExecutorService readerThreads = Executors.newFixedThreadPool(readers.size());
        AtomicIntegerArray progress = new AtomicIntegerArray(readers.size());
        try {
            List<Future<Integer>> received = new ArrayList<>();
            for (int r = 0; r < readers.size(); r++) {
                RawWebSocket reader = readers.get(r);
                int index = r;
                received.add(readerThreads.submit(() -> {
                    for (int i = first; i < first + messages; i++) {
                        String text = reader.readFrame().text();
                        assertThat(text).as("message %d to reader %d", i, index)
                                .startsWith(String.format("%07d ", i)).hasSize(size);
                        progress.set(index, i + 1 - first);
                    }
                    return messages;
                }));
            }
            String padding = "x".repeat(size - 8);
            for (int i = 0; i < messages; i++) {
                int sent = i;
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                        .until(() -> slowest(progress) >= sent - PUBLISH_AHEAD);
                readers.get(0).sendText(String.format("%07d ", first + i) + padding);
            }
            for (Future<Integer> reader : received) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(messages);
            }
        } finally {
            readerThreads.shutdownNow();
        }
    }

    private static int slowest(AtomicIntegerArray progress) {
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < progress.length(); i++) {
            min = Math.min(min, progress.get(i));
        }
        return min;
    }
}
