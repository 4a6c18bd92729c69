package io.wssocket.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses outbound messages for permessage-deflate (RFC 7692 §7.2.1), always without context
 * takeover (§7.1.1: a sender may always reset its window), with a deflater borrowed from the pool
 * for one message. A message sent in fragments holds its deflater from the first fragment to the
 * last; intermediate fragments end with a sync flush, so each carries all its input.
 *
 * <p>Whole messages may be compressed from any thread; the fragments of one message come from
 * one sender at a time (the session serializes its sends), and the connection's end may give their
 * deflater back from another, so those two are synchronized.
 */
public final class MessageDeflater {
    private static final int TAIL_LENGTH = 4;

    private final ZlibPool pool;
    /** The deflater of a fragmented message being sent; null between messages. */
    private Deflater fragmentDeflater;

    public MessageDeflater(ZlibPool pool) {
        this.pool = pool;
    }

    /** The compressed payload of a whole message, the {@code 00 00 ff ff} tail removed. */
    public ByteBuffer compress(ByteBuffer payload) {
        Deflater d = pool.borrowDeflater();
        try {
            return deflate(d, payload, true);
        } finally {
            pool.release(d);
        }
    }

    /**
     * The compressed payload of one fragment; the tail is removed from the last only (RFC 7692
     * §7.2.1: it is the whole message's compressed data that ends without it).
     */
    public synchronized ByteBuffer compressFragment(ByteBuffer payload, boolean first, boolean last) {
        if (first || fragmentDeflater == null) {
            releaseFragment();
            fragmentDeflater = pool.borrowDeflater();
        }
        ByteBuffer out = deflate(fragmentDeflater, payload, last);
        if (last) {
            releaseFragment();
        }
        return out;
    }

    /**
     * Gives back the deflater of an unfinished fragmented message (the connection ends while it is
     * sent; any thread: it waits for a fragment being compressed).
     */
    public synchronized void releaseFragment() {
        Deflater d = fragmentDeflater;
        if (d != null) {
            fragmentDeflater = null;
            pool.release(d);
        }
    }

    private static ByteBuffer deflate(Deflater d, ByteBuffer payload, boolean stripTail) {
        d.setInput(payload.duplicate());
        byte[] out = new byte[Math.max(64, payload.remaining() / 2 + 64)];
        int n = 0;
        while (true) {
            n += d.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
            if (n < out.length) {
                break; // Deflater.deflate: with SYNC_FLUSH, a full buffer means there may be more
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        // RFC 7692 §7.2.1: a sync flush ends with an empty stored block, 00 00 ff ff; it is removed.
        if (stripTail && n >= TAIL_LENGTH && out[n - 4] == 0 && out[n - 3] == 0
                && out[n - 2] == (byte) 0xFF && out[n - 1] == (byte) 0xFF) {
            n -= TAIL_LENGTH;
        }
        return ByteBuffer.wrap(out, 0, n);
    }
}
