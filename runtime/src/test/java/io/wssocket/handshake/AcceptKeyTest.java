package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AcceptKeyTest {

    @Test
    void matchesTheExampleOfRfc6455() {
        // RFC 6455 §1.3
        assertThat(AcceptKey.of("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void givesTheSameAnswerOnRepeatedCallsAndOnOtherThreads() throws Exception {
        // The digest is cached per thread: repeated calls must not carry state over.
        assertThat(AcceptKey.of("x3JJHMbDL1EzLkh9GBhXDw==")).isEqualTo("HSmrc0sMlYUkAGmm5OPpG2HaGWk=");
        assertThat(AcceptKey.of("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Set<String> results = ConcurrentHashMap.newKeySet();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(pool.submit(() -> results.add(AcceptKey.of("dGhlIHNhbXBsZSBub25jZQ=="))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            assertThat(results).containsExactly("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        } finally {
            pool.shutdownNow();
        }
    }
}
