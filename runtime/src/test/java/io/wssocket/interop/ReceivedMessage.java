package io.wssocket.interop;

/**
 * A data message as a client received it.
 *
 * @param payload the wire payload: UTF-8 for text
 * @param parts how many pieces the client library delivered it in (at least the frame count when
 *     it delivers partially, 1 when it gathers the message)
 */
record ReceivedMessage(MessageType type, byte[] payload, int parts) {
}
