package io.wssocket.endpoint;

/**
 * The {@code @OnMessage} method of one message kind (Jakarta WebSocket 2.2 §4.7).
 *
 * @param kind text, binary or pong
 * @param deliveredType what the session's message handler is registered for: String,
 *     ByteBuffer, byte[] or PongMessage
 * @param partial whether the method takes the message in parts with a {@code boolean last}
 * @param invoker the bound method
 * @param maxMessageSize the session's buffer size for this kind, or a value &le; 0 for the default
 */
record MessageMethod(MessageKind kind, Class<?> deliveredType, boolean partial, MethodInvoker invoker,
                     long maxMessageSize) {

    /** The native message kinds of Jakarta WebSocket 2.2 §2.1.3; an endpoint has at most one method each. */
    enum MessageKind { TEXT, BINARY, PONG }
}
