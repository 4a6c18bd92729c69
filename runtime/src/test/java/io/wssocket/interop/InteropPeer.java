package io.wssocket.interop;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One client connection of a third-party WebSocket library, reduced to what the interop cases
 * need. Sends block until the library has taken the frame, at most {@link #SEND_TIMEOUT}; the
 * await methods fail after their timeout, naming what the client saw instead.
 */
interface InteropPeer extends AutoCloseable, MessageParts {
    /** How long one send may take: ample for 16 MiB on loopback, short enough to end a case whose server stopped reading. */
    Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #close} waits for each step of a closing handshake that a case left open. */
    Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    void sendPing(ByteBuffer payload) throws Exception;

    /** Starts the close handshake with this code and reason. */
    void sendClose(int code, String reason) throws Exception;

    /**
     * The subprotocol the opening handshake settled on, as the client library reports it: the
     * server's {@code Sec-WebSocket-Protocol} answer (RFC 6455 §4.1), empty when there was none.
     */
    String subprotocol();

    /**
     * Whether the client library says the connection runs over TLS, where its API tells (as
     * {@code Session.isSecure()} does); empty where it has nothing for it.
     */
    Optional<Boolean> secure();

    /**
     * The extensions the opening handshake settled on, as the client library reports them (RFC
     * 6455 §9.1): a {@code Sec-WebSocket-Extensions} value, with the parameters where the library
     * tells them, "" for none; empty where its API has nothing for it.
     */
    Optional<String> extensions();

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

    /** Starts a normal close (1000) unless the connection is closing or closed already. */
    void closeNormally() throws Exception;

    /** Lets go of the connection, and of whatever the library holds for it, at once. */
    void release();

    /**
     * Closes normally if still open and gives the close handshake {@link #CLOSE_TIMEOUT}, then
     * releases the connection; never throws.
     */
    @Override
    default void close() {
        try {
            closeNormally();
            events().closed.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The test has its verdict already; only the connection is left to release.
        } finally {
            release();
        }
    }
}
