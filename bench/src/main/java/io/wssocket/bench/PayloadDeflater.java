package io.wssocket.bench;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses one message at a time for permessage-deflate (RFC 7692 §7.2.1): raw DEFLATE ended with
 * a sync flush, whose {@code 00 00 ff ff} tail is removed. With context takeover the one
 * {@link Deflater} keeps its window from message to message; without it the deflater is reset
 * after every message, as the peer's {@code client_no_context_takeover} demands.
 */
final class PayloadDeflater {

    private static final int TAIL = 4;

    private final Deflater deflater;
    private final boolean contextTakeover;
    private byte[] output = new byte[256];
    private int length;

    PayloadDeflater(int level, boolean contextTakeover) {
        this.deflater = new Deflater(level, true);
        this.contextTakeover = contextTakeover;
    }

    /**
     * Compresses {@code payload[offset, offset + count)} as one message; the result is
     * {@link #output()}{@code [0, }{@link #length()}{@code )}, valid until the next call.
     */
    void deflate(byte[] payload, int offset, int count) {
        if (count == 0) {
            // RFC 7692 §7.2.3.6: an empty message is one 00 byte (an empty stored block less the tail);
            // zlib would write nothing for a second sync flush without input
            output[0] = 0;
            length = 1;
            return;
        }
        deflater.setInput(payload, offset, count);
        length = 0;
        while (true) {
            if (length == output.length) {
                output = Arrays.copyOf(output, output.length * 2);
            }
            int n = deflater.deflate(output, length, output.length - length, Deflater.SYNC_FLUSH);
            length += n;
            // a sync flush is complete when it did not fill the space it was given (java.util.zip's contract)
            if (length < output.length && deflater.needsInput()) {
                break;
            }
        }
        if (length < TAIL || output[length - 4] != 0 || output[length - 3] != 0
                || output[length - 2] != (byte) 0xFF || output[length - 1] != (byte) 0xFF) {
            throw new IllegalStateException("a sync flush did not end with 00 00 ff ff");
        }
        length -= TAIL;
        if (!contextTakeover) {
            deflater.reset();
        }
    }

    byte[] output() {
        return output;
    }

    int length() {
        return length;
    }

    /** Frees zlib's native memory. */
    void close() {
        deflater.end();
    }
}
