package io.wssocket.wire;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the payload of compressed messages (RFC 7692 §7.2.2) in bounded pieces: never more
 * than {@link #PIECE} bytes of output at a time, and never more than the caller allows, so that a
 * small frame that inflates to gigabytes costs at most the limit before the connection fails.
 * Without context takeover the inflater is borrowed from the pool for one message only; with it,
 * from the first compressed message until the connection ends.
 *
 * <p>One per connection, on its reading thread; not thread-safe. Not final: the reader's
 * inflation state extends it, one object instead of two per connection.
 */
class MessageInflater {
    /** RFC 7692 §7.2.2: the empty stored block the sender removed, appended before inflating the end. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    static final int PIECE = 8192;
    /**
     * The output buffer: one per reading thread, not one per message. The sink copies what it
     * keeps during its call, so the next message on any connection of the thread may reuse it.
     */
    private static final ThreadLocal<byte[]> OUTPUT = ThreadLocal.withInitial(() -> new byte[PIECE]);

    /** Receives inflated bytes, valid only during the call. */
    interface Sink {
        void accept(ByteBuffer piece) throws ProtocolViolationException;
    }

    /** zlib's words for a back-reference before the start of its window (inflate.c). */
    private static final String TOO_FAR_BACK = "invalid distance too far back";

    private final ZlibPool pool;
    private final boolean contextTakeover;
    private final boolean peerIsClient;
    private Inflater inflater;
    /** Whether the message being inflated has had compressed bytes (its frames may all be empty). */
    private boolean messageHasInput;
    /** Whether a compressed message was inflated whole on this connection before. */
    private boolean inflatedBefore;

    /**
     * @param contextTakeover whether the peer may refer to earlier messages (it did not agree to
     *     no_context_takeover): then one inflater is kept for the connection's life
     * @param peerIsClient whether the peer is the client, to name its no_context_takeover parameter
     */
    MessageInflater(ZlibPool pool, boolean contextTakeover, boolean peerIsClient) {
        this.pool = pool;
        this.contextTakeover = contextTakeover;
        this.peerIsClient = peerIsClient;
    }

    /**
     * Inflates {@code compressed} (consumed whole) and, at the end of the message, the tail.
     *
     * @param allowed the most bytes this call may produce; one more is produced, and handed to the
     *     sink, only to show that the limit was crossed
     */
    void inflate(ByteBuffer compressed, boolean endOfMessage, long allowed, Sink sink)
            throws ProtocolViolationException {
        messageHasInput |= compressed.hasRemaining();
        if (!messageHasInput) {
            // So far (or in all its frames) RSV1 on empty payloads: no DEFLATE data, so at its end an
            // empty message, and a kept inflater's state is left as it was. RFC 7692 §7.2.3.6 has a
            // sender write one empty block (0x00) instead, but a deflater kept across messages flushes
            // nothing the second time (Tyrus does this); appending the tail would leave half a stored
            // block that the next message's data would be read into.
            return;
        }
        if (inflater == null) {
            inflater = pool.borrowInflater();
        }
        byte[] out = OUTPUT.get();
        long left = drain(compressed, allowed, sink, out);
        if (endOfMessage) {
            messageHasInput = false;
            drain(ByteBuffer.wrap(TAIL), left, sink, out);
            inflatedBefore = true;
            if (!contextTakeover) {
                release();
            } else if (inflater.finished()) {
                inflater.reset(); // the sender ended its stream (BFINAL): the next message starts a new one
            }
        }
    }

    private long drain(ByteBuffer input, long allowed, Sink sink, byte[] out) throws ProtocolViolationException {
        if (inflater.finished()) {
            // A final block (BFINAL) ended the sender's DEFLATE data: nothing after it is data.
            input.position(input.limit());
            return allowed;
        }
        inflater.setInput(input);
        long left = allowed;
        try {
            while (true) {
                // One byte past what is allowed shows the limit crossed; no overflow when nothing limits.
                int room = left >= out.length ? out.length : (int) Math.max(0, left) + 1;
                int n = inflater.inflate(out, 0, room);
                if (n > 0) {
                    left -= n;
                    sink.accept(ByteBuffer.wrap(out, 0, n));
                } else if (inflater.needsDictionary()) {
                    throw new ProtocolViolationException(CloseCodes.INVALID_PAYLOAD,
                            "compressed message asks for a preset dictionary (RFC 7692 §7.2.2)");
                } else {
                    break; // input used up, or the stream finished
                }
            }
        } catch (DataFormatException e) {
            if (!contextTakeover && inflatedBefore && TOO_FAR_BACK.equals(e.getMessage())) {
                // A fresh inflater per message: data that reaches back past the message's start
                // refers to an earlier one, which the peer agreed not to do (RFC 7692 §7.1.1).
                String parameter = peerIsClient ? "client_no_context_takeover" : "server_no_context_takeover";
                throw new ProtocolViolationException(CloseCodes.INVALID_PAYLOAD, "compressed message refers to an "
                        + "earlier one: peer ignored " + parameter + " (RFC 7692 §7.1.1)", parameter);
            }
            throw new ProtocolViolationException(CloseCodes.INVALID_PAYLOAD,
                    "compressed message is not valid DEFLATE data: " + e.getMessage());
        }
        input.position(input.limit());
        return left;
    }

    /** Gives the inflater back (or ends a connection's own); called at the end of a message and when the connection ends. */
    void release() {
        Inflater i = inflater;
        if (i != null) {
            inflater = null;
            pool.release(i);
        }
    }

    /** Whether an inflater is held now. */
    boolean holdsInflater() {
        return inflater != null;
    }
}
