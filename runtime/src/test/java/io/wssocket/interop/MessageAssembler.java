package io.wssocket.interop;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Queue;

/**
 * Gathers the pieces in which a client library hands over a message into one
 * {@link ReceivedMessage}, counting them; a library that gathers messages itself hands over one
 * piece with {@code last} set. Libraries deliver one piece at a time per connection, but not
 * always on the same thread, so the methods are synchronized.
 */
final class MessageAssembler {
    private final Queue<ReceivedMessage> messages;
    // Text is gathered as characters and encoded once whole, so nothing depends on where a library
    // cuts it: a surrogate pair cut in two could not be encoded in halves (RFC 3629 §3).
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private int parts;

    MessageAssembler(Queue<ReceivedMessage> messages) {
        this.messages = messages;
    }

    synchronized void text(CharSequence piece, boolean last) {
        text.append(piece);
        parts++;
        if (last) {
            messages.add(new ReceivedMessage(MessageType.TEXT, text.toString().getBytes(StandardCharsets.UTF_8), parts));
            text.setLength(0);
            parts = 0;
        }
    }

    /** Copies the piece's remaining bytes without moving it, so the library may recycle it afterwards. */
    synchronized void binary(ByteBuffer piece, boolean last) {
        binary.writeBytes(InteropPayloads.toArray(piece));
        parts++;
        if (last) {
            messages.add(new ReceivedMessage(MessageType.BINARY, binary.toByteArray(), parts));
            binary.reset();
            parts = 0;
        }
    }
}
