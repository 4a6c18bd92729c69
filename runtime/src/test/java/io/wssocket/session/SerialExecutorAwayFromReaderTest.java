package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Where a session's callbacks may run on the thread that reads its connection (Tomcat's event
 * threads), a handler that waits for the peer's input (a streamed message's) would wait for that
 * very thread: its turn, and everything after it, moves to another executor, in order.
 */
class SerialExecutorAwayFromReaderTest {
    @Test
    void aTaskThatWaitsForInputAndWhatFollowsItLeaveTheReadingThreadInOrder() throws Exception {
        ExecutorService away = Executors.newSingleThreadExecutor(r -> new Thread(r, "away"));
        try {
            Thread reader = Thread.currentThread();
            SerialExecutor serial = new SerialExecutor(Runnable::run, getClass().getClassLoader(), null)
                    .awayFromReader(away, () -> Thread.currentThread() == reader);
            List<String> ran = new CopyOnWriteArrayList<>();
            CountDownLatch last = new CountDownLatch(1);

            serial.execute(() -> {
                ran.add("first on " + Thread.currentThread().getName());
                serial.execute((SerialExecutor.WaitsForInput) () -> ran.add("stream on " + Thread.currentThread().getName()));
                serial.execute(() -> {
                    ran.add("after on " + Thread.currentThread().getName());
                    last.countDown();
                });
            });

            assertThat(last.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly("first on " + reader.getName(), "stream on away", "after on away");
        } finally {
            away.shutdownNow();
        }
    }

    @Test
    void offTheReadingThreadATaskThatWaitsForInputRunsWhereItIs() {
        SerialExecutor serial = new SerialExecutor(Runnable::run, getClass().getClassLoader(), null)
                .awayFromReader(task -> {
                    throw new AssertionError("moved away although not on the reading thread");
                }, () -> false);
        List<String> ran = new CopyOnWriteArrayList<>();

        serial.execute((SerialExecutor.WaitsForInput) () -> ran.add("stream"));

        assertThat(ran).containsExactly("stream");
    }
}
