package io.wssocket.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** A gathered binary message is the bytes sent, exactly, however its frames were cut into chunks. */
class MessageAssemblerSplitsTest {
    private static final int LIMIT = 1 << 20;

    /** A budget with room for anything: these properties are about the bytes, not the limits. */
    private static final GatheringBudget UNLIMITED = new GatheringBudget() {
        @Override
        public boolean tryReserve(long bytes) {
            return true;
        }

        @Override
        public void release(long bytes) {
        }

        @Override
        public long limit() {
            return Long.MAX_VALUE;
        }
    };

    @Property(tries = 300)
    void everySplitGathersTheSameBytes(@ForAll @Size(min = 1, max = 3000) byte[] message,
                                       @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 3000) Integer> cuts)
            throws MessageLimitException {
        MessageAssembler assembler = new MessageAssembler(UNLIMITED);
        int[] points = cutPoints(cuts, message.length);
        int from = 0;
        byte[] out = null;
        for (int i = 0; i <= points.length; i++) {
            int to = i < points.length ? points[i] : message.length;
            boolean first = i == 0;
            boolean last = i == points.length;
            // Each chunk starts inside a larger buffer, as a read buffer's slice does.
            ByteBuffer chunk = ByteBuffer.wrap(message, from, to - from).slice();
            out = assembler.binary(chunk, first, last, false, LIMIT, 0);
            assertThat(out == null).as("a message is whole at its last chunk only").isEqualTo(!last);
            assertThat(chunk.position()).as("the chunk is read without moving it").isZero();
            from = to;
        }
        assertThat(out).as("exactly the bytes sent, in an array of exactly their size").isEqualTo(message);
        assertThat(assembler.size()).isEqualTo(message.length);
    }

    @Property(tries = 100)
    void theLastChunkLeavesTheArrayExactlyTheMessagesSize(@ForAll @IntRange(min = 1, max = 5000) int head,
                                                          @ForAll @IntRange(min = 1, max = 5000) int tail) {
        MessageBuffer buffer = new MessageBuffer();
        buffer.append(ByteBuffer.allocate(head), false, 0);
        buffer.append(ByteBuffer.allocate(tail), true, 0);
        byte[] taken = buffer.takeBytes();
        assertThat(taken).hasSize(head + tail);
        assertThat(buffer.length()).isZero();
    }

    @Property(tries = 300)
    void everySplitOfAnAnnouncedFrameGathersTheSameBytes(
            @ForAll @Size(min = 1, max = 3000) byte[] message,
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 3000) Integer> cuts) throws MessageLimitException {
        MessageAssembler assembler = new MessageAssembler(UNLIMITED);
        int[] points = cutPoints(cuts, message.length);
        byte[] out = null;
        for (int i = 0, from = 0; i <= points.length; i++) {
            int to = i < points.length ? points[i] : message.length;
            // one frame: its header announced the whole message, so after each chunk the rest is announced
            out = assembler.binary(ByteBuffer.wrap(message, from, to - from).slice(), i == 0, i == points.length,
                    false, LIMIT, message.length - to);
            from = to;
        }
        assertThat(out).isEqualTo(message);
    }

    @Property(tries = 300)
    void announcedBytesGrowTheArrayToTheFrameOrAtMostFiveTimesWhatArrived(
            @ForAll @IntRange(min = 1, max = 100_000) int arrived, @ForAll @IntRange(min = 0, max = 1 << 30) int announced) {
        MessageBuffer buffer = new MessageBuffer();
        buffer.append(ByteBuffer.allocate(arrived), false, announced);
        if (announced > 0 && announced <= 4L * arrived) {
            assertThat(buffer.capacity()).as("room for the whole frame at once").isEqualTo(arrived + announced);
        } else {
            assertThat(buffer.capacity()).as("a peer announcing what it does not send gets no more than doubling")
                    .isLessThanOrEqualTo(Math.max(256, 2 * arrived));
        }
        assertThat((long) buffer.capacity()).isLessThanOrEqualTo(Math.max(256, 5L * arrived));
    }

    @Example
    void a256KiBFrameWhoseFirstReadAlsoHeldItsHeaderIsGatheredInOneArray() {
        int payload = 256 << 10;
        int firstRead = (64 << 10) - 14; // a 64 KiB read: the masked frame's 14-byte header, then payload
        MessageBuffer buffer = new MessageBuffer();
        buffer.append(ByteBuffer.allocate(firstRead), false, payload - firstRead);
        assertThat(buffer.capacity()).as("sized for the whole frame at its first read").isEqualTo(payload);
        for (int arrived = firstRead; arrived < payload; arrived += 64 << 10) {
            int n = Math.min(64 << 10, payload - arrived);
            buffer.append(ByteBuffer.allocate(n), arrived + n == payload, payload - arrived - n);
            assertThat(buffer.capacity()).isEqualTo(payload);
        }
        assertThat(buffer.takeBytes()).hasSize(payload);
    }

    /** The distinct cuts strictly inside a message of {@code length}, in order. */
    private static int[] cutPoints(List<Integer> cuts, int length) {
        return cuts.stream().mapToInt(c -> Math.min(c, length)).sorted().distinct().filter(c -> c > 0 && c < length)
                .toArray();
    }
}
