package io.wssocket.bench;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses permessage-deflate messages as their frames arrive, in any split (RFC 7692 §7.2.2):
 * compressed payload goes in chunk by chunk, inflated bytes come out in chunks to a {@link Sink};
 * at the message's end the removed {@code 00 00 ff ff} tail is put back. With context takeover the
 * {@link Inflater} keeps the sender's window across messages; without it (the peer's
 * {@code server_no_context_takeover}) it is reset after every message.
 */
final class PayloadInflater {

    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    /** Receives inflated payload; the buffer is valid only during the call. */
    interface Sink {
        void accept(ByteBuffer inflated) throws ProtocolException;
    }

    private final Inflater inflater = new Inflater(true);
    private final boolean contextTakeover;
    private final byte[] out;
    private final ByteBuffer outView;
    /** The current message's DEFLATE data ended with a final block: the tail is not appended then. */
    private boolean streamEnded;

    /**
     * @param contextTakeover whether the sender keeps its window across messages
     * @param chunkSize the largest piece handed to the sink at once
     */
    PayloadInflater(boolean contextTakeover, int chunkSize) {
        this.contextTakeover = contextTakeover;
        this.out = new byte[chunkSize];
        this.outView = ByteBuffer.wrap(out);
    }

    /** Inflates a chunk of a compressed message's payload (its remaining bytes, all consumed). */
    void inflate(ByteBuffer compressed, Sink sink) throws ProtocolException {
        inflater.setInput(compressed);
        drain(sink, false);
        compressed.position(compressed.limit());
    }

    /** The message's last frame ended: inflates the tail, then resets without context takeover. */
    void finish(Sink sink) throws ProtocolException {
        if (!streamEnded) {
            inflater.setInput(TAIL);
            drain(sink, true);
        }
        streamEnded = false;
        if (!contextTakeover) {
            inflater.reset();
        }
    }

    private void drain(Sink sink, boolean tail) throws ProtocolException {
        try {
            while (true) {
                int n = inflater.inflate(out);
                if (n > 0) {
                    outView.clear().limit(n);
                    sink.accept(outView);
                }
                if (inflater.finished()) {
                    // RFC 7692 §7.2.3.4: a message may end with a final block (BFINAL); the tail
                    // appended after it is then unused, and the next message starts a new stream
                    int left = inflater.getRemaining();
                    if (left > 0 && !tail) {
                        throw new ProtocolException(left + " bytes after the end of a DEFLATE stream");
                    }
                    inflater.reset();
                    streamEnded = true;
                    return;
                }
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return;
                }
            }
        } catch (DataFormatException e) {
            throw new ProtocolException("compressed payload is not valid DEFLATE: " + e.getMessage());
        }
    }

    /** Frees zlib's native memory. */
    void close() {
        inflater.end();
    }
}
