package io.wssocket.protocol;

import io.wssocket.wire.FrameWriter;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Encodes a server's text frames, once for a message sent to many sessions. A broadcast (a chat
 * room, a ticker) sends the same String instance to every member in a loop; encoding it for each
 * would hold one copy per member in the write queues of those that read slowly. Here the second
 * send of the same instance encodes it into a frame that is kept, read-only, and every later send
 * of it writes a duplicate of that frame: one array for all recipients.
 *
 * <p>Only server frames can be shared: they are not masked (RFC 6455 §5.1), so a frame's bytes
 * are the same on every connection. A client masks each frame with a fresh key (§5.3) and never
 * comes here.
 *
 * <p>What is kept is bounded: the last {@value #SLOTS} shared frames, each at most
 * {@value #MAX_FRAME} bytes. Strings are matched by identity, not content: comparing content would
 * cost as much as encoding, and a broadcast sends one instance. A string seen once is not kept
 * (the first send of every message would otherwise allocate an entry), which is why the first
 * recipient's frame is encoded on its own: two encodings per broadcast, not one per recipient.
 *
 * <p>Lock-free and without volatile writes on the send path: entries are immutable (final fields,
 * safely published even through a race), and a race on a slot or on the last string seen only
 * costs a frame encoded once more. One per server; nothing is static.
 */
public final class SharedTextFrames {
    /** Frames up to this size are shared. */
    public static final int MAX_FRAME = 64 << 10;
    /** At most 3 UTF-8 bytes per char (a surrogate pair: 4 for 2), so such a string's frame fits in {@link #MAX_FRAME}. */
    static final int MAX_CHARS = (MAX_FRAME - FrameWriter.MAX_HEADER_LENGTH) / 3;
    private static final int SLOTS = 8;

    private final Entry[] entries = new Entry[SLOTS];
    /** Next slot to replace; racy on purpose (see above). */
    private int next;
    /** The string of the last frame encoded without being kept; racy on purpose. */
    private String lastSeen;
    private final LongAdder encoded = new LongAdder();

    private record Entry(String text, ByteBuffer frame) {
    }

    /**
     * A whole text message's unmasked frame, ready to write: a duplicate of a shared frame if
     * {@code text} was sent just before, else a frame of its own. The caller must not change its
     * bytes (a shared one is read-only). {@code text} has at most {@link #MAX_CHARS} chars.
     */
    ByteBuffer frame(String text) {
        for (Entry entry : entries) {
            if (entry != null && entry.text == text) {
                return entry.frame.duplicate();
            }
        }
        ByteBuffer frame = FrameWriter.unmaskedTextFrame(true, text);
        encoded.increment();
        if (lastSeen != text) {
            lastSeen = text;
            return frame;
        }
        // Seen twice in a row: a broadcast. Keep this frame; it goes out only as duplicates.
        ByteBuffer shared = frame.asReadOnlyBuffer();
        entries[Math.floorMod(next++, SLOTS)] = new Entry(text, shared);
        return shared.duplicate();
    }

    /** Text frames encoded so far (a shared one counts once), for tests and diagnostics. */
    public long framesEncoded() {
        return encoded.sum();
    }
}
