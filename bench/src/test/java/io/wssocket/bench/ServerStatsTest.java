package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The server's resident set, read from /proc/self/status, and its live threads. */
class ServerStatsTest {

    @Test
    void readsVmRssInBytes() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 5000000 kB", "VmRSS:\t  123456 kB", "RssAnon:\t 100 kB");

        assertThat(ServerStats.parseVmRss(status)).isEqualTo(123456L * 1024);
        assertThat(ServerStats.parseVmRss(List.of("Name:\tjava"))).isEqualTo(-1);
    }

    @Test
    void statsLineHasTheKeysTheRunnerReads() {
        String line = ServerStats.line();

        assertThat(line).matches("STATS heap_used_bytes=\\d+ heap_after_gc_bytes=-?\\d+ rss_bytes=-?\\d+ send_failures=\\d+ live_threads=\\d+");
    }

    @Test
    void liveThreadsCountAThreadWhileItRuns() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        int before = ServerStats.liveThreads();
        Thread extra = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stats-test-extra");
        extra.start();
        try {
            assertThat(ServerStats.liveThreads()).isGreaterThanOrEqualTo(before + 1);
        } finally {
            release.countDown();
            extra.join();
        }
    }
}
