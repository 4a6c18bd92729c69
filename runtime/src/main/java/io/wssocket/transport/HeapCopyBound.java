package io.wssocket.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/**
 * Writes to a plain socket channel that hand it at most {@link #MAX_HEAP_BYTES} bytes of heap
 * buffers a call, calling again while it takes all it was offered.
 *
 * <p>Why: before each system call the JDK copies every heap buffer it is given, all that remains of
 * it, into a temporary direct buffer, and on the next call copies again whatever the socket did not
 * take. A 16 MiB message to a peer whose socket takes 128 KiB at each wake-up was copied some 128
 * times over, about 1 GB for one message (measured with a send buffer of at most 256 KiB: 0.34 s of
 * server CPU for a peer reading slowly, against 0.09 s for one reading at once), and the JDK's
 * per-thread cache kept a temporary buffer as large as the largest write for the life of each
 * writing thread. Bounded, a call copies at most 512 KiB beyond what the socket takes, and the
 * cached buffers stay that small. A socket that takes everything gets one call per 512 KiB: for
 * the messages that large, a system call more is a small part of the copy.
 *
 * <p>The buffers are the connection's (slices and frames it made, or buffers handed to it to
 * write), used under its lock: a buffer is cut short only during a call and its limit restored.
 */
final class HeapCopyBound {
    /** Heap bytes handed to the channel in one call, at most. */
    static final int MAX_HEAP_BYTES = 512 * 1024;

    private HeapCopyBound() {
    }

    /** Writes what the socket takes of {@code buffer}; returns how many bytes it took. */
    static long write(GatheringByteChannel channel, ByteBuffer buffer) throws IOException {
        if (buffer.isDirect() || buffer.remaining() <= MAX_HEAP_BYTES) {
            return channel.write(buffer); // the common case: no array, one call
        }
        return write(channel, new ByteBuffer[] {buffer}, 0, 1);
    }

    /** Writes what the socket takes of {@code buffers[offset, offset + length)}, in order; returns how many bytes. */
    static long write(GatheringByteChannel channel, ByteBuffer[] buffers, int offset, int length) throws IOException {
        int end = offset + length;
        int first = offset;
        long total = 0;
        while (true) {
            while (first < end && !buffers[first].hasRemaining()) {
                first++;
            }
            if (first == end) {
                return total;
            }
            // Offer buffers from the first with bytes left until the heap bound: the buffer that
            // crosses it is cut short for this call, and those after it wait for the next.
            long offered = 0;
            long heap = 0;
            int last = first;
            ByteBuffer cut = null;
            int cutLimit = 0;
            for (int i = first; i < end; i++) {
                ByteBuffer b = buffers[i];
                int remaining = b.remaining();
                if (!b.isDirect()) {
                    if (heap + remaining > MAX_HEAP_BYTES) {
                        int take = (int) (MAX_HEAP_BYTES - heap);
                        if (take > 0) {
                            cut = b;
                            cutLimit = b.limit();
                            b.limit(b.position() + take);
                            offered += take;
                            last = i;
                        }
                        break; // take == 0: the bound was reached exactly with the buffer before
                    }
                    heap += remaining;
                }
                offered += remaining;
                last = i;
            }
            long written;
            try {
                written = channel.write(buffers, first, last - first + 1);
            } finally {
                if (cut != null) {
                    cut.limit(cutLimit);
                }
            }
            total += written;
            if (written < offered) {
                return total; // the socket is full: the caller waits for it
            }
        }
    }
}
