package io.wssocket.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns a connection's inbound bytes into message pieces and control messages, enforcing the
 * rules of RFC 6455 §5.4-§5.6 and §7 that span frames: continuation order, UTF-8 of text
 * messages and close reasons (failing at the first bad byte), close payloads, and the message
 * size and frame count limits. Payload is passed on as slices of the input buffer; only control frames that
 * arrive in pieces are gathered into a 125-byte array.
 *
 * <p>One instance per connection; not thread-safe.
 */
public final class WebSocketReader implements FrameParser.Handler {

    /** Receives what the peer sent, in order. Buffers are valid only during the call. */
    public interface Listener {
        /** A piece of a text message; bytes are valid UTF-8 so far (a character may continue in the next piece). */
        void onText(ByteBuffer chunk, boolean first, boolean last) throws ProtocolViolationException;

        void onBinary(ByteBuffer chunk, boolean first, boolean last) throws ProtocolViolationException;

        void onPing(ByteBuffer payload) throws ProtocolViolationException;

        void onPong(ByteBuffer payload) throws ProtocolViolationException;

        /** The peer's close frame; {@link CloseCodes#NO_STATUS} when it carried no code. Nothing is read after it. */
        void onClose(int code, String reason) throws ProtocolViolationException;
    }

    /** Frames one message may take unless told otherwise; far more than any real sender splits a message into. */
    public static final int DEFAULT_MAX_FRAMES_PER_MESSAGE = 4096;
    /** The RSV bit permessage-deflate uses (RFC 7692 §6: "Per-Message Compressed" bit). */
    public static final int RSV1 = 4;

    private final FrameParser parser;
    private final Listener listener;
    private final long maxMessageSize;
    private final int maxFramesPerMessage;
    /** Made when the first text message arrives: a connection that only idles, or only reads binary, holds none. */
    private Utf8Validator utf8;

    private int frameOpcode;
    private boolean frameFin;
    private int messageOpcode = -1;
    private long messageLength;
    private boolean messageFirstChunk;
    private int messageFrames;
    /** Counts non-empty payload chunks of data frames (the parser counts their header bytes). */
    private long dataProgress;

    /**
     * Set when permessage-deflate was negotiated (RFC 7692); null otherwise, so a connection
     * without it holds none of inflation's state.
     */
    private Inflation inflation;
    private boolean messageCompressed;

    /** Made when a control frame first arrives in pieces (RFC 6455 §5.5: at most 125 bytes); rare, so not up front. */
    private byte[] control;
    private int controlLength;
    private boolean closeReceived;

    public WebSocketReader(FrameParser parser, long maxMessageSize, Listener listener) {
        this(parser, maxMessageSize, DEFAULT_MAX_FRAMES_PER_MESSAGE, listener);
    }

    /**
     * @param maxFramesPerMessage frames (the first and its continuations, empty ones included) a
     *     message may take; one more fails with 1009, since each costs work but an empty one no bytes
     */
    public WebSocketReader(FrameParser parser, long maxMessageSize, int maxFramesPerMessage, Listener listener) {
        if (maxFramesPerMessage < 1) {
            throw new IllegalArgumentException("maxFramesPerMessage must be at least 1, was " + maxFramesPerMessage);
        }
        this.parser = parser;
        this.maxMessageSize = maxMessageSize;
        this.maxFramesPerMessage = maxFramesPerMessage;
        this.listener = listener;
    }

    /**
     * Permessage-deflate was negotiated (RFC 7692): RSV1 on the first frame of a data message
     * marks it compressed. Its inflated bytes count against the message size limit, and those
     * inflated from one frame against {@code maxInflatedFrame}, as they are produced.
     *
     * @param contextTakeover whether the peer may refer to earlier messages (it was not asked for
     *     no_context_takeover): the connection then keeps an inflater of its own
     * @param peerIsClient whether the peer is the client (names its parameter when it breaks it)
     */
    public void inflateMessages(ZlibPool pool, boolean contextTakeover, boolean peerIsClient, long maxInflatedFrame) {
        this.inflation = new Inflation(pool, contextTakeover, peerIsClient, maxInflatedFrame);
        parser.compressedWithRsv1();
    }

    /**
     * Payload bytes the peer has announced for the message being delivered beyond the chunk in
     * hand: the rest of its current frame, as its header declared it. 0 for a compressed message
     * (its inflated size is unknown) and between frames. A size hint only: the peer may never send them.
     */
    public long dataBytesAnnounced() {
        return messageCompressed ? 0 : parser.payloadRemaining();
    }

    /** Gives back what inflating holds; the connection ended. */
    public void release() {
        if (inflation != null) {
            inflation.release();
        }
    }

    /** Whether an inflater is held now (a compressed message is being read, or the peer takes context over). */
    public boolean holdsInflater() {
        return inflation != null && inflation.holdsInflater();
    }

    /** Consumes the bytes between the buffer's position and limit. After a close frame, input is ignored. */
    public void read(ByteBuffer in) throws ProtocolViolationException {
        if (!closeReceived) {
            parser.parse(in, this);
        }
        // RFC 6455 §5.5.1: nothing the peer sends after its close frame is processed.
        in.position(in.limit());
    }

    public boolean isCloseReceived() {
        return closeReceived;
    }

    /** Whether a fragmented data message has started and not finished. */
    public boolean isInsideMessage() {
        return messageOpcode >= 0;
    }

    /**
     * Whether the peer owes the rest of something it began: a frame (header or payload) or the
     * fragments of a message. A peer that stops here holds the connection without finishing anything.
     */
    public boolean isInsideFrameOrMessage() {
        return messageOpcode >= 0 || !parser.isAtFrameBoundary();
    }

    /** Whether the peer is in the middle of a frame: part of its header or payload is still to come. */
    public boolean isInsideFrame() {
        return !parser.isAtFrameBoundary();
    }

    /**
     * A number that grows whenever a data frame's header or payload bytes are read; control frames
     * do not move it, so pings between the fragments of a message are no progress with the message.
     */
    public long dataProgress() {
        return dataProgress + parser.dataHeaderBytes();
    }

    @Override
    public void onFrameHeader(boolean fin, int rsv, int opcode, long payloadLength) throws ProtocolViolationException {
        frameOpcode = opcode;
        frameFin = fin;
        if (inflation != null) {
            inflation.frameInflated = 0;
        }
        boolean compressedBit = inflation != null && (rsv & RSV1) != 0;
        if (compressedBit && (Opcode.isControl(opcode) || opcode == Opcode.CONTINUATION)) {
            // RFC 7692 §6.1: the bit is set on the first frame of a message only; never on control frames.
            throw new ProtocolViolationException(CloseCodes.PROTOCOL_ERROR,
                    "RSV1 set on a " + Opcode.name(opcode) + " frame");
        }
        if (Opcode.isControl(opcode)) {
            controlLength = 0;
            return;
        }
        if (opcode == Opcode.CONTINUATION) {
            if (messageOpcode < 0) {
                // RFC 6455 §5.4: a continuation frame needs a started message.
                throw new ProtocolViolationException(CloseCodes.PROTOCOL_ERROR, "continuation frame without a message to continue");
            }
            // RFC 6455 §5.4 sets no bound on fragments, §10.4 asks for limits: ten million empty
            // continuations cost a frame's work each and no bytes, so the size limit never sees them.
            if (++messageFrames > maxFramesPerMessage) {
                throw new ProtocolViolationException(CloseCodes.MESSAGE_TOO_BIG, "message of more than "
                        + maxFramesPerMessage + " frames exceeds max-frames-per-message");
            }
        } else {
            if (messageOpcode >= 0) {
                // RFC 6455 §5.4: fragments of one message are not interleaved with another.
                throw new ProtocolViolationException(CloseCodes.PROTOCOL_ERROR,
                        "new " + Opcode.name(opcode) + " message while a fragmented message is unfinished");
            }
            messageOpcode = opcode;
            messageLength = 0;
            messageFirstChunk = true;
            messageFrames = 1;
            messageCompressed = compressedBit;
            if (inflation != null) {
                inflation.messageInflated = 0;
            }
            if (opcode == Opcode.TEXT) {
                if (utf8 == null) {
                    utf8 = new Utf8Validator();
                } else {
                    utf8.reset();
                }
            }
        }
        messageLength += payloadLength;
        // A compressed message's inflated bytes are held to the limit as they come (inflateChunk).
        if (messageLength > (messageCompressed ? FrameParser.compressedBound(maxMessageSize) : maxMessageSize)) {
            throw new ProtocolViolationException(CloseCodes.MESSAGE_TOO_BIG,
                    "message of at least " + messageLength + " bytes exceeds the limit of " + maxMessageSize);
        }
    }

    @Override
    public boolean onFramePayload(ByteBuffer chunk, boolean endOfFrame) throws ProtocolViolationException {
        if (Opcode.isControl(frameOpcode)) {
            return onControlPayload(chunk, endOfFrame);
        }
        if (chunk.hasRemaining()) {
            dataProgress++;
        }
        boolean last = endOfFrame && frameFin;
        if (messageCompressed) {
            inflateChunk(chunk, endOfFrame, last);
            return true;
        }
        boolean first = messageFirstChunk;
        if (!first && !last && !chunk.hasRemaining()) {
            return true; // an empty middle fragment says nothing
        }
        messageFirstChunk = false;
        if (messageOpcode == Opcode.TEXT) {
            if (!utf8.validate(chunk)) {
                throw new ProtocolViolationException(CloseCodes.INVALID_PAYLOAD, "text message is not valid UTF-8");
            }
            if (last && !utf8.isComplete()) {
                throw new ProtocolViolationException(CloseCodes.INVALID_PAYLOAD, "text message ends inside a UTF-8 sequence");
            }
        }
        if (last) {
            int opcode = messageOpcode;
            messageOpcode = -1;
            deliverData(opcode, chunk, first, true);
        } else {
            deliverData(messageOpcode, chunk, first, false);
        }
        return true;
    }

    /**
     * Inflates a compressed message's chunk, delivering what it yields in pieces; at the end of
     * the message the last (possibly empty) piece. Fails with 1009 as soon as the inflated bytes
     * cross a limit, having inflated at most one byte past it.
     */
    private void inflateChunk(ByteBuffer chunk, boolean endOfFrame, boolean last) throws ProtocolViolationException {
        Inflation inflating = inflation;
        long allowed = Math.min(maxMessageSize - inflating.messageInflated, inflating.maxInflatedFrame - inflating.frameInflated);
        inflating.inflate(chunk, last, allowed, inflating);
        if (endOfFrame && !last && messageFirstChunk) {
            // As for an uncompressed message: its first frame is a first piece even when it yields no bytes yet.
            messageFirstChunk = false;
            deliverData(messageOpcode, ByteBuffer.allocate(0), true, false);
        } else if (last) {
            if (messageOpcode == Opcode.TEXT && !utf8.isComplete()) {
                throw new ProtocolViolationException(CloseCodes.INVALID_PAYLOAD, "text message ends inside a UTF-8 sequence");
            }
            int opcode = messageOpcode;
            boolean first = messageFirstChunk;
            messageOpcode = -1;
            messageCompressed = false;
            deliverData(opcode, ByteBuffer.allocate(0), first, true);
        }
    }

    /**
     * Permessage-deflate's side of reading: the inflater with the inflated bytes counted against
     * the limits, and where inflated pieces go (one sink, not a method reference per chunk). One
     * object per connection that agreed to the extension, none for the others.
     */
    private final class Inflation extends MessageInflater implements MessageInflater.Sink {
        final long maxInflatedFrame;
        long messageInflated;
        long frameInflated;

        Inflation(ZlibPool pool, boolean contextTakeover, boolean peerIsClient, long maxInflatedFrame) {
            super(pool, contextTakeover, peerIsClient);
            this.maxInflatedFrame = maxInflatedFrame;
        }

        @Override
        public void accept(ByteBuffer piece) throws ProtocolViolationException {
            messageInflated += piece.remaining();
            frameInflated += piece.remaining();
            if (messageInflated > maxMessageSize) {
                throw new ProtocolViolationException(CloseCodes.MESSAGE_TOO_BIG,
                        "compressed message inflates past the limit of " + maxMessageSize + " bytes");
            }
            if (frameInflated > maxInflatedFrame) {
                throw new ProtocolViolationException(CloseCodes.MESSAGE_TOO_BIG,
                        "compressed frame inflates past the limit of " + maxInflatedFrame + " bytes");
            }
            deliverInflated(piece);
        }
    }

    private void deliverInflated(ByteBuffer piece) throws ProtocolViolationException {
        if (messageOpcode == Opcode.TEXT && !utf8.validate(piece)) {
            throw new ProtocolViolationException(CloseCodes.INVALID_PAYLOAD, "text message is not valid UTF-8");
        }
        boolean first = messageFirstChunk;
        messageFirstChunk = false;
        deliverData(messageOpcode, piece, first, false);
    }

    private void deliverData(int opcode, ByteBuffer chunk, boolean first, boolean last) throws ProtocolViolationException {
        if (opcode == Opcode.TEXT) {
            listener.onText(chunk, first, last);
        } else {
            listener.onBinary(chunk, first, last);
        }
    }

    private boolean onControlPayload(ByteBuffer chunk, boolean endOfFrame) throws ProtocolViolationException {
        ByteBuffer payload;
        if (endOfFrame && controlLength == 0) {
            payload = chunk; // the whole frame arrived in one piece: no copy
        } else {
            if (control == null) {
                control = new byte[125];
            }
            int n = chunk.remaining();
            chunk.get(chunk.position(), control, controlLength, n);
            controlLength += n;
            if (!endOfFrame) {
                return true;
            }
            payload = ByteBuffer.wrap(control, 0, controlLength);
        }
        switch (frameOpcode) {
            case Opcode.PING:
                listener.onPing(payload);
                return true;
            case Opcode.PONG:
                listener.onPong(payload);
                return true;
            default:
                return onClosePayload(payload);
        }
    }

    private boolean onClosePayload(ByteBuffer payload) throws ProtocolViolationException {
        int length = payload.remaining();
        int code;
        String reason;
        if (length == 0) {
            code = CloseCodes.NO_STATUS;
            reason = "";
        } else if (length == 1) {
            // RFC 6455 §5.5.1: a close body starts with a two-byte code.
            throw new ProtocolViolationException(CloseCodes.PROTOCOL_ERROR, "close frame with a 1-byte payload");
        } else {
            // RFC 6455 §5.5.1: the code is a two-byte unsigned integer in network byte order,
            // whatever order the input buffer is set to.
            int p = payload.position();
            code = ((payload.get(p) & 0xFF) << 8) | (payload.get(p + 1) & 0xFF);
            if (!CloseCodes.isValidOnWire(code)) {
                throw new ProtocolViolationException(CloseCodes.PROTOCOL_ERROR, "invalid close code " + code);
            }
            int from = payload.position() + 2;
            if (!Utf8Validator.isValid(payload.duplicate().position(from))) {
                // RFC 6455 §7.1.6: the close reason is UTF-8.
                throw new ProtocolViolationException(CloseCodes.INVALID_PAYLOAD, "close reason is not valid UTF-8");
            }
            byte[] bytes = new byte[payload.limit() - from];
            payload.get(from, bytes);
            reason = new String(bytes, StandardCharsets.UTF_8);
        }
        closeReceived = true;
        listener.onClose(code, reason);
        return false;
    }
}
