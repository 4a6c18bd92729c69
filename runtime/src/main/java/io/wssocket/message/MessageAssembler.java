package io.wssocket.message;

import java.nio.ByteBuffer;

/**
 * Turns the data frames of one connection into what its message handlers take: for a handler of
 * whole messages the message, gathered while its frames arrive (within the session's buffer size
 * and the {@link GatheringBudget}); for a partial handler each frame's piece, text cut at character
 * boundaries. One message at a time (RFC 6455 §5.4: data messages do not interleave), on the thread
 * that reads the connection.
 *
 * <p>A handler that reads whole messages as a stream (Reader, InputStream, a stream decoder) is not
 * served here: its messages pass through a {@link MessageStream} and are never gathered.
 *
 * <p>It holds memory only while a message arrives in pieces: the gathering buffer grows with the
 * message and is dropped when the message is taken. Every gathered byte is counted in the budget
 * as it arrives; the caller takes over those bytes with the message ({@link #isCounted()}) and
 * releases them once it has been handled.
 */
public final class MessageAssembler {
    private final GatheringBudget budget;
    // Made when first needed.
    private MessageBuffer buffer;
    private TextPieceDecoder textPieces;
    /** Bytes of the message being gathered, counted in the budget. */
    private long gathered;
    // What the last call returned.
    private long size;
    private boolean counted;

    public MessageAssembler(GatheringBudget budget) {
        this.budget = budget;
    }

    /**
     * What a text frame's payload gives a handler: for a {@code partial} handler its piece (a
     * character split between frames is carried over to the next piece); otherwise the whole
     * message once its last frame is in, null while it is still being gathered.
     *
     * @param maxMessageBytes the session's text buffer size: a whole message larger than it fails
     * @param scratch an array of the calling thread's, through which a message that came in one frame is decoded
     * @param announced bytes of the message the peer announced beyond this chunk (see {@link MessageBuffer#append})
     */
    public String text(ByteBuffer chunk, boolean first, boolean last, boolean partial, int maxMessageBytes,
                       byte[] scratch, long announced) throws MessageLimitException {
        int n = chunk.remaining();
        if (partial) {
            if (textPieces == null) {
                textPieces = new TextPieceDecoder();
            }
            return read(textPieces.decode(chunk, last), n);
        }
        if (first && last) {
            checkSize(n, maxMessageBytes, "text");
            return read(MessageBuffer.text(chunk, scratch), n);
        }
        gather(chunk, last, maxMessageBytes, "text", announced);
        return last ? taken(buffer.takeText()) : null;
    }

    /** As {@link #text}, for a binary frame: a piece, the whole message, or null while gathering. */
    public byte[] binary(ByteBuffer chunk, boolean first, boolean last, boolean partial, int maxMessageBytes,
                         long announced) throws MessageLimitException {
        int n = chunk.remaining();
        if (partial) {
            return read(MessageBuffer.bytes(chunk), n);
        }
        if (first && last) {
            checkSize(n, maxMessageBytes, "binary");
            return read(MessageBuffer.bytes(chunk), n);
        }
        gather(chunk, last, maxMessageBytes, "binary", announced);
        return last ? taken(buffer.takeBytes()) : null;
    }

    /** The bytes the peer sent for what the last call returned (UTF-8 for text). */
    public long size() {
        return size;
    }

    /**
     * Whether those bytes are counted in the budget already (a gathered message: the caller now owns
     * the reservation), or were read in one piece and are the caller's to count.
     */
    public boolean isCounted() {
        return counted;
    }

    /** Forgets the message being gathered (its connection closed) and releases its bytes. */
    public void drop() {
        budget.release(gathered);
        gathered = 0;
        if (buffer != null) {
            buffer.clear();
        }
    }

    /**
     * Adds a piece to the message being gathered. A piece the budget has no room for drops the
     * whole message: it cannot wait half gathered (see {@link GatheringBudget}).
     */
    private void gather(ByteBuffer chunk, boolean last, int maxMessageBytes, String kind, long announced)
            throws MessageLimitException {
        if (buffer == null) {
            buffer = new MessageBuffer();
        }
        int n = chunk.remaining();
        checkSize(buffer.length() + (long) n, maxMessageBytes, kind);
        if (!budget.tryReserve(n)) {
            long soFar = gathered + n;
            drop();
            throw MessageLimitException.noRoom(kind, soFar, budget.limit());
        }
        gathered += n;
        buffer.append(chunk, last, Math.min(announced, maxMessageBytes - (buffer.length() + (long) n)));
    }

    private static void checkSize(long size, int limit, String kind) throws MessageLimitException {
        if (size > limit) {
            throw MessageLimitException.tooBig(kind, size, limit);
        }
    }

    private <T> T read(T message, long bytes) {
        size = bytes;
        counted = false;
        return message;
    }

    private <T> T taken(T message) {
        size = gathered;
        counted = true;
        gathered = 0;
        return message;
    }
}
