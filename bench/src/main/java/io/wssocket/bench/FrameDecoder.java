package io.wssocket.bench;

import java.net.ProtocolException;
import java.nio.ByteBuffer;

/**
 * An incremental RFC 6455 frame parser: bytes go in in any split, frame events come out. Payload is
 * handed over as slices of the input buffer, never copied; only the header (at most 14 bytes) is
 * kept between calls. RSV1 is allowed only once permessage-deflate was negotiated
 * ({@link #allowCompressed()}), and then only on a data message's first frame (RFC 7692 §6.1);
 * RSV2 and RSV3 must be zero.
 */
final class FrameDecoder {

    /** Receives the frames, in order. Payload slices are valid only during the call. */
    interface Handler {

        void frameStart(boolean fin, int opcode, long payloadLength) throws ProtocolException;

        /** Unmasked payload bytes of the current frame; called zero or more times per frame. */
        void payload(ByteBuffer chunk) throws ProtocolException;

        void frameEnd() throws ProtocolException;
    }

    private final boolean expectMasked;
    private boolean compressionAllowed;
    private boolean rsv1;
    private final byte[] header = new byte[14];
    private final byte[] maskKey = new byte[4];
    private int headerHave;
    private int headerNeed = 2;
    private boolean inPayload;
    private boolean masked;
    private long remaining;
    private long payloadOffset;

    /**
     * @param expectMasked whether frames must be masked: true when reading what a client sent,
     *     false when reading what a server sent (RFC 6455 §5.1: either way, the other is an error)
     */
    FrameDecoder(boolean expectMasked) {
        this.expectMasked = expectMasked;
    }

    /** permessage-deflate was negotiated: RSV1 may mark a data message's first frame from now on. */
    void allowCompressed() {
        compressionAllowed = true;
    }

    /** Whether the current frame (from its {@code frameStart} on) has RSV1 set: a compressed message starts. */
    boolean rsv1() {
        return rsv1;
    }

    /**
     * Consumes all of {@code in}'s remaining bytes. Masked payload is unmasked in place, in
     * {@code in}'s own storage.
     */
    void feed(ByteBuffer in, Handler handler) throws ProtocolException {
        while (true) {
            if (!inPayload) {
                if (!readHeader(in)) {
                    return;
                }
                long length = payloadLength();
                boolean fin = (header[0] & 0x80) != 0;
                int opcode = header[0] & 0x0F;
                headerHave = 0;
                headerNeed = 2;
                remaining = length;
                payloadOffset = 0;
                handler.frameStart(fin, opcode, length);
                if (length == 0) {
                    handler.frameEnd();
                    continue;
                }
                inPayload = true;
            }
            int n = (int) Math.min(remaining, in.remaining());
            if (n == 0) {
                return;
            }
            int start = in.position();
            if (masked) {
                FrameEncoder.mask(in, start, n, maskKey, payloadOffset);
            }
            ByteBuffer chunk = in.slice(start, n);
            in.position(start + n);
            remaining -= n;
            payloadOffset += n;
            handler.payload(chunk);
            if (remaining == 0) {
                inPayload = false;
                handler.frameEnd();
            }
        }
    }

    /** Collects header bytes; returns true once the whole header is there. */
    private boolean readHeader(ByteBuffer in) throws ProtocolException {
        while (headerHave < headerNeed) {
            if (!in.hasRemaining()) {
                return false;
            }
            header[headerHave++] = in.get();
            if (headerHave == 2) {
                headerNeed = checkFirstTwoBytes();
            }
        }
        return true;
    }

    private int checkFirstTwoBytes() throws ProtocolException {
        int b0 = header[0] & 0xFF;
        int b1 = header[1] & 0xFF;
        int opcode = b0 & 0x0F;
        rsv1 = (b0 & 0x40) != 0;
        if ((b0 & 0x30) != 0 || (rsv1 && !compressionAllowed)) {
            throw new ProtocolException("RSV bits set without a negotiated extension (RFC 6455 §5.2)");
        }
        if (rsv1 && (Opcode.isControl(opcode) || opcode == Opcode.CONTINUATION)) {
            throw new ProtocolException("RSV1 on a control or continuation frame (RFC 7692 §6.1)");
        }
        if (!Opcode.isKnown(opcode)) {
            throw new ProtocolException("unknown opcode 0x" + Integer.toHexString(opcode) + " (RFC 6455 §5.2)");
        }
        masked = (b1 & 0x80) != 0;
        if (masked != expectMasked) {
            throw new ProtocolException(masked
                    ? "masked frame from a server (RFC 6455 §5.1)"
                    : "unmasked frame from a client (RFC 6455 §5.1)");
        }
        int len7 = b1 & 0x7F;
        if (Opcode.isControl(opcode) && ((b0 & 0x80) == 0 || len7 > FrameEncoder.MAX_CONTROL_PAYLOAD)) {
            throw new ProtocolException("control frame fragmented or longer than 125 bytes (RFC 6455 §5.5)");
        }
        int need = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0);
        return masked ? need + 4 : need;
    }

    private long payloadLength() throws ProtocolException {
        int len7 = header[1] & 0x7F;
        int at = 2;
        long length;
        if (len7 == 126) {
            length = ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
            at = 4;
        } else if (len7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xFFL);
            }
            if (length < 0) {
                throw new ProtocolException("64-bit payload length with the most significant bit set (RFC 6455 §5.2)");
            }
            at = 10;
        } else {
            length = len7;
        }
        if (masked) {
            System.arraycopy(header, at, maskKey, 0, 4);
        }
        return length;
    }
}
