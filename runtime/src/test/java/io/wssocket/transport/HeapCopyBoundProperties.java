package io.wssocket.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Writes to a plain socket hand the JDK at most 512 KiB of heap buffers a call (the JDK copies all
 * of each heap buffer it is given, again on every call), keep calling while the socket takes all
 * it was offered, and stop at the first call it does not: whatever the buffers and the socket.
 */
class HeapCopyBoundProperties {
    private static final int BOUND = HeapCopyBound.MAX_HEAP_BYTES;

    @Property(tries = 100)
    void everyByteGoesOutInOrderAndNoCallIsOfferedMoreHeapThanTheBound(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 1_300_000) Integer> sizes,
            @ForAll("directFlags") List<Boolean> direct,
            @ForAll @IntRange(min = 4096, max = 2_000_000) int takesPerCall) throws IOException {
        ByteBuffer[] buffers = buffers(sizes, direct);
        byte[] expected = concatenation(buffers);
        int[] limits = limits(buffers);
        RecordingChannel channel = new RecordingChannel(takesPerCall);

        // the loop's way: call again after each partial write (the socket became writable again)
        while (remaining(buffers) > 0) {
            long before = remaining(buffers);
            long written = HeapCopyBound.write(channel, buffers, 0, buffers.length);
            assertThat(written).isEqualTo(before - remaining(buffers));
            assertThat(limits(buffers)).as("limits restored").isEqualTo(limits);
        }

        assertThat(channel.bytes.toByteArray()).isEqualTo(expected);
        assertThat(channel.heapOffered).allMatch(heap -> heap <= BOUND);
    }

    @Property(tries = 100)
    void aSingleBufferGoesOutInOrderInCallsOfAtMostTheBound(
            @ForAll @IntRange(min = 0, max = 3_000_000) int size, @ForAll boolean isDirect,
            @ForAll @IntRange(min = 4096, max = 4_000_000) int takesPerCall) throws IOException {
        ByteBuffer buffer = buffers(List.of(size), List.of(isDirect))[0];
        byte[] expected = concatenation(new ByteBuffer[] {buffer});
        RecordingChannel channel = new RecordingChannel(takesPerCall);

        while (buffer.hasRemaining()) {
            int before = buffer.remaining();
            long written = HeapCopyBound.write(channel, buffer);
            assertThat(written).isEqualTo(before - buffer.remaining());
            assertThat(buffer.limit()).isEqualTo(size);
        }

        assertThat(channel.bytes.toByteArray()).isEqualTo(expected);
        assertThat(channel.heapOffered).allMatch(heap -> heap <= BOUND);
    }

    @Example
    void aSixteenMebibyteMessageToASlowSocketIsOfferedTheBoundNotTheRest() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(10);
        ByteBuffer payload = ByteBuffer.allocate(16 << 20);
        RecordingChannel channel = new RecordingChannel(128 * 1024);

        long written = HeapCopyBound.write(channel, new ByteBuffer[] {header, payload}, 0, 2);

        // one call, the socket took less than offered: stop, the loop waits for it to drain
        assertThat(written).isEqualTo(128 * 1024);
        assertThat(channel.heapOffered).containsExactly((long) BOUND);
    }

    @Example
    void aSocketThatTakesEverythingGetsTheWholeMessageInOneCallOfPiecesNoLargerThanTheBound() throws IOException {
        ByteBuffer payload = ByteBuffer.allocate(2 * BOUND + 7);
        RecordingChannel channel = new RecordingChannel(Integer.MAX_VALUE);

        assertThat(HeapCopyBound.write(channel, payload)).isEqualTo(2L * BOUND + 7);
        assertThat(channel.heapOffered).containsExactly((long) BOUND, (long) BOUND, 7L);
    }

    @Example
    void aFailedCallLeavesTheCutBufferWithItsLimit() {
        ByteBuffer payload = ByteBuffer.allocate(BOUND + 1);
        GatheringByteChannel failing = new RecordingChannel(0) {
            @Override
            public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> HeapCopyBound.write(failing, new ByteBuffer[] {payload}, 0, 1))
                .isInstanceOf(IOException.class);
        assertThat(payload.limit()).isEqualTo(BOUND + 1);
    }

    @Provide
    Arbitrary<List<Boolean>> directFlags() {
        return Arbitraries.of(true, false).list().ofSize(6);
    }

    private static ByteBuffer[] buffers(List<Integer> sizes, List<Boolean> direct) {
        ByteBuffer[] buffers = new ByteBuffer[sizes.size()];
        int value = 0;
        for (int i = 0; i < buffers.length; i++) {
            int size = sizes.get(i);
            byte[] bytes = new byte[size];
            for (int j = 0; j < size; j++) {
                bytes[j] = (byte) value++;
            }
            ByteBuffer b = direct.get(i) ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
            buffers[i] = b.put(bytes).flip();
        }
        return buffers;
    }

    private static byte[] concatenation(ByteBuffer[] buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : buffers) {
            byte[] bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static int[] limits(ByteBuffer[] buffers) {
        int[] limits = new int[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            limits[i] = buffers[i].limit();
        }
        return limits;
    }

    private static long remaining(ByteBuffer[] buffers) {
        long sum = 0;
        for (ByteBuffer b : buffers) {
            sum += b.remaining();
        }
        return sum;
    }

    /** A socket that takes at most {@code takesPerCall} bytes a call and records what it was offered. */
    private static class RecordingChannel implements GatheringByteChannel {
        final int takesPerCall;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Long> heapOffered = new ArrayList<>();

        RecordingChannel(int takesPerCall) {
            this.takesPerCall = takesPerCall;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long heap = 0;
            for (int i = offset; i < offset + length; i++) {
                if (!srcs[i].isDirect()) {
                    heap += srcs[i].remaining();
                }
            }
            heapOffered.add(heap);
            long budget = takesPerCall;
            long taken = 0;
            for (int i = offset; i < offset + length && budget > 0; i++) {
                int n = (int) Math.min(budget, srcs[i].remaining());
                byte[] chunk = new byte[n];
                srcs[i].get(chunk);
                bytes.writeBytes(chunk);
                budget -= n;
                taken += n;
            }
            return taken;
        }

        @Override
        public long write(ByteBuffer[] srcs) throws IOException {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return (int) write(new ByteBuffer[] {src}, 0, 1);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
