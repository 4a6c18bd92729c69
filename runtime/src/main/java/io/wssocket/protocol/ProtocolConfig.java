package io.wssocket.protocol;

/**
 * Limits and timeouts of one WebSocket connection.
 *
 * @param client whether this side is the client (it masks what it sends, expects unmasked input)
 * @param maxFramePayload frames announcing more payload fail the connection with 1009
 * @param maxMessageSize messages growing past this fail the connection with 1009
 * @param maxFramesPerMessage messages of more frames (empty continuations included) fail the
 *     connection with 1009
 * @param closeTimeoutMillis how long to wait for the peer's close frame, or for its end of stream
 *     after a failed connection, before dropping the socket; after a violation it counts from the
 *     violation and bounds the wait for the replies to the messages before it as well
 * @param maxPingsPerSecond pings the peer may send in one second; one more fails the connection
 *     with 1008 (each is answered with a pong, so a flood would be echoed); 0 for no limit
 * @param readIdleTimeoutMillis close with 1001 when nothing was read for this long, even while
 *     this side keeps writing; 0 for never
 * @param readProgressTimeoutMillis fail with 1008 when the peer, inside a frame or between the
 *     fragments of a message, sends no data-frame bytes for this long; 0 for never
 * @param pingIntervalMillis send a ping when nothing was written for this long; 0 for never
 */
public record ProtocolConfig(boolean client, long maxFramePayload, long maxMessageSize, int maxFramesPerMessage,
                             long closeTimeoutMillis, int maxPingsPerSecond, long readIdleTimeoutMillis,
                             long readProgressTimeoutMillis, long pingIntervalMillis) {
    public ProtocolConfig {
        if (maxFramePayload < 125 || maxMessageSize < 125) {
            throw new IllegalArgumentException("frame and message limits must be at least 125 bytes");
        }
        if (maxFramesPerMessage < 1) {
            throw new IllegalArgumentException("maxFramesPerMessage must be at least 1");
        }
        if (readIdleTimeoutMillis < 0 || pingIntervalMillis < 0 || readProgressTimeoutMillis < 0) {
            throw new IllegalArgumentException(
                    "readIdleTimeoutMillis, readProgressTimeoutMillis and pingIntervalMillis must not be negative");
        }
        if (maxPingsPerSecond < 0) {
            throw new IllegalArgumentException("maxPingsPerSecond must not be negative");
        }
        if (closeTimeoutMillis <= 0) {
            throw new IllegalArgumentException("closeTimeoutMillis must be positive");
        }
    }
}
