package io.wssocket.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * How a client connection's bytes travel over its socket: as they are ({@code ws://},
 * {@link #PLAIN}) or through TLS ({@code wss://}, {@link TlsTransport}). The connection reads and
 * writes WebSocket bytes; the transport turns them into what the socket carries.
 */
interface Transport {

    /** Makes a connection's transport once its socket exists. */
    interface Opener {
        Transport open(SocketChannel channel);
    }

    /** Bytes as they are: the socket's own reads and writes. */
    Opener PLAIN = PlainTransport::new;

    /** The TCP connection is up: a TLS transport starts its handshake here. */
    void connected() throws IOException;

    /**
     * Reads into {@code dst} what arrived: WebSocket bytes, 0 when none (none came, or only TLS
     * records of its own), -1 at the end of the stream.
     */
    int read(ByteBuffer dst) throws IOException;

    /** Whether bytes already read wait to be handed out by another {@link #read} (no socket event will say so). */
    boolean hasBufferedInput();

    /** Writes what the socket takes of {@code src}'s remaining bytes; the rest stays in {@code src}. */
    void write(ByteBuffer src) throws IOException;

    /**
     * Whether the connection should wait for the socket to become writable: bytes of its own wait,
     * or {@code callerHasBytes} and the transport can take them now.
     */
    boolean waitsToWrite(boolean callerHasBytes);

    /** Says goodbye at the transport's level (TLS: close_notify) as far as the socket takes it at once. */
    void close();

    /** ws://: the socket's bytes are the WebSocket bytes. */
    final class PlainTransport implements Transport {

        private final SocketChannel channel;

        PlainTransport(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void connected() {
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public boolean hasBufferedInput() {
            return false;
        }

        @Override
        public void write(ByteBuffer src) throws IOException {
            channel.write(src);
        }

        @Override
        public boolean waitsToWrite(boolean callerHasBytes) {
            return callerHasBytes;
        }

        @Override
        public void close() {
        }
    }
}
