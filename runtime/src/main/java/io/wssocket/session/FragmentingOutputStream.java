package io.wssocket.session;

import io.wssocket.protocol.MessageKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A message written as a stream: bytes are gathered into fragments of a fixed size, each sent as
 * a frame of one message; {@link #close()} sends the last. A text message's UTF-8 may split
 * between fragments (RFC 6455 §5.6 validates the whole message, not each frame).
 *
 * <p>Nothing gathers the message: each frame is sent, and waited for, before the next is filled,
 * so a stream holds one fragment's buffer whatever the message's size. The send is blocking, so
 * the buffer (or a slice of the caller's array, for a large write) is handed to the connection
 * without a copy and is the stream's again once the send returns; a send that failed may have left
 * its frame queued, so the stream then lets go of that buffer.
 */
final class FragmentingOutputStream extends OutputStream {
    private static final int FRAGMENT_SIZE = 8192;
    /**
     * Largest frame sent straight from the caller's array: large writes take fewer frames (a peer's
     * max-frames-per-message counts them) while staying under common peers' frame limits (Jetty's
     * default is 64 KiB).
     */
    static final int MAX_DIRECT_FRAME = 65536;

    private final MessageSender sender;
    private final MessageKind kind;
    private byte[] buffer = new byte[FRAGMENT_SIZE];
    private int length;
    private boolean closed;

    FragmentingOutputStream(MessageSender sender, MessageKind kind) {
        this.sender = sender;
        this.kind = kind;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (length == buffer.length) {
            sendFragment(false);
        }
        buffer[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (length == buffer.length) {
                sendFragment(false);
            }
            if (length == 0 && len > buffer.length) {
                // Straight from the caller's array, but never all of it: the last bytes wait in the
                // buffer, so that close() has a last frame to send rather than an empty one.
                int n = Math.min(len - buffer.length, MAX_DIRECT_FRAME);
                send(ByteBuffer.wrap(b, off, n), false);
                off += n;
                len -= n;
                continue;
            }
            int n = Math.min(len, buffer.length - length);
            System.arraycopy(b, off, buffer, length, n);
            length += n;
            off += n;
            len -= n;
        }
    }

    /** A full buffer is sent when more is written; flush itself sends nothing, so the last frame is never empty needlessly. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            sendFragment(true);
            buffer = null;
        }
    }

    private void sendFragment(boolean last) throws IOException {
        int n = length;
        length = 0;
        try {
            send(ByteBuffer.wrap(buffer, 0, n), last);
        } catch (IOException | RuntimeException e) {
            buffer = new byte[FRAGMENT_SIZE]; // the failed frame may still be queued: its bytes are not ours to change
            throw e;
        }
    }

    /** Sends one frame and waits until the connection is done with its bytes (Connection.write: unchanged until then). */
    private void send(ByteBuffer fragment, boolean last) throws IOException {
        sender.await(sender.sendPartBlocking(kind, fragment, last));
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the message stream is closed");
        }
    }
}
