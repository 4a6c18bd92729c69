package io.wssocket.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceWatchTest {

    @Test
    void consecutiveSequencesSkipNothingWhereverTheyStart() {
        SequenceWatch watch = new SequenceWatch("ring");
        for (long sequence = 40; sequence < 100; sequence++) {
            watch.next(sequence);
        }
        assertThat(watch.skipped()).isZero();
    }

    @Test
    void aJumpForwardCountsTheMessagesNeverRead() {
        SequenceWatch watch = new SequenceWatch("ring");
        watch.next(5);
        watch.next(6);
        watch.next(10); // 7, 8 and 9 never read
        watch.next(11);
        watch.next(20); // 12 to 19
        assertThat(watch.skipped()).isEqualTo(3 + 8);
    }

    @Test
    void aStepBackIsNoLossAndTheCountGoesOnFromThere() {
        SequenceWatch watch = new SequenceWatch("ring");
        watch.next(7);
        watch.next(8);
        watch.next(7); // read again from the new owner
        watch.next(8);
        watch.next(9);
        assertThat(watch.skipped()).isZero();
        watch.next(11);
        assertThat(watch.skipped()).isEqualTo(1);
    }
}
