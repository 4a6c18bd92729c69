package io.wssocket.interop;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One client connection of a third-party WebSocket library, reduced to what the interop cases
 * need. Sends block until the library has taken the frame, at most {@link #SEND_TIMEOUT}; the
 * await methods fail after their timeout, naming what the client saw instead.
 */
interface InteropPeer extends AutoCloseable {
    /** How long one send may take: ample for 16 MiB on loopback, short enough to end a case whose server stopped reading. */
    Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    void sendText(String part, boolean last) throws Exception;

    void sendBinary(ByteBuffer part, boolean last) throws Exception;

    void sendPing(ByteBuffer payload) throws Exception;

    /** Starts the close handshake with this code and reason. */
    void sendClose(int code, String reason) throws Exception;

    /** What the client library reported receiving. */
    PeerEvents events();

    default ReceivedMessage nextMessage(Duration timeout) throws Exception {
        return events().nextMessage(timeout);
    }

    default byte[] nextPong(Duration timeout) throws Exception {
        return events().nextPong(timeout);
    }

    /** The close frame the server sent, as the client library reported it. */
    default CloseStatus awaitClose(Duration timeout) throws Exception {
        return events().awaitClose(timeout);
    }

    /** Closes normally if still open, else lets go of the connection; never throws. */
    @Override
    void close();
}
