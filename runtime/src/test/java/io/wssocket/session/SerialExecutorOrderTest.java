package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A session's callbacks run one at a time and in the order each thread handed them over, however
 * many threads hand them over at once and however the pool schedules the runs.
 */
class SerialExecutorOrderTest {
    private static final int PRODUCERS = 4;
    private static final int TASKS_EACH = 20_000;

    @Test
    void tasksFromManyThreadsRunOneAtATimeInEachThreadsOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
        try {
            SerialExecutor serial = new SerialExecutor(pool, getClass().getClassLoader(), null);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            int[] lastSeen = new int[PRODUCERS]; // written by the serial runs only, one at a time
            List<String> outOfOrder = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(PRODUCERS * TASKS_EACH);
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                lastSeen[p] = -1;
                producers.execute(() -> {
                    for (int i = 0; i < TASKS_EACH; i++) {
                        int n = i;
                        serial.execute(() -> {
                            if (running.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            if (lastSeen[producer] != n - 1) {
                                outOfOrder.add(producer + ": " + n + " after " + lastSeen[producer]);
                            }
                            lastSeen[producer] = n;
                            running.decrementAndGet();
                            done.countDown();
                        });
                    }
                });
            }
            assertThat(done.await(60, TimeUnit.SECONDS)).as("every task ran").isTrue();
            assertThat(overlaps).as("never two at once").hasValue(0);
            synchronized (outOfOrder) {
                assertThat(outOfOrder).as("each thread's tasks in its order").isEmpty();
            }
            assertThat(lastSeen).containsOnly(TASKS_EACH - 1);
        } finally {
            producers.shutdownNow();
            pool.shutdownNow();
        }
    }
}
