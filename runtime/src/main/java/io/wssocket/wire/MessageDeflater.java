package io.wssocket.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses outbound messages for permessage-deflate (RFC 7692 §7.2.1). Without context takeover
 * (the default; §7.1.1: a sender may always reset its window) each message borrows a deflater
 * from the pool and gives it back reset after it; a message sent in fragments holds its deflater
 * from the first fragment to the last. With context takeover one deflater is borrowed at the
 * first compressed message and kept, unreset, until the connection ends ({@link #release()}), so
 * that later messages refer to earlier ones. Intermediate fragments end with a sync flush, so each
 * carries all its input.
 *
 * <p>Without context takeover whole messages may be compressed from any thread; with it, a
 * message must be compressed and queued for writing as one step ({@link #keepsContext()}: the
 * caller holds this object's lock around both), or the peer would inflate them in another order
 * than they were compressed. The fragments of one message come from one sender at a time (the
 * session serializes its sends), and the connection's end may give their deflater back from
 * another, so those two are synchronized.
 */
public final class MessageDeflater {
    private static final int TAIL_LENGTH = 4;
    /** Bytes of a large message compressed first, to see whether the rest is worth compressing. */
    static final int PROBE = 64 * 1024;

    private final ZlibPool pool;
    private final boolean keepContext;
    /**
     * The deflater of a fragmented message being sent (null between messages), or, with context
     * takeover, the connection's own (null until the first compressed message).
     */
    private Deflater held;

    /** Without context takeover. */
    public MessageDeflater(ZlibPool pool) {
        this(pool, false);
    }

    /**
     * @param keepContext whether to keep one deflater's context from one message to the next
     *     (the peer allowed this side's context takeover)
     */
    public MessageDeflater(ZlibPool pool, boolean keepContext) {
        this.pool = pool;
        this.keepContext = keepContext;
    }

    /** Whether messages refer to earlier ones, so that they must be sent in the order they were compressed. */
    public boolean keepsContext() {
        return keepContext;
    }

    /**
     * The compressed payload of a whole message, the {@code 00 00 ff ff} tail removed; or null when
     * the message should go uncompressed because its start did not compress (RFC 7692 §6.1 lets
     * any message go without RSV1). Only without context takeover: with it, what the deflater saw
     * is part of the peer's window and must reach the peer compressed.
     */
    public ByteBuffer compress(ByteBuffer payload) {
        if (keepContext) {
            synchronized (this) {
                return deflate(kept(), payload, true);
            }
        }
        Deflater d = pool.borrowDeflater();
        try {
            return deflateUnlessIncompressible(d, payload);
        } finally {
            pool.release(d);
        }
    }

    /**
     * A message of two {@link #PROBE}s or more is judged by its first probe: random or already
     * compressed data (images, archives) saves nothing and costs the most CPU on both ends, so it
     * goes uncompressed after one probe's work when that saved under 5%. The probe ends with a sync
     * flush, which is valid in the middle of a message's DEFLATE data (RFC 7692 §7.2.1).
     */
    private static ByteBuffer deflateUnlessIncompressible(Deflater d, ByteBuffer payload) {
        int length = payload.remaining();
        Output out = new Output(length);
        if (length >= 2 * PROBE) {
            d.setInput(payload.duplicate().limit(payload.position() + PROBE));
            out.syncFlush(d);
            if (out.length >= PROBE - PROBE / 20) {
                return null;
            }
            d.setInput(payload.duplicate().position(payload.position() + PROBE));
        } else {
            d.setInput(payload.duplicate());
        }
        out.syncFlush(d);
        return out.result(true);
    }

    private Deflater kept() {
        if (held == null) {
            held = pool.borrowDeflater();
        }
        return held;
    }

    /**
     * The compressed payload of one fragment; the tail is removed from the last only (RFC 7692
     * §7.2.1: it is the whole message's compressed data that ends without it).
     */
    public synchronized ByteBuffer compressFragment(ByteBuffer payload, boolean first, boolean last) {
        if (keepContext) {
            return deflate(kept(), payload, last);
        }
        if (first || held == null) {
            release();
            held = pool.borrowDeflater();
        }
        ByteBuffer out = deflate(held, payload, last);
        if (last) {
            release();
        }
        return out;
    }

    /**
     * Gives back the deflater held: that of an unfinished fragmented message, or the connection's
     * own under context takeover (the connection ends; any thread: it waits for a message being
     * compressed).
     */
    public synchronized void release() {
        Deflater d = held;
        if (d != null) {
            held = null;
            pool.release(d);
        }
    }

    /** Whether a deflater is held now. */
    public synchronized boolean holdsDeflater() {
        return held != null;
    }
    private static ByteBuffer deflate(Deflater d, ByteBuffer payload, boolean stripTail) {
        d.setInput(payload.duplicate());
        Output out = new Output(payload.remaining());
        out.syncFlush(d);
        return out.result(stripTail);
    }

    /** Compressed bytes of one message or fragment, growing as the deflater gives more. */
    private static final class Output {
        private byte[] bytes;
        private int length;

        /** Room for about half of {@code inputLength} to begin with. */
        Output(int inputLength) {
            bytes = new byte[Math.max(64, inputLength / 2 + 64)];
        }

        /** Compresses all the input the deflater was given, ending with a sync flush. */
        void syncFlush(Deflater d) {
            while (true) {
                length += d.deflate(bytes, length, bytes.length - length, Deflater.SYNC_FLUSH);
                if (length < bytes.length) {
                    return; // Deflater.deflate: with SYNC_FLUSH, a full buffer means there may be more
                }
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
        }

        ByteBuffer result(boolean stripTail) {
            int n = length;
            // RFC 7692 §7.2.1: a sync flush ends with an empty stored block, 00 00 ff ff; it is removed.
            if (stripTail && n >= TAIL_LENGTH && bytes[n - 4] == 0 && bytes[n - 3] == 0
                    && bytes[n - 2] == (byte) 0xFF && bytes[n - 1] == (byte) 0xFF) {
                n -= TAIL_LENGTH;
            }
            return ByteBuffer.wrap(bytes, 0, n);
        }
    }
}
