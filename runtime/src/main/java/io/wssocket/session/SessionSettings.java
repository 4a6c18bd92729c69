package io.wssocket.session;

/**
 * Per-session defaults taken from the container configuration; a session may change its own
 * copies through the {@code jakarta.websocket.Session} setters.
 *
 * @param idleTimeoutMillis close after this long without a message in or out; 0 for never
 * @param maxTextMessageBufferSize largest whole text message, in bytes (1009 beyond it)
 * @param maxBinaryMessageBufferSize largest whole binary message, in bytes (1009 beyond it)
 * @param sendTimeoutMillis how long a blocking send, or an async one, may take before the
 *     connection is dropped
 * @param maxPendingMessages messages handed to endpoint code and not yet handled, beyond which
 *     the session stops reading from the socket
 * @param maxPendingBytes bytes of such messages beyond which it stops reading too (one larger
 *     message is still delivered)
 * @param sendQueuePolicy what a send does when the outbound queue is full
 * @param sendStallTimeoutMillis under {@link SendQueuePolicy#CLOSE}: how long a blocking send may wait
 *     on an unwritable connection to which nothing could be written before the peer is dropped
 */
public record SessionSettings(long idleTimeoutMillis, int maxTextMessageBufferSize, int maxBinaryMessageBufferSize,
                              long sendTimeoutMillis, int maxPendingMessages, long maxPendingBytes,
                              SendQueuePolicy sendQueuePolicy, long sendStallTimeoutMillis) {
    public SessionSettings {
        java.util.Objects.requireNonNull(sendQueuePolicy, "sendQueuePolicy");
        if (idleTimeoutMillis < 0 || sendTimeoutMillis <= 0 || maxPendingMessages < 1 || maxPendingBytes < 1
                || sendStallTimeoutMillis <= 0
                || maxTextMessageBufferSize < 1 || maxBinaryMessageBufferSize < 1) {
            throw new IllegalArgumentException("invalid session settings: " + idleTimeoutMillis + ", "
                    + maxTextMessageBufferSize + ", " + maxBinaryMessageBufferSize + ", " + sendTimeoutMillis
                    + ", " + maxPendingMessages + ", " + maxPendingBytes);
        }
    }

    /** A message buffer size a container may default to: refused below 1 byte rather than failing every later handshake. */
    public static int checkBufferSize(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a message buffer size must be at least 1 byte, not " + max);
        }
        return max;
    }
}
