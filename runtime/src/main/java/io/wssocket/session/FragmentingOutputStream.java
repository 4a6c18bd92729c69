package io.wssocket.session;

import io.wssocket.protocol.MessageKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A message written as a stream: bytes are gathered into fragments of a fixed size, each sent as
 * a frame of one message; {@link #close()} sends the last. A text message's UTF-8 may split
 * between fragments (RFC 6455 §5.6 validates the whole message, not each frame).
 */
final class FragmentingOutputStream extends OutputStream {
    private static final int FRAGMENT_SIZE = 8192;

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
        ByteBuffer fragment = ByteBuffer.wrap(java.util.Arrays.copyOf(buffer, length));
        length = 0;
        sender.await(sender.sendPartBlocking(kind, fragment, last));
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the message stream is closed");
        }
    }
}
