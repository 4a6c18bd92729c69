package io.wssocket.wire;

import java.nio.ByteBuffer;

/**
 * Incremental parser of RFC 6455 §5.2 frames. Takes input in chunks split anywhere, checks every
 * rule that a single frame header can break, unmasks payload in place and hands it on as slices
 * of the input buffer: nothing is copied except header bytes that straddle two chunks.
 *
 * <p>Rules across frames (continuations, UTF-8, close payloads) belong to {@link WebSocketReader}.
 * One instance per connection; not thread-safe.
 */
public final class FrameParser {

    /** Receives the frames of one connection, in order. */
    public interface Handler {
        /** A frame header was read and passed the single-frame checks. */
        void onFrameHeader(boolean fin, int rsv, int opcode, long payloadLength) throws ProtocolViolationException;

        /**
         * Unmasked payload between the buffer's position and limit, valid only during the call.
         * Called at least once per frame (with an empty chunk for an empty frame);
         * {@code endOfFrame} marks the last chunk.
         *
         * @return false to stop parsing after this chunk; the rest of the input is left unread
         */
        boolean onFramePayload(ByteBuffer chunk, boolean endOfFrame) throws ProtocolViolationException;
    }

    private static final int MAX_HEADER = 14;

    private final boolean expectMasked;
    private final long maxFramePayload;
    private int allowedRsv;
    /** RSV1 marks a compressed frame (permessage-deflate), whose payload may exceed the limit by DEFLATE's overhead. */
    private boolean rsv1Compressed;

    /**
     * A header split across two reads, gathered; made only when a split happens and dropped when
     * the header is complete, so that a connection between frames holds nothing here.
     */
    private ByteBuffer splitHeader;
    private int headerFill;
    private int headerNeeded;

    private boolean inPayload;
    /** Header bytes of data frames read so far, split ones included: a peer sending a header slowly is still sending. */
    private long dataHeaderBytes;
    private long payloadRemaining;
    private boolean masked;
    private int maskKey;
    private int maskPhase;

    /**
     * @param expectMasked true on the server side (RFC 6455 §5.1: a server must fail a connection
     *     that sends unmasked frames), false on the client side (a client must fail on masked ones)
     * @param maxFramePayload frames announcing more payload are refused with 1009
     * @param allowedRsv the RSV bits (0-7, RSV1 = 4) that negotiated extensions define
     */
    public FrameParser(boolean expectMasked, long maxFramePayload, int allowedRsv) {
        if (maxFramePayload < 125) {
            throw new IllegalArgumentException("maxFramePayload must be at least 125, was " + maxFramePayload);
        }
        this.expectMasked = expectMasked;
        this.maxFramePayload = maxFramePayload;
        this.allowedRsv = allowedRsv;
    }

    /** Extensions negotiated after construction (the handshake) widen the RSV bits allowed. */
    public void allowRsv(int rsvBits) {
        this.allowedRsv = rsvBits;
    }

    /**
     * Permessage-deflate was negotiated: a frame with RSV1 carries compressed data, which may be a
     * little larger than what it inflates to; the reader holds the inflated bytes to the limit.
     * Without it, RSV1 (allowed by another extension) leaves the frame limit as it is.
     */
    public void compressedWithRsv1() {
        this.allowedRsv |= WebSocketReader.RSV1;
        this.rsv1Compressed = true;
    }

    /**
     * Consumes input, calling the handler for every frame piece. Returns when the input is used
     * up or the handler asked to stop. The input must be writable: masked payload is unmasked in
     * place. After a {@link ProtocolViolationException} the parser's state is undefined and the
     * connection must be failed, not read further.
     */
    public void parse(ByteBuffer in, Handler handler) throws ProtocolViolationException {
        while (in.hasRemaining()) {
            if (!inPayload) {
                if (!readHeader(in, handler)) {
                    return;
                }
                if (payloadRemaining == 0) {
                    inPayload = false;
                    if (!deliver(in, in.position(), handler, true)) {
                        return;
                    }
                }
            } else {
                int start = in.position();
                int end = start + (int) Math.min(payloadRemaining, in.remaining());
                if (masked) {
                    maskPhase = Masking.mask(in, start, end, maskKey, maskPhase);
                }
                payloadRemaining -= end - start;
                boolean endOfFrame = payloadRemaining == 0;
                if (endOfFrame) {
                    inPayload = false;
                }
                if (!deliver(in, end, handler, endOfFrame)) {
                    return;
                }
            }
        }
    }

    /** Payload bytes of the current frame still to come after the chunk being delivered; 0 between frames. */
    public long payloadRemaining() {
        return payloadRemaining;
    }

    /** Header bytes of data frames read so far (control frames' not counted); only grows. */
    public long dataHeaderBytes() {
        return dataHeaderBytes;
    }

    /** Whether the parser is between frames (no partial header or payload pending). */
    public boolean isAtFrameBoundary() {
        return !inPayload && headerFill == 0;
    }

    private static boolean deliver(ByteBuffer in, int end, Handler handler, boolean endOfFrame)
            throws ProtocolViolationException {
        int limit = in.limit();
        in.limit(end);
        boolean more;
        try {
            more = handler.onFramePayload(in, endOfFrame);
        } finally {
            in.limit(limit);
            in.position(end);
        }
        return more;
    }

    private boolean readHeader(ByteBuffer in, Handler handler) throws ProtocolViolationException {
        int pos = in.position();
        if (headerFill == 0 && in.remaining() >= 2) {
            int need = checkFirstBytes(in.get(pos), in.get(pos + 1));
            if (in.remaining() >= need) {
                if (!Opcode.isControl(in.get(pos) & 0x0F)) {
                    dataHeaderBytes += need;
                }
                decodeHeader(in, pos, handler);
                in.position(pos + need);
                return true;
            }
        }
        if (splitHeader == null) {
            splitHeader = ByteBuffer.allocate(MAX_HEADER);
        }
        byte[] header = splitHeader.array();
        while (in.hasRemaining()) {
            header[headerFill++] = in.get();
            if (!Opcode.isControl(header[0] & 0x0F)) {
                dataHeaderBytes++;
            }
            if (headerFill == 2) {
                headerNeeded = checkFirstBytes(header[0], header[1]);
            }
            if (headerFill >= 2 && headerFill == headerNeeded) {
                ByteBuffer complete = splitHeader;
                headerFill = 0;
                splitHeader = null;
                decodeHeader(complete, 0, handler);
                return true;
            }
        }
        return false;
    }

    /** Checks what the first two bytes alone decide and returns the header's full length. */
    private int checkFirstBytes(byte b0, byte b1) throws ProtocolViolationException {
        boolean fin = (b0 & 0x80) != 0;
        int rsv = (b0 >> 4) & 0x7;
        int opcode = b0 & 0x0F;
        boolean isMasked = (b1 & 0x80) != 0;
        int len7 = b1 & 0x7F;
        if ((rsv & ~allowedRsv) != 0) {
            // RFC 6455 §5.2: RSV bits must be 0 unless an extension defines them.
            throw new ProtocolViolationException(CloseCodes.PROTOCOL_ERROR,
                    "RSV bits " + rsv + " set without a negotiated extension");
        }
        if (!Opcode.isDefined(opcode)) {
            // RFC 6455 §5.2: reserved opcodes fail the connection.
            throw new ProtocolViolationException(CloseCodes.PROTOCOL_ERROR, "reserved opcode " + opcode);
        }
        if (Opcode.isControl(opcode)) {
            // RFC 6455 §5.5: control frames are at most 125 bytes and never fragmented.
            if (!fin) {
                throw new ProtocolViolationException(CloseCodes.PROTOCOL_ERROR,
                        "fragmented " + Opcode.name(opcode) + " frame");
            }
            if (len7 > 125) {
                throw new ProtocolViolationException(CloseCodes.PROTOCOL_ERROR,
                        Opcode.name(opcode) + " frame payload over 125 bytes");
            }
        }
        if (isMasked != expectMasked) {
            // RFC 6455 §5.1: clients mask every frame, servers none.
            throw new ProtocolViolationException(CloseCodes.PROTOCOL_ERROR,
                    expectMasked ? "unmasked frame from client" : "masked frame from server");
        }
        int length = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0);
        return isMasked ? length + 4 : length;
    }

    private void decodeHeader(ByteBuffer src, int at, Handler handler) throws ProtocolViolationException {
        byte b0 = src.get(at);
        byte b1 = src.get(at + 1);
        int len7 = b1 & 0x7F;
        int i = at + 2;
        long length;
        if (len7 == 126) {
            length = bigEndian(src, i, 2);
            i += 2;
        } else if (len7 == 127) {
            length = bigEndian(src, i, 8);
            i += 8;
            if (length < 0) {
                // RFC 6455 §5.2: the most significant bit of a 64-bit length must be 0.
                throw new ProtocolViolationException(CloseCodes.PROTOCOL_ERROR, "64-bit payload length with high bit set");
            }
        } else {
            length = len7;
        }
        // A compressed frame (RSV1 under permessage-deflate) of incompressible data is a little
        // larger than what it inflates to; the reader holds its inflated bytes to the limit itself.
        long limit = rsv1Compressed && (b0 & 0x40) != 0 ? compressedBound(maxFramePayload) : maxFramePayload;
        if (length > limit) {
            throw new ProtocolViolationException(CloseCodes.MESSAGE_TOO_BIG,
                    "frame of " + length + " bytes exceeds the limit of " + maxFramePayload);
        }
        masked = (b1 & 0x80) != 0;
        if (masked) {
            maskKey = (int) bigEndian(src, i, 4);
            maskPhase = 0;
        }
        payloadRemaining = length;
        inPayload = length > 0;
        handler.onFrameHeader((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0x0F, length);
    }

    /**
     * The most bytes DEFLATE data of {@code inflated} bytes takes (RFC 1951 stored blocks add 5
     * bytes per 65535; zlib's deflateBound adds less than this), so that a peer may compress a
     * message of exactly the limit.
     */
    static long compressedBound(long inflated) {
        long bound = inflated + (inflated >> 10) + 64;
        return bound < 0 ? Long.MAX_VALUE : bound;
    }

    /**
     * RFC 6455 §5.2: multibyte lengths (and the masking key, most significant byte first) are in
     * network byte order, whatever order the caller's input buffer is set to; otherwise a
     * little-endian buffer would parse differently depending on where the header was split.
     */
    private static long bigEndian(ByteBuffer src, int at, int bytes) {
        long value = 0;
        for (int k = 0; k < bytes; k++) {
            value = (value << 8) | (src.get(at + k) & 0xFF);
        }
        return value;
    }
}
