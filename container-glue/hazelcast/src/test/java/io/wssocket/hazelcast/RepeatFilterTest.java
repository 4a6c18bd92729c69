package io.wssocket.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A message stored twice in the ring buffer reaches the runtime once, whatever else came between
 * the copies; nothing seen for the first time is dropped.
 */
class RepeatFilterTest {

    /**
     * Several nodes publish from several threads each (numbers taken in order, stored a little out
     * of it), and some messages are stored again a little later, as a retried write is.
     */
    @Property(tries = 300)
    void everyMessageOfEveryPublisherPassesExactlyOnce(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int nodes,
                                                       @ForAll @IntRange(min = 0, max = 3000) int perNode) {
        Random random = new Random(seed);
        List<UUID> publishers = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            publishers.add(new UUID(random.nextLong(), random.nextLong()));
        }
        List<Stored> ring = new ArrayList<>();
        for (int i = 0; i < perNode; i++) {
            for (UUID publisher : publishers) {
                Stored message = new Stored(publisher, i);
                // a concurrent publisher's write lands up to 8 places off its number's order
                int at = Math.max(0, ring.size() - random.nextInt(8));
                ring.add(at, message);
                if (random.nextInt(50) == 0) {
                    // retried: stored again, up to 64 places after its first copy
                    ring.add(Math.min(ring.size(), at + 1 + random.nextInt(64)), message);
                }
            }
        }
        RepeatFilter filter = new RepeatFilter();
        List<Stored> passed = new ArrayList<>();
        for (Stored message : ring) {
            if (filter.firstTime(message.publisher(), message.number())) {
                passed.add(message);
            }
        }
        assertThat(passed).doesNotHaveDuplicates().hasSize(nodes * perNode);
    }

    @Test
    void aRepeatIsDroppedEvenAfterManyLaterMessagesWithinTheWindow() {
        RepeatFilter filter = new RepeatFilter();
        UUID node = UUID.randomUUID();
        for (long n = 0; n < RepeatFilter.WINDOW; n++) {
            assertThat(filter.firstTime(node, n)).isTrue();
        }
        assertThat(filter.firstTime(node, 1)).as("repeat of 1, 4,095 numbers behind").isFalse();
        assertThat(filter.firstTime(node, RepeatFilter.WINDOW - 1)).isFalse();
    }

    @Test
    void aNumberOlderThanTheWindowPassesSinceItCannotBeToldFromALateFirstCopy() {
        RepeatFilter filter = new RepeatFilter();
        UUID node = UUID.randomUUID();
        filter.firstTime(node, 0);
        filter.firstTime(node, RepeatFilter.WINDOW);
        assertThat(filter.firstTime(node, 0)).isTrue();
    }

    @Test
    void aJumpForgetsTheNumbersWhoseSlotsItReuses() {
        RepeatFilter filter = new RepeatFilter();
        UUID node = UUID.randomUUID();
        filter.firstTime(node, 5);
        filter.firstTime(node, 5 + 3L * RepeatFilter.WINDOW + 10);
        // the slot of 5 now stands for 5 + 3 * WINDOW, not seen yet
        assertThat(filter.firstTime(node, 5 + 3L * RepeatFilter.WINDOW)).isTrue();
    }

    @Test
    void publishersAreTrackedApartAndTheLeastRecentlyHeardIsForgottenBeyondTheBound() {
        RepeatFilter filter = new RepeatFilter();
        UUID first = UUID.randomUUID();
        assertThat(filter.firstTime(first, 0)).isTrue();
        for (int n = 0; n < RepeatFilter.MAX_PUBLISHERS - 1; n++) {
            assertThat(filter.firstTime(UUID.randomUUID(), 0)).as("another node's number 0").isTrue();
        }
        assertThat(filter.firstTime(first, 0)).as("still remembered").isFalse();
        for (int n = 0; n < RepeatFilter.MAX_PUBLISHERS; n++) {
            filter.firstTime(UUID.randomUUID(), 0);
        }
        assertThat(filter.firstTime(first, 0)).as("forgotten: memory stays bounded").isTrue();
    }

    private record Stored(UUID publisher, long number) {
    }
}
