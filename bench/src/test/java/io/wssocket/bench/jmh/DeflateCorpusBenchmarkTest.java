package io.wssocket.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The corpus benchmark's methods, called once outside JMH, compress and restore the whole corpus. */
class DeflateCorpusBenchmarkTest {

    @Test
    void inflatingGivesBackEveryByteOfTheCorpusInEveryMode() throws Exception {
        for (MessageCorpus.Kind kind : MessageCorpus.Kind.values()) {
            for (int level : new int[] {1, 6}) {
                for (boolean takeover : new boolean[] {false, true}) {
                    DeflateCorpusBenchmark b = new DeflateCorpusBenchmark();
                    b.kind = kind;
                    b.level = level;
                    b.contextTakeover = takeover;
                    b.setUp();
                    long original = b.messages.stream().mapToLong(m -> m.length).sum();

                    long compressed = b.deflate();
                    long inflated = b.inflate();
                    // twice: each operation starts the corpus afresh
                    assertThat(b.deflate()).isEqualTo(compressed);
                    assertThat(b.inflate()).isEqualTo(original);
                    b.tearDown();

                    assertThat(inflated).as("%s level %d takeover %s", kind, level, takeover).isEqualTo(original);
                    assertThat(compressed).isLessThan(original / 2);
                }
            }
        }
    }
}
